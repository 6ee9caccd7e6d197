import { expect } from '@jest/globals';
import { nudgeSync } from '../../../client/sync-workflow';
import { createTask, getUser, listOpenSyncErrors, listSyncLog, updateTask } from '../../../store';
import { salesforceSyncWorkflowId } from '../../../contract/ids';
import { LastErrorCode } from '../../../contract/search-attributes';
import { pollingOnlyWhenNudged, harnessStores, startTaskSyncHarness, type TaskSyncHarness } from '../../support/task-sync-harness';
import { eventually } from '../../support/temporal';

/**
 * Failures are classified and shown: a record Salesforce refuses is recorded and retried while
 * the rest syncs; passing trouble is retried with backoff; an expired session is renewed; a
 * connection a person must fix pauses the sync with the cause and the fix, and it resumes
 * where it stopped once fixed.
 */
let h: TaskSyncHarness;
const usernames = ['rules@acme.test', 'flaky@acme.test', 'expired@acme.test', 'revoked@acme.test', 'noapi@acme.test', 'limit@acme.test'];

const userOf = (username: string) => `user-${username.split('@')[0]}`;
const sfUser = (username: string) => h.org.users[username] as string;

async function switchOn(username: string, pollConfig = pollingOnlyWhenNudged) {
  const user = userOf(username);
  await h.switchOn(user, username, { pollConfig });
  return user;
}

const round = (user: string, source: 'sia' | 'resync' = 'resync') => h.round(user, source);

const paused = (user: string) => eventually(() => h.status(user), (s) => s?.phase === 'paused', 30_000);

async function lastErrorCodeAttribute(user: string) {
  const description = await h.temporal.client.workflow.getHandle(salesforceSyncWorkflowId(user)).describe();
  return description.typedSearchAttributes.get(LastErrorCode);
}

describe.each(harnessStores)('on %s', (store) => {
  beforeAll(async () => {
    h = await startTaskSyncHarness(usernames, { store });
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe('a record Salesforce refuses', () => {
    it('is recorded with its code and an explanation, the rest of the batch syncs, and it is retried until it goes through', async () => {
      const username = 'rules@acme.test';
      const user = await switchOn(username);
      await h.org.emulator.control.installValidationRule(h.org.orgId, {
        sobject: 'Task',
        name: 'No_TBD_Subject',
        condition: { field: 'Subject', op: 'startsWith', value: 'TBD' },
        message: 'Give the task a real subject, not TBD.',
        errorField: 'Subject',
      });
      const good = await createTask(h.store.db, user, { name: 'Send contract' });
      const refusedThenRenamed = await createTask(h.store.db, user, { name: 'TBD agenda' });
      const refusedUntilRuleGoes = await createTask(h.store.db, user, { name: 'TBD pricing' });
      const alsoGood = await createTask(h.store.db, user, { name: 'Book room' });

      const status = await round(user, 'sia');
      expect(status?.phase).toBe('reconciling');
      expect(status?.lastError).toBeNull();
      const inSf = (await h.sfTasks(username)).map((t) => t.SIA_Task_Id__c);
      expect(inSf.sort()).toEqual([good.id, alsoGood.id].sort());

      const groups = await listOpenSyncErrors(h.store.db, user);
      expect(groups).toHaveLength(1);
      expect(groups[0]).toMatchObject({ code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', count: 2 });
      const errors = groups[0]?.errors ?? [];
      expect(errors.map((e) => e.siaTaskId).sort()).toEqual([refusedThenRenamed.id, refusedUntilRuleGoes.id].sort());
      for (const error of errors) {
        expect(error).toMatchObject({ key: `task:${error.siaTaskId}`, message: 'Give the task a real subject, not TBD.' });
        expect(error.explanation).toMatch(/validation rule/);
        expect(error.explanation).toMatch(/Resync/);
      }
      const logged = await listSyncLog(h.store.db, user, { siaTaskId: refusedUntilRuleGoes.id });
      expect(logged[0]).toMatchObject({ action: 'error', message: expect.stringContaining('Blocked by a Salesforce validation rule') });

      // Later rounds try them again (still refused: more attempts on the same open errors).
      const attempts = () => listOpenSyncErrors(h.store.db, user).then((g) => g[0]?.errors.map((e) => e.attempts) ?? []);
      const before = await attempts();
      await round(user);
      const after = await attempts();
      expect(after).toHaveLength(2);
      after.forEach((n, i) => expect(n).toBeGreaterThan(before[i] ?? 0));

      // One is fixed in SIA, the other by the admin removing the rule.
      await updateTask(h.store.db, user, refusedThenRenamed.id, { name: 'Agenda for Monday' });
      await round(user, 'sia');
      expect((await h.sfTasks(username)).find((t) => t.SIA_Task_Id__c === refusedThenRenamed.id)?.Subject).toBe('Agenda for Monday');
      expect((await listOpenSyncErrors(h.store.db, user))[0]?.errors.map((e) => e.siaTaskId)).toEqual([refusedUntilRuleGoes.id]);

      await h.org.emulator.control.removeValidationRules(h.org.orgId);
      await round(user);
      expect((await h.sfTasks(username)).find((t) => t.SIA_Task_Id__c === refusedUntilRuleGoes.id)?.Subject).toBe('TBD pricing');
      expect(await listOpenSyncErrors(h.store.db, user)).toEqual([]);
      expect((await h.sfTasksWithDeleted(username)).filter((t) => t.SIA_Task_Id__c)).toHaveLength(4);
    });
  });

  describe('passing trouble', () => {
    it('retries locked rows and unavailable servers with backoff until everything is synced', async () => {
      const username = 'flaky@acme.test';
      const user = await switchOn(username);
      const sf = await h.salesforceAs(username);
      const fromSf = await sf.sobject('Task').create({ Subject: 'Made in Salesforce while it was flaky', Status: 'Not Started', Priority: 'Normal' });
      if (!fromSf.success) throw new Error('seed failed');
      await h.org.emulator.control.clearCalls();
      const control = h.org.emulator.control;
      await control.addFault({ kind: 'error', path: '/composite/sobjects/Task/SIA_Task_Id__c', method: 'PATCH', userId: sfUser(username), status: 400, errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record', times: 2 });
      await control.addFault({ kind: 'error', path: '/queryAll', method: 'GET', userId: sfUser(username), status: 503, errorCode: 'SERVER_UNAVAILABLE', times: 2 });
      await control.addFault({ kind: 'error', path: '/queryAll', method: 'GET', userId: sfUser(username), status: 500, errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred', times: 1 });
      const tasks = await Promise.all(['Lock one', 'Lock two', 'Lock three'].map((name) => createTask(h.store.db, user, { name })));

      const status = await round(user, 'sia');
      expect(status?.phase).toBe('reconciling');
      expect(status?.lastError).toBeNull();
      const sfIds = (await h.sfTasksWithDeleted(username)).map((t) => t.SIA_Task_Id__c);
      for (const task of tasks) expect(sfIds.filter((id) => id === task.id)).toHaveLength(1);
      expect((await h.siaTasks(user)).map((t) => t.name)).toContain('Made in Salesforce while it was flaky');
      expect(await listOpenSyncErrors(h.store.db, user)).toEqual([]);

      // Three upsert attempts: two refused, the third through, each retry later than the one before.
      const upserts = (await control.calls({ userId: sfUser(username), method: 'PATCH', path: 'SIA_Task_Id__c' })).calls;
      expect(upserts.map((c) => c.status)).toEqual([400, 400, 200]);
      const gaps = upserts.slice(1).map((c, i) => Date.parse(c.at) - Date.parse(upserts[i]?.at ?? c.at));
      expect(gaps[0]).toBeGreaterThanOrEqual(900);
      expect(gaps[1]).toBeGreaterThanOrEqual(1900);
      expect((await control.faults()).faults).toEqual([]);
    });

    it('renews an expired session without bothering anyone', async () => {
      const username = 'expired@acme.test';
      const user = await switchOn(username);
      expect(await h.org.emulator.control.expireSessions({ userId: sfUser(username) })).toBeGreaterThan(0);
      await h.org.emulator.control.clearCalls();
      const task = await createTask(h.store.db, user, { name: 'After the session expired' });
      const status = await round(user, 'sia');
      expect(status).toMatchObject({ phase: 'reconciling', lastError: null });
      expect((await h.sfTasks(username)).some((t) => t.SIA_Task_Id__c === task.id)).toBe(true);
      // The refused call (a dead session names no user) and the renewal with the refresh token.
      const calls = (await h.org.emulator.control.calls()).calls;
      expect(calls.filter((c) => c.status === 401).map((c) => c.endpoint)).not.toEqual([]);
      expect(calls.some((c) => c.path.endsWith('/oauth2/token') && c.status === 200)).toBe(true);
      expect((await getUser(h.store.db, user))?.salesforce.status).toBe('connected');
    });
  });

  describe('trouble a person must fix', () => {
    it('a revoked refresh token pauses with invalid_grant and says to reconnect; after reconnecting and saving, it resumes where it stopped', async () => {
      const username = 'revoked@acme.test';
      const user = await switchOn(username);
      await h.org.emulator.control.revokeTokens({ userId: sfUser(username) });
      await h.org.emulator.control.expireSessions({ userId: sfUser(username) });
      const waiting = await createTask(h.store.db, user, { name: 'Made while disconnected' });
      await nudgeSync(h.temporal.client, user, { source: 'sia' });

      const status = await paused(user);
      expect(status?.phase).toBe('paused');
      expect(status?.lastError).toMatchObject({ code: 'invalid_grant', title: 'Reconnect Salesforce' });
      expect(status?.lastError?.fix).toMatch(/connect your Salesforce account again/);
      expect(await eventually(() => lastErrorCodeAttribute(user), (code) => code === 'invalid_grant')).toBe('invalid_grant');
      const account = await getUser(h.store.db, user);
      expect(account?.salesforce.status).toBe('needs_reconnect');
      expect(account?.salesforce.statusDetail).toMatch(/Reconnect Salesforce/);
      expect((await listOpenSyncErrors(h.store.db, user)).map((g) => g.code)).toEqual(['invalid_grant']);

      // The user reconnects (a new refresh token is stored) and saves the settings again.
      await h.connect(user, username);
      const mark = new Date().toISOString();
      await h.save(user, { taskSync: { mode: 'two_way' } });
      const resumed = await h.synced(user, mark);
      expect(resumed).toMatchObject({ phase: 'reconciling', lastError: null });
      expect(await eventually(() => lastErrorCodeAttribute(user), (code) => code === 'none')).toBe('none');
      expect((await h.sfTasks(username)).filter((t) => t.SIA_Task_Id__c === waiting.id)).toHaveLength(1);
      expect((await getUser(h.store.db, user))?.salesforce.status).toBe('connected');
      expect(await listOpenSyncErrors(h.store.db, user)).toEqual([]);
    });

    it('an org or user without API access pauses with what to fix, and resumes on Resync once access is back', async () => {
      const username = 'noapi@acme.test';
      const user = await switchOn(username);
      const control = h.org.emulator.control;

      await control.updateUser(h.org.orgId, sfUser(username), { apiEnabled: false });
      const first = await createTask(h.store.db, user, { name: 'Waiting for API access' });
      await nudgeSync(h.temporal.client, user, { source: 'sia' });
      let status = await paused(user);
      expect(status?.lastError).toMatchObject({ code: 'API_CURRENTLY_DISABLED', title: 'Salesforce API not available' });
      expect(status?.lastError?.fix).toMatch(/API Enabled/);
      expect((await getUser(h.store.db, user))?.salesforce.status).toBe('api_disabled');

      await control.updateUser(h.org.orgId, sfUser(username), { apiEnabled: true });
      await control.updateOrg(h.org.orgId, { apiEnabled: false });
      let mark = new Date().toISOString();
      await nudgeSync(h.temporal.client, user, { source: 'resync' });
      status = await eventually(() => h.status(user), (s) => s?.phase === 'paused' && (s.lastError?.at ?? '') > mark);
      expect(status?.lastError).toMatchObject({ code: 'API_DISABLED_FOR_ORG', title: 'Salesforce API not available' });
      expect(status?.lastError?.fix).toMatch(/edition|API access/);
      expect((await getUser(h.store.db, user))?.salesforce.status).toBe('api_disabled');
      expect(await eventually(() => lastErrorCodeAttribute(user), (code) => code === 'API_DISABLED_FOR_ORG')).toBe('API_DISABLED_FOR_ORG');

      await control.updateOrg(h.org.orgId, { apiEnabled: true });
      mark = new Date().toISOString();
      await nudgeSync(h.temporal.client, user, { source: 'resync' });
      status = await h.synced(user, mark);
      expect(status).toMatchObject({ phase: 'reconciling', lastError: null });
      expect((await h.sfTasks(username)).filter((t) => t.SIA_Task_Id__c === first.id)).toHaveLength(1);
      expect((await getUser(h.store.db, user))?.salesforce.status).toBe('connected');
    });

    it('an exhausted daily allowance pauses, re-checks once per pause without hammering, and resumes where it stopped when calls free up', async () => {
      const username = 'limit@acme.test';
      const user = await switchOn(username, { ...pollingOnlyWhenNudged, exhaustedPauseSeconds: 2 });
      const control = h.org.emulator.control;
      await control.exhaustApiLimit(h.org.orgId);
      await control.clearCalls();
      const before = await createTask(h.store.db, user, { name: 'Made as the allowance ran out' });
      await nudgeSync(h.temporal.client, user, { source: 'sia' });
      const status = await paused(user);
      expect(status?.lastError).toMatchObject({ code: 'REQUEST_LIMIT_EXCEEDED', title: 'Salesforce daily API limit reached' });
      expect(status?.lastError?.fix).toMatch(/resumes when calls free up/);
      expect(await eventually(() => lastErrorCodeAttribute(user), (code) => code === 'REQUEST_LIMIT_EXCEEDED')).toBe('REQUEST_LIMIT_EXCEEDED');

      // Changes on both sides while paused.
      const during = await createTask(h.store.db, user, { name: 'Made during the pause' });
      const [sfDuring] = await control.seedRecords(h.org.orgId, [{ sobject: 'Task', owner: username, fields: { Subject: 'Made in Salesforce during the pause', Status: 'Not Started', Priority: 'High' } }]);

      // Each re-check is one refused call, a pause apart.
      const refused = await eventually(
        async () => (await control.calls({ userId: sfUser(username) })).calls,
        (calls) => calls.filter((c) => c.status === 403).length >= 3,
        30_000,
      );
      expect(refused.every((c) => c.status === 403 && !c.counted)).toBe(true);
      const gaps = refused.slice(1, 3).map((c, i) => Date.parse(c.at) - Date.parse(refused[i]?.at ?? c.at));
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1900);

      const mark = new Date().toISOString();
      await control.setApiUsage(h.org.orgId, 0);
      const resumed = await h.synced(user, mark);
      expect(resumed).toMatchObject({ phase: 'reconciling', lastError: null });
      const sfIds = (await h.sfTasks(username)).map((t) => t.SIA_Task_Id__c);
      expect(sfIds.filter((id) => id === before.id || id === during.id)).toHaveLength(2);
      const imported = await eventually(() => h.siaTasks(user), (ts) => ts.some((t) => t.name === 'Made in Salesforce during the pause'));
      expect(imported.find((t) => t.name === 'Made in Salesforce during the pause')).toMatchObject({ priority: 'high', origin: 'salesforce' });
      expect((await h.links(user)).some((l) => l.sfTaskId === sfDuring)).toBe(true);
    });
  });
});

import { createTask, completeTask, getTask, softDeleteTask, updateTask, currentSeq, listSyncLog } from '../../../store';
import { nudgeSync } from '../../../client/sync-workflow';
import { harnessStores, startTaskSyncHarness, type TaskSyncHarness } from '../../support/task-sync-harness';
import { eventually } from '../../support/temporal';

let h: TaskSyncHarness;

const hoursAgo = (n: number, from = Date.now()) => new Date(from - n * 3600_000).toISOString();
const twoWay = { taskSync: { mode: 'two_way' } };

describe.each(harnessStores)('on %s', (store) => {
  beforeAll(async () => {
    h = await startTaskSyncHarness(['alice@acme.test', 'bob@acme.test', 'carol@acme.test', 'dave@acme.test'], { store });
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe('the first sync', () => {
    it('imports Salesforce tasks changed in the 24 hours before switch-on, never pushes tasks SIA had already, and pushes new ones', async () => {
      const user = 'user-alice';
      await h.connect(user, 'alice@acme.test', 'Europe/Madrid');
      const now = Date.parse((await h.org.emulator.control.now()).now);
      await h.org.emulator.control.seedRecords(h.org.orgId, [
        { sobject: 'Task', owner: 'alice@acme.test', fields: { Subject: 'Modified 23h59m ago', Status: 'Not Started', Priority: 'High', ActivityDate: '2026-12-01', CreatedDate: hoursAgo(72, now), LastModifiedDate: new Date(now - 24 * 3600_000 + 60_000).toISOString(), SystemModstamp: new Date(now - 24 * 3600_000 + 60_000).toISOString() } },
        { sobject: 'Task', owner: 'alice@acme.test', fields: { Subject: 'Modified 24h01m ago', Status: 'Not Started', Priority: 'Normal', CreatedDate: hoursAgo(72, now), LastModifiedDate: new Date(now - 24 * 3600_000 - 60_000).toISOString(), SystemModstamp: new Date(now - 24 * 3600_000 - 60_000).toISOString() } },
        { sobject: 'Task', owner: 'alice@acme.test', fields: { Subject: 'Created an hour ago', Status: 'In Progress', Priority: 'Low', ActivityDate: '2026-12-31', Description: 'call back', CreatedDate: hoursAgo(1, now), LastModifiedDate: hoursAgo(1, now), SystemModstamp: hoursAgo(1, now) } },
        { sobject: 'Task', owner: 'bob@acme.test', fields: { Subject: "Bob's task", Status: 'Not Started', Priority: 'Normal', CreatedDate: hoursAgo(1, now), LastModifiedDate: hoursAgo(1, now), SystemModstamp: hoursAgo(1, now) } },
      ]);
      const existing = await createTask(h.store.db, user, { name: 'Already in SIA before sync', dueDate: '2026-12-02' });

      const before = new Date().toISOString();
      await h.save(user, twoWay);
      await h.synced(user, before);

      const sia = await h.siaTasks(user);
      expect(sia.map((t) => t.name).sort()).toEqual(['Already in SIA before sync', 'Created an hour ago', 'Modified 23h59m ago']);
      const imported = sia.find((t) => t.name === 'Created an hour ago');
      expect(imported).toMatchObject({ status: 'open', priority: 'normal', dueDate: '2026-12-31', details: 'call back', origin: 'salesforce' });
      expect(sia.find((t) => t.name === 'Modified 23h59m ago')).toMatchObject({ priority: 'high', dueDate: '2026-12-01' });

      const sfBefore = await h.sfTasks('alice@acme.test');
      expect(sfBefore.map((t) => t.Subject)).not.toContain('Already in SIA before sync');

      const fresh = await createTask(h.store.db, user, { name: 'New after switch-on', dueDate: '2026-12-03', priority: 'high', details: 'bring slides' });
      await nudgeSync(h.temporal.client, user, { source: 'sia' });
      const sf = await eventually(() => h.sfTasks('alice@acme.test'), (tasks) => tasks.some((t) => t.Subject === 'New after switch-on'));
      expect(sf.find((t) => t.Subject === 'New after switch-on')).toMatchObject({ SIA_Task_Id__c: fresh.id, ActivityDate: '2026-12-03', Priority: 'High', Status: 'Not Started', Description: 'bring slides' });
      expect((await getTask(h.store.db, user, existing.id))?.name).toBe('Already in SIA before sync');
      expect(sf.filter((t) => t.Subject === 'Already in SIA before sync')).toHaveLength(0);
    });
  });

  describe('continuous reconciliation', () => {
    const user = 'user-bob';
    beforeAll(async () => {
      await h.connect(user, 'bob@acme.test', 'America/Los_Angeles');
      const before = new Date().toISOString();
      await h.save(user, twoWay);
      await h.synced(user, before);
    });

    it('takes create, edit, complete and delete from SIA to Salesforce, with the due date unchanged', async () => {
      const task = await createTask(h.store.db, user, { name: 'Send proposal', dueDate: '2027-01-01', reminderAt: '2026-12-31T23:30:00.000Z' });
      await nudgeSync(h.temporal.client, user, { source: 'sia' });
      let sf = await eventually(() => h.sfTasks('bob@acme.test'), (ts) => ts.some((t) => t.SIA_Task_Id__c === task.id));
      expect(sf.find((t) => t.SIA_Task_Id__c === task.id)).toMatchObject({ Subject: 'Send proposal', ActivityDate: '2027-01-01', IsReminderSet: true, ReminderDateTime: '2026-12-31T23:30:00.000+0000' });

      await updateTask(h.store.db, user, task.id, { name: 'Send signed proposal', priority: 'high' });
      await nudgeSync(h.temporal.client, user, { source: 'sia' });
      sf = await eventually(() => h.sfTasks('bob@acme.test'), (ts) => ts.some((t) => t.Subject === 'Send signed proposal'));
      expect(sf.find((t) => t.SIA_Task_Id__c === task.id)).toMatchObject({ Priority: 'High', ActivityDate: '2027-01-01' });

      await completeTask(h.store.db, user, task.id);
      await nudgeSync(h.temporal.client, user, { source: 'sia' });
      sf = await eventually(() => h.sfTasks('bob@acme.test'), (ts) => ts.some((t) => t.SIA_Task_Id__c === task.id && t.Status === 'Completed'));
      expect(sf.find((t) => t.SIA_Task_Id__c === task.id)).toMatchObject({ Status: 'Completed', IsClosed: true });

      await softDeleteTask(h.store.db, user, task.id);
      await nudgeSync(h.temporal.client, user, { source: 'sia' });
      sf = await eventually(() => h.sfTasks('bob@acme.test'), (ts) => !ts.some((t) => t.SIA_Task_Id__c === task.id));
      expect(sf.some((t) => t.SIA_Task_Id__c === task.id)).toBe(false);
    });

    it('takes create, edit, complete and delete from Salesforce to SIA, found by polling', async () => {
      const sf = await h.salesforceAs('bob@acme.test');
      const created = await sf.sobject('Task').create({ Subject: 'Call Dana', ActivityDate: '2027-02-28', Priority: 'Normal', Status: 'Not Started' });
      if (!created.success) throw new Error('create failed');
      const sfId = created.id;
      const findSia = async () => (await h.siaTasks(user)).find((t) => t.name.startsWith('Call Dana'));

      let sia = await eventually(findSia, (t) => t !== undefined);
      expect(sia).toMatchObject({ name: 'Call Dana', dueDate: '2027-02-28', status: 'open', origin: 'salesforce' });

      await sf.sobject('Task').update({ Id: sfId, Subject: 'Call Dana back', Priority: 'High' });
      sia = await eventually(findSia, (t) => t?.name === 'Call Dana back');
      expect(sia).toMatchObject({ priority: 'high', dueDate: '2027-02-28' });

      await sf.sobject('Task').update({ Id: sfId, Status: 'Completed' });
      sia = await eventually(findSia, (t) => t?.status === 'complete');
      expect(sia?.status).toBe('complete');

      await sf.sobject('Task').destroy(sfId);
      sia = await eventually(findSia, (t) => t === undefined);
      expect(sia).toBeUndefined();
      const log = await listSyncLog(h.store.db, user, { limit: 50 });
      expect(log.filter((e) => e.sfTaskId === sfId).map((e) => `${e.direction}:${e.action}`)).toEqual(expect.arrayContaining(['sf_to_sia:create', 'sf_to_sia:update', 'sf_to_sia:delete']));
    });

    it('does not echo its own writes back: a quiet round after a push makes no Salesforce write and no SIA change', async () => {
      const task = await createTask(h.store.db, user, { name: 'Echo check', dueDate: '2027-03-01' });
      await nudgeSync(h.temporal.client, user, { source: 'sia' });
      await eventually(() => h.sfTasks('bob@acme.test'), (ts) => ts.some((t) => t.SIA_Task_Id__c === task.id));
      // Let the pull see our own write come back.
      const mark = new Date().toISOString();
      await nudgeSync(h.temporal.client, user, { source: 'resync' });
      await h.synced(user, mark);
      await h.org.emulator.control.clearCalls();
      const seq = await currentSeq(h.store.db, user);

      const mark2 = new Date().toISOString();
      await nudgeSync(h.temporal.client, user, { source: 'resync' });
      await h.synced(user, mark2);
      const { calls } = await h.org.emulator.control.calls();
      expect(calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`)).toEqual([]);
      expect(await currentSeq(h.store.db, user)).toBe(seq);
    });
  });

  describe('switching off and on again', () => {
    it('stops syncing while off, then catches up: Salesforce deletions of the last 15 days leave SIA, edits arrive', async () => {
      const user = 'user-carol';
      await h.connect(user, 'carol@acme.test');
      const sf = await h.salesforceAs('carol@acme.test');
      const keep = await sf.sobject('Task').create({ Subject: 'Keep me', Status: 'Not Started', Priority: 'Normal' });
      const drop = await sf.sobject('Task').create({ Subject: 'Delete me while off', Status: 'Not Started', Priority: 'Normal' });
      if (!keep.success || !drop.success) throw new Error('seed failed');
      let mark = new Date().toISOString();
      await h.save(user, twoWay);
      await h.synced(user, mark);
      expect((await h.siaTasks(user)).map((t) => t.name).sort()).toEqual(['Delete me while off', 'Keep me']);

      await h.save(user, { taskSync: { mode: 'do_not_sync' } });
      await eventually(() => h.status(user), (s) => s?.phase === 'idle');
      await sf.sobject('Task').destroy(drop.id);
      await sf.sobject('Task').update({ Id: keep.id, Subject: 'Keep me, edited while off' });
      const made = await createTask(h.store.db, user, { name: 'Made in SIA while off' });
      // Off costs nothing: no Salesforce call while the workflow waits.
      await h.org.emulator.control.clearCalls();
      await new Promise((r) => setTimeout(r, 2500));
      expect((await h.org.emulator.control.calls()).calls.filter((c) => c.userId === h.org.users['carol@acme.test'])).toEqual([]);
      expect((await h.siaTasks(user)).map((t) => t.name).sort()).toEqual(['Delete me while off', 'Keep me', 'Made in SIA while off']);

      mark = new Date().toISOString();
      await h.save(user, twoWay);
      await h.synced(user, mark);
      expect((await h.siaTasks(user)).map((t) => t.name).sort()).toEqual(['Keep me, edited while off', 'Made in SIA while off']);
      // Tasks made while sync was off existed before it was switched on again: not pushed.
      expect((await h.sfTasks('carol@acme.test')).map((t) => t.SIA_Task_Id__c)).not.toContain(made.id);
    });
  });
});

import { expect } from '@jest/globals';
import { salesforceSyncWorkflowId } from '../../../contract/ids';
import { EmailLoggingMode, SiaUserId, TaskSyncMode } from '../../../contract/search-attributes';
import { addApiCalls, setApiLimitInfo } from '../../../store/api-usage';
import { appendSyncLog } from '../../../store/sync-log';
import { recordSyncError } from '../../../store/sync-errors';
import { setSalesforceConnection } from '../../../store/users';
import { eventually, startTestTemporal, type TestTemporal } from '../../support/temporal';
import type { ErrorBody } from '../../../api/http/api-error';
import { startApi, testSecretKey, type ApiHarness } from './api-harness';

/** The parts of the answers these tests read. */
interface SettingsAnswer {
  savedAt: string | null;
  choices: { taskSync: Array<{ value: string; label: string }> };
}
interface SavedAnswer {
  savedAt: string;
}
interface StatusAnswer {
  workflow: { state: string; status: { settingsChangesApplied: number } | null };
  salesforce: unknown;
  errors: { open: number; byCode: Array<{ code: string; count: number }> };
  apiUsage: unknown;
}
interface SyncLogAnswer {
  entries: Array<{ message: string }>;
  nextBefore: string | null;
}

let temporal: TestTemporal;
let api: ApiHarness;
beforeAll(async () => {
  temporal = await startTestTemporal();
  api = await startApi({ dialect: 'sqlite', temporal });
});
afterAll(async () => {
  await api?.close();
  await temporal?.stop();
});

const orgId = '00D000000000042AAA';

/** A user with a stored Salesforce connection (the connect flow itself is tested on its own). */
async function connectedUser(): Promise<{ id: string; token: string }> {
  const user = await api.newUser();
  await setSalesforceConnection(api.store.db, testSecretKey, user.id, { instanceUrl: 'http://sf.invalid', sfUserId: '005000000000042AAA', orgId, username: `${user.id}@acme.example`, refreshToken: 'not-used-here' });
  return user;
}

const status = (token: string) => api.call<StatusAnswer>('GET', '/api/sync-status', { token });

describe('sync settings', () => {
  it('shows the defaults, the choice lists and the unmet Salesforce prerequisite before anything is saved', async () => {
    const user = await api.newUser();
    const res = await api.call<SettingsAnswer>('GET', '/api/sync-settings', { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      settings: { emailLogging: { mode: 'off' }, taskSync: { mode: 'do_not_sync' } },
      savedAt: null,
      prerequisites: { salesforceConnected: false, salesforceStatus: 'not_connected', message: expect.stringContaining('Connect your Salesforce account first') },
    });
    expect(res.body.choices.taskSync[0]).toEqual({ value: 'do_not_sync', label: 'Do not sync to Salesforce tasks' });
    expect(res.body.choices.taskSync.map((c) => c.value)).toEqual(['do_not_sync', 'two_way']);
    expect((await status(user.token)).body.workflow).toEqual({ state: 'not_started', status: null });
  });

  it('refuses to switch anything on before Salesforce is connected (409), but saves everything off', async () => {
    const user = await api.newUser();
    for (const body of [{ emailLogging: { mode: 'api' } }, { taskSync: { mode: 'two_way' } }, { emailLogging: { mode: 'bcc', address: 'e2s@x.le.salesforce.com' } }]) {
      const res = await api.call<ErrorBody>('PUT', '/api/sync-settings', { token: user.token, body });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'salesforce_not_connected', message: expect.stringContaining('Connect your Salesforce account first') });
    }
    const off = await api.call('PUT', '/api/sync-settings', { token: user.token, body: { emailLogging: { mode: 'off' }, taskSync: { mode: 'do_not_sync' } } });
    expect(off.status).toBe(200);
  });

  it('saves, starts the user workflow, whose status query and search attributes show the settings', async () => {
    const user = await connectedUser();
    const saved = await api.call<SavedAnswer>('PUT', '/api/sync-settings', { token: user.token, body: { emailLogging: { mode: 'api', multipleMatches: 'oldest', logReplies: false } } });
    expect(saved.status).toBe(200);
    const expectedLogging = { mode: 'api', logToContacts: true, logToLeads: true, multipleMatches: 'oldest', noMatch: 'do_not_log', logReplies: false, linkOpenOpportunities: true };
    expect(saved.body).toMatchObject({ settings: { emailLogging: expectedLogging, taskSync: { mode: 'do_not_sync' } }, workflowId: salesforceSyncWorkflowId(user.id), prerequisites: { salesforceConnected: true } });

    const running = await eventually(() => status(user.token), (r) => r.body.workflow.state === 'running');
    expect(running.body.workflow.status).toMatchObject({ userId: user.id, settings: { emailLogging: expectedLogging }, settingsVersion: Date.parse(saved.body.savedAt), settingsSavedAt: saved.body.savedAt });

    const handle = temporal.client.workflow.getHandle(salesforceSyncWorkflowId(user.id));
    const described = await eventually(() => handle.describe(), (d) => d.typedSearchAttributes.get(EmailLoggingMode) === 'api');
    expect(described.status.name).toBe('RUNNING');
    expect(described.typedSearchAttributes.get(SiaUserId)).toBe(user.id);
    expect(described.typedSearchAttributes.get(EmailLoggingMode)).toBe('api');
    expect(described.typedSearchAttributes.get(TaskSyncMode)).toBe('do_not_sync');

    const read = await api.call('GET', '/api/sync-settings', { token: user.token });
    expect(read.body).toMatchObject({ settings: { emailLogging: expectedLogging }, savedAt: saved.body.savedAt });
  });

  it('gives saves in the same millisecond increasing versions, so the last one wins in the workflow', async () => {
    const user = await connectedUser();
    api.clock.now = new Date('2026-04-01T08:00:00.000Z');
    try {
      const first = await api.call<SavedAnswer>('PUT', '/api/sync-settings', { token: user.token, body: { emailLogging: { mode: 'api' } } });
      const second = await api.call<SavedAnswer>('PUT', '/api/sync-settings', { token: user.token, body: { emailLogging: { mode: 'off' } } });
      expect(first.body.savedAt).toBe('2026-04-01T08:00:00.000Z');
      expect(second.body.savedAt).toBe('2026-04-01T08:00:00.001Z');
      const settled = await eventually(() => status(user.token), (r) => r.body.workflow.status?.settingsChangesApplied === 2);
      expect(settled.body.workflow.status).toMatchObject({ settings: { emailLogging: { mode: 'off' } }, settingsVersion: Date.parse('2026-04-01T08:00:00.001Z'), settingsChangesApplied: 2 });
    } finally {
      api.clock.now = undefined;
    }
  });

  it('answers invalid settings with 400 and each field, starting nothing', async () => {
    const user = await connectedUser();
    const res = await api.call<ErrorBody>('PUT', '/api/sync-settings', { token: user.token, body: { emailLogging: { mode: 'api', logToContacts: false, logToLeads: false }, taskSync: { mode: 'sometimes' } } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.fields?.map((f) => f.field).sort()).toEqual(['emailLogging.logToContacts', 'taskSync.mode']);
    expect(res.body.error.fields?.find((f) => f.field === 'emailLogging.logToContacts')?.message).toContain('Contacts, Leads or both');
    expect((await api.call<SettingsAnswer>('GET', '/api/sync-settings', { token: user.token })).body.savedAt).toBeNull();
    expect((await status(user.token)).body.workflow.state).toBe('not_started');
  });

  it('answers BCC without an address with the steps to find it in Salesforce', async () => {
    const user = await connectedUser();
    for (const emailLogging of [{ mode: 'bcc' }, { mode: 'bcc', address: '' }, { mode: 'bcc', address: 'my bcc address' }]) {
      const res = await api.call<ErrorBody>('PUT', '/api/sync-settings', { token: user.token, body: { emailLogging } });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toHaveLength(1);
      const [field] = res.body.error.fields ?? [];
      expect(field?.field).toBe('emailLogging.address');
      for (const step of ['My Settings → Email → My Email to Salesforce', '"Email to Salesforce Address"', '"My Acceptable Email Addresses"', 'Setup → Email Administration → Email to Salesforce → Edit → tick Active → Save']) {
        expect(field?.message).toContain(step);
      }
      expect(res.body.error.steps).toHaveLength(4);
    }
    const withAddress = await api.call('PUT', '/api/sync-settings', { token: user.token, body: { emailLogging: { mode: 'bcc', address: 'emailtosalesforce@abc.le.salesforce.com' } } });
    expect(withAddress.status).toBe(200);
  });
});

describe('sync status and log', () => {
  it('reports the connection, open errors grouped by code, and API use in the last 24 hours', async () => {
    const user = await connectedUser();
    const now = new Date();
    await recordSyncError(api.store.db, user.id, { key: 'task:a', code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Subject must start with a verb', explanation: 'A validation rule refused it.', siaTaskId: 'a' });
    await recordSyncError(api.store.db, user.id, { key: 'task:b', code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Subject must start with a verb', explanation: 'A validation rule refused it.', siaTaskId: 'b' });
    await recordSyncError(api.store.db, user.id, { key: 'sf:00T1', code: 'ENTITY_IS_LOCKED', message: 'locked', explanation: 'An approval locks it.', sfTaskId: '00T1' });
    await addApiCalls(api.store.db, orgId, user.id, 7, now);
    await addApiCalls(api.store.db, orgId, 'someone-else', 5, now);
    await addApiCalls(api.store.db, orgId, user.id, 100, new Date(now.getTime() - 30 * 3_600_000));
    await setApiLimitInfo(api.store.db, orgId, 1234, 115000, now);

    const res = await status(user.token);
    expect(res.status).toBe(200);
    expect(res.body.salesforce).toMatchObject({ status: 'connected', connected: true, orgId });
    expect(res.body.errors.open).toBe(3);
    expect(res.body.errors.byCode.map((g) => [g.code, g.count]).sort()).toEqual([
      ['ENTITY_IS_LOCKED', 1],
      ['FIELD_CUSTOM_VALIDATION_EXCEPTION', 2],
    ]);
    expect(res.body.apiUsage).toEqual({ last24h: { user: 7, org: 12 }, orgLimit: { used: 1234, limit: 115000, reportedAt: now.toISOString() } });
  });

  it('pages the sync log newest first', async () => {
    const user = await api.newUser();
    await appendSyncLog(
      api.store.db,
      user.id,
      Array.from({ length: 5 }, (_, i) => ({ direction: 'sia_to_sf' as const, action: 'create' as const, message: `entry ${i + 1}` })),
    );
    const first = await api.call<SyncLogAnswer>('GET', '/api/sync-log?limit=2', { token: user.token });
    expect(first.body.entries.map((e) => e.message)).toEqual(['entry 5', 'entry 4']);
    const second = await api.call<SyncLogAnswer>('GET', `/api/sync-log?limit=2&before=${first.body.nextBefore}`, { token: user.token });
    expect(second.body.entries.map((e) => e.message)).toEqual(['entry 3', 'entry 2']);
    const last = await api.call('GET', `/api/sync-log?limit=2&before=${second.body.nextBefore}`, { token: user.token });
    expect(last.body).toMatchObject({ entries: [{ message: 'entry 1' }], nextBefore: null });

    const other = await api.newUser();
    expect((await api.call<SyncLogAnswer>('GET', '/api/sync-log', { token: other.token })).body.entries).toEqual([]);
    const bad = await api.call<ErrorBody>('GET', '/api/sync-log?limit=0&before=x', { token: user.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.map((f) => f.field).sort()).toEqual(['before', 'limit']);
  });
});

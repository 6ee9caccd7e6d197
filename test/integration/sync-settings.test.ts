import { WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { InvalidSettingsError, readSyncStatus, saveSyncSettings } from '../../client/sync-workflow';
import { salesforceSyncWorkflowId } from '../../contract/ids';
import { EmailLoggingMode, LastErrorCode, SiaUserId, SyncPhase, TaskSyncMode } from '../../contract/search-attributes';
import { eventually, startTestTemporal, type TestTemporal } from '../support/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await startTestTemporal();
});
afterAll(async () => {
  await t?.stop();
});

const newUser = () => `user-${randomUUID()}`;

describe('saving sync settings', () => {
  it('starts the user workflow, which reports the settings through its status query and search attributes', async () => {
    const userId = newUser();
    await saveSyncSettings(t.client, userId, { emailLogging: { mode: 'bcc', address: 'emailtosalesforce@abc.le.salesforce.com' } }, { taskQueue: t.config.taskQueue });

    const status = await eventually(() => readSyncStatus(t.client, userId), (s) => s !== null);
    expect(status).toMatchObject({
      userId,
      phase: 'idle',
      settings: { emailLogging: { mode: 'bcc', address: 'emailtosalesforce@abc.le.salesforce.com' }, taskSync: { mode: 'do_not_sync' } },
      settingsChangesApplied: 1,
    });

    const description = await t.client.workflow.getHandle(salesforceSyncWorkflowId(userId)).describe();
    expect(description.workflowId).toBe(`salesforce-sync:${userId}`);
    expect(description.status.name).toBe('RUNNING');
    expect(description.typedSearchAttributes.get(SiaUserId)).toBe(userId);
    expect(description.typedSearchAttributes.get(EmailLoggingMode)).toBe('bcc');
    expect(description.typedSearchAttributes.get(TaskSyncMode)).toBe('do_not_sync');
    expect(description.typedSearchAttributes.get(SyncPhase)).toBe('idle');
    expect(description.typedSearchAttributes.get(LastErrorCode)).toBe('none');
  });

  it('signals the running workflow on the next save, and operators find the user by search attribute', async () => {
    const userId = newUser();
    const at = new Date('2026-01-01T10:00:00Z');
    await saveSyncSettings(t.client, userId, {}, { taskQueue: t.config.taskQueue, now: at });
    await saveSyncSettings(t.client, userId, { emailLogging: { mode: 'api', multipleMatches: 'oldest' } }, { taskQueue: t.config.taskQueue, now: new Date(at.getTime() + 1000) });

    const status = await eventually(() => readSyncStatus(t.client, userId), (s) => s?.settingsChangesApplied === 2);
    expect(status?.settings.emailLogging).toEqual({
      mode: 'api',
      logToContacts: true,
      logToLeads: true,
      multipleMatches: 'oldest',
      noMatch: 'do_not_log',
      logReplies: true,
      linkOpenOpportunities: true,
      logAs: 'task',
    });
    expect(status?.settingsSavedAt).toBe('2026-01-01T10:00:01.000Z');

    const handle = t.client.workflow.getHandle(salesforceSyncWorkflowId(userId));
    const described = await eventually(() => handle.describe(), (d) => d.typedSearchAttributes.get(EmailLoggingMode) === 'api');
    expect(described.typedSearchAttributes.get(EmailLoggingMode)).toBe('api');

    const found = await eventually(
      async () => {
        const ids: string[] = [];
        for await (const w of t.client.workflow.list({ query: `SiaUserId = '${userId}' AND EmailLoggingMode = 'api'` })) ids.push(w.workflowId);
        return ids;
      },
      (ids) => ids.length === 1,
    );
    expect(found).toEqual([salesforceSyncWorkflowId(userId)]);
  });

  it('ignores a late duplicate of an older save', async () => {
    const userId = newUser();
    const newer = new Date('2026-02-01T12:00:00Z');
    await saveSyncSettings(t.client, userId, { taskSync: { mode: 'do_not_sync' }, emailLogging: { mode: 'api' } }, { taskQueue: t.config.taskQueue, now: newer });
    await saveSyncSettings(t.client, userId, { emailLogging: { mode: 'off' } }, { taskQueue: t.config.taskQueue, now: new Date(newer.getTime() - 60_000) });
    const status = await eventually(() => readSyncStatus(t.client, userId), (s) => s !== null);
    expect(status?.settings.emailLogging.mode).toBe('api');
    expect(status?.settingsChangesApplied).toBe(1);
  });

  it('refuses invalid settings with field-level errors before anything reaches Temporal', async () => {
    const userId = newUser();
    const attempt = saveSyncSettings(t.client, userId, { emailLogging: { mode: 'bcc', address: 'not-an-address' }, taskSync: { mode: 'sometimes' } }, { taskQueue: t.config.taskQueue });
    await expect(attempt).rejects.toBeInstanceOf(InvalidSettingsError);
    const error = (await attempt.catch((e: unknown) => e)) as InvalidSettingsError;
    expect(error.errors.map((e) => e.field).sort()).toEqual(['emailLogging.address', 'taskSync.mode']);
    await expect(t.client.workflow.getHandle(salesforceSyncWorkflowId(userId)).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    expect(await readSyncStatus(t.client, userId)).toBeNull();
  });
});

describe('continue-as-new', () => {
  it('carries the state over and loses no save that arrives meanwhile', async () => {
    const userId = newUser();
    const saves = 60;
    const base = Date.UTC(2026, 0, 1);
    for (let i = 0; i < saves; i++) {
      const mode = i % 2 === 0 ? 'api' : 'off';
      await saveSyncSettings(t.client, userId, { emailLogging: { mode } }, { taskQueue: t.config.taskQueue, version: i + 1, now: new Date(base + i * 1000), historyEventLimit: 25 });
    }
    // The last save may itself trigger one more continue-as-new: read status and runs until they agree.
    const listRuns = async () => {
      const ids: string[] = [];
      for await (const w of t.client.workflow.list({ query: `WorkflowId = '${salesforceSyncWorkflowId(userId)}'` })) ids.push(w.runId);
      return ids;
    };
    const { status, runs } = await eventually(
      async () => ({ status: await readSyncStatus(t.client, userId), runs: await listRuns() }),
      ({ status, runs }) => status?.settingsVersion === saves && runs.length === status.generation + 1,
      30_000,
    );
    expect(status?.settingsVersion).toBe(saves);
    expect(status?.settingsChangesApplied).toBe(saves);
    expect(status?.settings.emailLogging.mode).toBe('off');
    expect(status?.generation).toBeGreaterThan(0);
    expect(runs.length).toBe(status!.generation + 1);
    const description = await t.client.workflow.getHandle(salesforceSyncWorkflowId(userId)).describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.typedSearchAttributes.get(EmailLoggingMode)).toBe('off');
  });
});

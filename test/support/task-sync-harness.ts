import jsforce, { type Connection } from 'jsforce';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildActivities } from '../../activities';
import { readSyncStatus, saveSyncSettings } from '../../client/sync-workflow';
import type { SyncStatus } from '../../workflows/messages';
import { listTasks, openStore, saveSyncSettings as storeSettings, type Store } from '../../store';
import type { SfTask } from '../../sync/salesforce-mapping';
import { connectUser, startTestOrg, testSecretKey, type TestOrg } from './salesforce';
import { eventually, startTestTemporal, type TestTemporal } from './temporal';

/**
 * A whole sync stack for one test file: the Salesforce emulator, a store, a real Temporal
 * worker with the real activities. Users are connected through the OAuth flow.
 */
export interface TaskSyncHarness {
  org: TestOrg;
  store: Store;
  temporal: TestTemporal;
  secretKey: Buffer;
  connect(userId: string, username: string, timeZone?: string): Promise<void>;
  /** Saves settings as the backend does: store first (baseline), then signal the workflow. */
  save(userId: string, settings: unknown): Promise<void>;
  status(userId: string): Promise<SyncStatus | null>;
  /** Waits for a round after `since` (ISO) to finish. */
  synced(userId: string, since: string): Promise<SyncStatus | null>;
  /** The user's live Salesforce Tasks, read through the emulator's test surface (no API calls counted). */
  sfTasks(username: string): Promise<SfTask[]>;
  /** A jsforce connection logged in as a Salesforce user: edits "in Salesforce". */
  salesforceAs(username: string): Promise<Connection>;
  siaTasks(userId: string): ReturnType<typeof listTasks>;
  stop(): Promise<void>;
}

export const fastPolling = { floorSeconds: 1, tiers: [{ quietMinutes: 60, intervalSeconds: 1 }], idleIntervalSeconds: 1 };

export async function startTaskSyncHarness(usernames: string[]): Promise<TaskSyncHarness> {
  const org = await startTestOrg({ usernames });
  const dir = mkdtempSync(join(tmpdir(), 'sia-sync-'));
  const store = await openStore(`sqlite:${join(dir, 'sia.db')}`);
  const secretKey = testSecretKey();
  const temporal = await startTestTemporal(buildActivities({ store, secretKey, salesforceApp: org.app }));
  let lastSave = 0;
  const harness: TaskSyncHarness = {
    org,
    store,
    temporal,
    secretKey,
    connect: (userId, username, timeZone) => connectUser(store, secretKey, org, userId, username, timeZone),
    async save(userId, settings) {
      const saved = await storeSettings(store.db, userId, settings);
      lastSave = Math.max(lastSave + 1, Date.parse(saved.savedAt));
      await saveSyncSettings(temporal.client, userId, saved.settings, { taskQueue: temporal.config.taskQueue, version: lastSave, now: new Date(saved.savedAt), taskSyncEnabledAt: saved.taskSyncEnabledAt, pollConfig: fastPolling });
    },
    status: (userId) => readSyncStatus(temporal.client, userId),
    synced: (userId, since) => eventually(() => readSyncStatus(temporal.client, userId), (s) => (s?.taskSync?.lastSyncAt ?? '') > since && s?.phase !== 'initial_import', 30_000),
    async sfTasks(username) {
      const records = (await org.emulator.control.records(org.orgId, 'Task')) as unknown as SfTask[];
      return records.filter((r) => r.OwnerId === org.users[username]);
    },
    async salesforceAs(username) {
      const conn = new jsforce.Connection({ oauth2: { loginUrl: org.app.loginUrl, clientId: org.app.clientId, clientSecret: org.app.clientSecret }, version: '62.0' });
      await conn.login(username, 'pw');
      return conn;
    },
    siaTasks: (userId) => listTasks(store.db, userId),
    async stop() {
      await temporal.stop();
      await store.close();
      await org.emulator.close();
    },
  };
  return harness;
}

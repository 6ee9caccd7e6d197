import { WorkflowNotFoundError } from '@temporalio/client';
import jsforce, { type Connection } from 'jsforce';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildActivities } from '../../activities';
import { createTestDatabase } from '../../dev/postgres';
import { SalesforceConnections } from '../../activities/salesforce/connections';
import { createTaskSyncActivities, type TaskSyncHooks } from '../../activities/task-sync';
import { nudgeSync, readSyncStatus, saveSyncSettings } from '../../client/sync-workflow';
import type { SyncStatus } from '../../contract/messages';
import type { PollConfig } from '../../sync/poll-schedule';
import { allLinks, listTasks, openStore, saveSyncSettings as storeSettings, type Store } from '../../store';
import type { SfTask } from '../../sync/salesforce-mapping';
import { createWorker } from '../../workers/create-worker';
import { connectUser, startTestOrg, testSecretKey, type TestOrg } from './salesforce';
import { eventually, startTestTemporal, type TestTemporal } from './temporal';

/**
 * A whole sync stack for one test file: the Salesforce emulator, a store (SQLite or PostgreSQL),
 * a real Temporal worker with the real activities. Users are connected through the OAuth flow.
 */
export interface TaskSyncHarness {
  org: TestOrg;
  store: Store;
  temporal: TestTemporal;
  secretKey: Buffer;
  connect(userId: string, username: string, timeZone?: string): Promise<void>;
  /** Saves settings as the backend does: store first (baseline), then signal the workflow. */
  save(userId: string, settings: unknown, options?: { pollConfig?: Partial<PollConfig> }): Promise<void>;
  /** Connects the user, switches two-way task sync on and waits for the first round. */
  switchOn(userId: string, username: string, options?: { pollConfig?: Partial<PollConfig> }): Promise<SyncStatus | null>;
  status(userId: string): Promise<SyncStatus | null>;
  /** Waits for a round after `since` (ISO) to finish. */
  synced(userId: string, since: string): Promise<SyncStatus | null>;
  /**
   * Nudges and waits until a whole round that started after this call has finished, so that it
   * saw every change made before. A round in flight when the first nudge lands may have started
   * earlier; any round that ends after the second nudge started after that one ended.
   */
  round(userId: string, source?: 'sia' | 'resync'): Promise<SyncStatus | null>;
  /** The user's live Salesforce Tasks, read through the emulator's test surface (no API calls counted). */
  sfTasks(username: string): Promise<SfTask[]>;
  /** Every Salesforce Task of the user, deleted ones (recycle bin) included. */
  sfTasksWithDeleted(username: string): Promise<SfTask[]>;
  /** A jsforce connection logged in as a Salesforce user: edits "in Salesforce". */
  salesforceAs(username: string): Promise<Connection>;
  siaTasks(userId: string): ReturnType<typeof listTasks>;
  links(userId: string): ReturnType<typeof allLinks>;
  /**
   * Stops the running worker (in-flight activities are cancelled and fail, as when a process
   * stops) and starts a fresh one on the same task queue, without test hooks.
   */
  replaceWorker(): Promise<void>;
  stop(): Promise<void>;
}

export const fastPolling = { floorSeconds: 1, tiers: [{ quietMinutes: 60, intervalSeconds: 1 }], idleIntervalSeconds: 1 };
/** Salesforce is only looked at when a nudge or a save asks: a test decides when rounds happen. */
export const pollingOnlyWhenNudged: Partial<PollConfig> = { floorSeconds: 3600, tiers: [], idleIntervalSeconds: 3600, maxIntervalSeconds: 3600 };

export interface TaskSyncHarnessOptions {
  /** Test hooks the first worker's task-sync activities call (e.g. stop inside an activity). */
  hooks?: TaskSyncHooks;
  /** The store the harness syncs into: a SQLite file of its own (default), or a fresh database on the integration run's PostgreSQL. */
  store?: HarnessStore;
}

export type HarnessStore = 'sqlite' | 'postgres';
/** Every store, for `describe.each(harnessStores)`: each behaviour is shown on both. */
export const harnessStores: readonly HarnessStore[] = ['sqlite', 'postgres'];

/** A store of the given kind that no other harness shares, and how to remove it. */
async function harnessDatabase(kind: HarnessStore): Promise<{ url: string; drop(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sia-sync-'));
    return { url: `sqlite:${join(dir, 'sia.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = process.env.DATABASE_URL_TEST;
  if (!base) throw new Error('DATABASE_URL_TEST is unset: run through jest --selectProjects integration, whose global setup starts PostgreSQL.');
  return createTestDatabase(base);
}

export async function startTaskSyncHarness(usernames: string[], options: TaskSyncHarnessOptions = {}): Promise<TaskSyncHarness> {
  const org = await startTestOrg({ usernames });
  const database = await harnessDatabase(options.store ?? 'sqlite');
  const store = await openStore(database.url);
  const secretKey = testSecretKey();
  const activities = (hooks?: TaskSyncHooks) => {
    const base = buildActivities({ store, secretKey, salesforceApp: org.app });
    if (!hooks) return base;
    const connections = new SalesforceConnections(store, secretKey, org.app);
    return { ...base, ...createTaskSyncActivities({ store, connections, now: () => new Date(), hooks }) };
  };
  const temporal = await startTestTemporal(activities(options.hooks));
  const extraWorkers: Array<() => Promise<void>> = [];
  let currentWorkerStop: (() => Promise<void>) | null = null;
  let lastSave = 0;
  const harness: TaskSyncHarness = {
    org,
    store,
    temporal,
    secretKey,
    connect: (userId, username, timeZone) => connectUser(store, secretKey, org, userId, username, timeZone),
    async save(userId, settings, saveOptions = {}) {
      const saved = await storeSettings(store.db, userId, settings);
      lastSave = Math.max(lastSave + 1, Date.parse(saved.savedAt));
      await saveSyncSettings(temporal.client, userId, saved.settings, {
        taskQueue: temporal.config.taskQueue,
        version: lastSave,
        now: new Date(saved.savedAt),
        taskSyncEnabledAt: saved.taskSyncEnabledAt,
        pollConfig: saveOptions.pollConfig ?? fastPolling,
      });
    },
    async switchOn(userId, username, switchOptions = {}) {
      await harness.connect(userId, username);
      const mark = new Date().toISOString();
      await harness.save(userId, { taskSync: { mode: 'two_way' } }, switchOptions);
      return harness.synced(userId, mark);
    },
    status: (userId) => readSyncStatus(temporal.client, userId),
    synced: (userId, since) => eventually(() => readSyncStatus(temporal.client, userId), (s) => (s?.taskSync?.lastSyncAt ?? '') > since && s?.phase !== 'initial_import', 30_000),
    async round(userId, source = 'resync') {
      let status: SyncStatus | null = null;
      for (let i = 0; i < 2; i++) {
        const mark = new Date().toISOString();
        await nudgeSync(temporal.client, userId, { source });
        status = await harness.synced(userId, mark);
      }
      return status;
    },
    async sfTasks(username) {
      const records = (await org.emulator.control.records(org.orgId, 'Task')) as unknown as SfTask[];
      return records.filter((r) => r.OwnerId === org.users[username]);
    },
    async sfTasksWithDeleted(username) {
      const records = (await org.emulator.control.records(org.orgId, 'Task', { includeDeleted: true })) as unknown as SfTask[];
      return records.filter((r) => r.OwnerId === org.users[username]);
    },
    async salesforceAs(username) {
      const conn = new jsforce.Connection({ oauth2: { loginUrl: org.app.loginUrl, clientId: org.app.clientId, clientSecret: org.app.clientSecret }, version: '62.0' });
      await conn.login(username, 'pw');
      return conn;
    },
    siaTasks: (userId) => listTasks(store.db, userId),
    links: (userId) => allLinks(store.db, userId),
    async replaceWorker() {
      if (currentWorkerStop) await currentWorkerStop();
      else if (temporal.worker.getState() === 'RUNNING') temporal.worker.shutdown();
      const { worker, connection } = await createWorker({ config: temporal.config, activities: activities(), bundlePath: process.env.WORKFLOW_BUNDLE });
      const running = worker.run();
      currentWorkerStop = async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
        await connection.close();
      };
      extraWorkers.push(currentWorkerStop);
    },
    async stop() {
      for (const stop of extraWorkers) await stop().catch(() => undefined);
      // The first worker may have been stopped by a test already: stop() then only waits for it.
      if (temporal.worker.getState() !== 'RUNNING') temporal.worker.shutdown = () => undefined;
      await endOpenWorkflows(temporal);
      await temporal.stop();
      await store.close();
      await database.drop();
      await org.emulator.close();
    },
  };
  return harness;
}

/**
 * Workflows outlive the workers: the harness ends those still open on its task queue, so that a
 * later harness on the same dev server (the same file on the other store, another file) can
 * start workflows of the same ids (users, and orgs: a fresh emulator numbers them the same).
 */
async function endOpenWorkflows(temporal: TestTemporal): Promise<void> {
  const open = temporal.client.workflow.list({ query: `TaskQueue = "${temporal.config.taskQueue}" AND ExecutionStatus = "Running"` });
  for await (const workflow of open) {
    await temporal.client.workflow
      .getHandle(workflow.workflowId, workflow.runId)
      .terminate('the test harness stopped')
      .catch((error: unknown) => {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      });
  }
}

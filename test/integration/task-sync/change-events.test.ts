import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import jsforce from 'jsforce';
import { randomUUID } from 'node:crypto';
import { buildServer } from '../../../api/server';
import { ensureOrgPoller } from '../../../client/org-poller';
import { nudgeSync, readSyncStatus, saveSyncSettings } from '../../../client/sync-workflow';
import { connectTemporalClient } from '../../../client/temporal-client';
import { temporalConfigFromEnv, type TemporalConfig } from '../../../config/temporal';
import { orgPollerWorkflowId, salesforceSyncWorkflowId } from '../../../contract/ids';
import { createTestDatabase } from '../../../dev/postgres';
import { ensureAdmin } from '../../../store/bootstrap';
import { issueApiToken } from '../../../store/api-tokens';
import {
  changeEventDeliveriesIn24h,
  createTask,
  getOrgChangeStream,
  getOrgIntegration,
  listTasks,
  openStore,
  saveSyncSettings as storeSettings,
  setOrgIntegration,
  updateTask,
  type OrgChangeStream,
  type Store,
} from '../../../store';
import type { OrgStreamTuning } from '../../../workflows/org-poller';
import { connectUser, oauthConnection, startTestOrg, testSecretKey, type TestOrg } from '../../support/salesforce';
import { fastPolling, pollingOnlyWhenNudged, startTaskSyncHarness, type TaskSyncHarness } from '../../support/task-sync-harness';
import { defaultPollConfig } from '../../../sync/poll-schedule';
import { eventually } from '../../support/temporal';
import { startWorkerProcess, type WorkerProcess } from '../../support/worker-process';

const integrationUser = 'integration@acme.test';

/**
 * Salesforce changes reach SIA through Change Data Capture: the org poller's stream (Pub/Sub
 * API of the emulator, over TLS) wakes the owner of each changed Task, and nobody polls.
 */
describe('one org streaming to its users', () => {
  let h: TaskSyncHarness;
  const users = [
    ['user-dave', 'dave@acme.test'],
    ['user-erin', 'erin@acme.test'],
  ] as const;
  /** Looks again every 3 s instead of every 16 h (the others keep the production pace). */
  const looker = ['user-fay', 'fay@acme.test'] as const;
  const lookSeconds = 3;
  /** Quicker than in production so that fallbacks show within a test: polls every 2 s, a stream down 20 s is polled around, events are tried again 10 s after they could not be used. */
  const everySeconds = 2;
  const tuning: OrgStreamTuning = { batchMs: 200, downPollAfterSeconds: 20, retryMaxSeconds: 2, retryStreamSeconds: 10 };

  beforeAll(async () => {
    h = await startTaskSyncHarness([...users, looker].map(([, username]) => username));
    await h.org.emulator.control.setChangeDataCapture(h.org.orgId, { entities: { Task: true } });
    Object.assign(h.org.users, await h.org.emulator.control.addUsers(h.org.orgId, [{ username: integrationUser, password: 'pw', email: integrationUser, viewAllData: true }]));
    await setOrgIntegration(h.store.db, h.secretKey, { ...(await oauthConnection(h.org, integrationUser)), connectedBy: 'admin' });
    for (const [userId, username] of users) await h.switchOn(userId, username);
    await h.switchOn(looker[0], looker[1], { pollConfig: { ...fastPolling, streamedCheckSeconds: lookSeconds } });
    await ensureOrgPoller(h.temporal.client, h.org.orgId, h.temporal.config.taskQueue, everySeconds, tuning);
    await streaming();
    api = await buildServer({ store: h.store, temporal: h.temporal.client, taskQueue: h.temporal.config.taskQueue, secretKey: h.secretKey, salesforceApp: h.org.app, publicUrl: 'http://127.0.0.1:9', env: {} });
    apiUrl = await api.listen({ port: 0, host: '127.0.0.1' });
    adminToken = (await ensureAdmin(h.store)).token ?? '';
  });
  afterAll(async () => {
    await api?.close();
    // A fresh emulator numbers its org the same: the next stack's poller must not meet this one.
    await h?.temporal.client.workflow.getHandle(orgPollerWorkflowId(h.org.orgId)).terminate('test over').catch(() => undefined);
    await h?.stop();
  });

  let api: FastifyInstance;
  let apiUrl: string;
  let adminToken: string;
  const get = async <T>(path: string, token: string): Promise<T> => {
    const res = await fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  interface ChangeDetectionAnswer {
    mode: string;
    reason: string | null;
    label: string;
  }
  /** The org's row of the admin view (GET /api/admin/sync-health). */
  async function adminOrgView(): Promise<{ changeDetection: ChangeDetectionAnswer; changeEventsLast24h: number } | undefined> {
    const view = await get<{ orgs: Array<{ orgId: string; changeDetection: ChangeDetectionAnswer; changeEventsLast24h: number }> }>('/api/admin/sync-health', adminToken);
    return view.orgs.find((o) => o.orgId === h.org.orgId);
  }

  async function streaming(): Promise<OrgChangeStream | undefined> {
    const stream = await eventually(() => getOrgChangeStream(h.store.db, h.org.orgId), (s) => s?.detection === 'streaming', 30_000);
    expect(stream?.detection).toBe('streaming');
    return stream;
  }

  /** Nudges a user's workflow received (signals named `nudge`, whatever their source). */
  async function nudgesOf(userId: string): Promise<number> {
    const history = await h.temporal.client.workflow.getHandle(salesforceSyncWorkflowId(userId)).fetchHistory();
    return (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'nudge').length;
  }

  /** How many SIA tasks of the user have this name (a duplicate would make it 2). */
  const countOf = async (userId: string, name: string) => (await h.siaTasks(userId)).filter((t) => t.name === name).length;
  const arrived = async (userId: string, name: string, timeoutMs = 30_000) => {
    expect(await eventually(() => countOf(userId, name), (n) => n > 0, timeoutMs)).toBe(1);
  };
  const detectionIs = async (detection: OrgChangeStream['detection'], why: string | null = null, timeoutMs = 30_000) => {
    const stream = await eventually(() => getOrgChangeStream(h.store.db, h.org.orgId), (s) => s?.detection === detection && s.reason === why, timeoutMs);
    expect({ detection: stream?.detection, reason: stream?.reason }).toEqual({ detection, reason: why });
  };
  async function createIn(username: string, subject: string): Promise<string> {
    const conn = await h.salesforceAs(username);
    const created = await conn.sobject('Task').create({ Subject: subject, Status: 'Not Started', Priority: 'Normal' });
    if (!created.success) throw new Error('create failed');
    return created.id;
  }
  /** A Task that appears in Salesforce without a change event (the emulator's test surface), changed now. */
  async function silentTask(username: string, subject: string): Promise<string> {
    const now = (await h.org.emulator.control.now()).now;
    const [id] = await h.org.emulator.control.seedRecords(h.org.orgId, [{ sobject: 'Task', owner: username, fields: { Subject: subject, Status: 'Not Started', Priority: 'Normal', CreatedDate: now, LastModifiedDate: now, SystemModstamp: now } }]);
    if (!id) throw new Error('seed failed');
    return id;
  }

  const siaTask = (userId: string, name: string) => eventually(async () => (await h.siaTasks(userId)).find((t) => t.name === name), (t) => t !== undefined);

  describe('Salesforce changes arrive as change events', () => {
    it('create, edit, complete and delete in Salesforce reach SIA with no poll of Salesforce; other users are not woken', async () => {
      const control = h.org.emulator.control;
      const dave = await h.salesforceAs('dave@acme.test');
      await control.clearCalls();
      const erinNudges = await nudgesOf('user-erin');

      const created = await dave.sobject('Task').create({ Subject: 'Streamed in', Status: 'Not Started', Priority: 'High', ActivityDate: '2027-05-01' });
      if (!created.success) throw new Error('create failed');
      expect(await siaTask('user-dave', 'Streamed in')).toMatchObject({ priority: 'high', dueDate: '2027-05-01', status: 'open' });

      await dave.sobject('Task').update({ Id: created.id, Subject: 'Streamed and edited' });
      expect(await siaTask('user-dave', 'Streamed and edited')).toBeDefined();

      await dave.sobject('Task').update({ Id: created.id, Status: 'Completed' });
      expect(await eventually(async () => (await h.siaTasks('user-dave')).find((t) => t.name === 'Streamed and edited')?.status, (s) => s === 'complete')).toBe('complete');

      await dave.sobject('Task').destroy(created.id);
      expect(await eventually(async () => (await h.siaTasks('user-dave')).some((t) => t.name === 'Streamed and edited'), (present) => !present)).toBe(false);

      const { calls } = await control.calls();
      const by = (username: string) => calls.filter((c) => c.userId === h.org.users[username] && c.counted);
      // The stream needs no REST call of the integration user; each change cost dave's round only, no watch's check.
      expect(by(integrationUser)).toEqual([]);
      expect(by('dave@acme.test').filter((c) => decodeURIComponent(c.path).includes('LIMIT 1'))).toEqual([]);
      expect(by('erin@acme.test')).toEqual([]);
      expect(await nudgesOf('user-erin')).toBe(erinNudges);
    });

    it('the sync’s own writes to Salesforce wake no one', async () => {
      const user = 'user-dave';
      const delivered = async () => (await changeEventDeliveriesIn24h(h.store.db)).get(h.org.orgId) ?? 0;
      const deliveredBefore = await delivered();
      const before = await nudgesOf(user);
      const task = await createTask(h.store.db, user, { name: 'Written by the sync', dueDate: '2027-06-01' });
      await nudgeSync(h.temporal.client, user, { source: 'sia' });
      await eventually(() => h.sfTasks('dave@acme.test'), (tasks) => tasks.some((t) => t.Subject === 'Written by the sync'));
      await updateTask(h.store.db, user, task.id, { name: 'Edited by the sync' });
      await nudgeSync(h.temporal.client, user, { source: 'sia' });
      await eventually(() => h.sfTasks('dave@acme.test'), (tasks) => tasks.some((t) => t.Subject === 'Edited by the sync'));
      // Their events came back and were handled (counted as delivered), and woke no one: only the two SIA nudges arrived.
      expect(await eventually(delivered, (n) => n >= deliveredBefore + 2)).toBeGreaterThanOrEqual(deliveredBefore + 2);
      await new Promise((r) => setTimeout(r, 1000));
      expect(await nudgesOf(user)).toBe(before + 2);
    });
  });

  describe('operators', () => {
    it('see how changes are found on Sync Health and the admin view', async () => {
      const { token } = await issueApiToken(h.store.db, 'user-dave');
      expect((await get<{ changeDetection: ChangeDetectionAnswer }>('/api/sync-status', token)).changeDetection).toMatchObject({ mode: 'streaming', reason: null, label: 'streaming: change events arrive within seconds' });
      const org = await adminOrgView();
      expect(org?.changeDetection).toMatchObject({ mode: 'streaming', reason: null });
      expect(org?.changeEventsLast24h).toBeGreaterThan(0);
    });
  });

  describe('idle users', () => {
    it('wait for nudges alone: no watch activity, no poll, one timer of hours', async () => {
      const user = 'user-dave';
      const handle = h.temporal.client.workflow.getHandle(salesforceSyncWorkflowId(user));
      const watches = async () => (await handle.fetchHistory()).events?.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'watchForChanges').length ?? 0;
      await createIn('dave@acme.test', 'Then all quiet');
      await arrived(user, 'Then all quiet');
      const pending = await eventually(async () => (await handle.describe()).raw.pendingActivities ?? [], (a) => a.length === 0);
      expect(pending).toEqual([]);
      const watchesBefore = await watches();
      await h.org.emulator.control.clearCalls();
      await new Promise((r) => setTimeout(r, 5000));
      const { calls } = await h.org.emulator.control.calls({ counted: true });
      expect(calls).toEqual([]);
      expect(await watches()).toBe(watchesBefore);
      const events = (await handle.fetchHistory()).events ?? [];
      const timer = events.filter((e) => e.timerStartedEventAttributes).at(-1)?.timerStartedEventAttributes;
      expect(Number(timer?.startToFireTimeout?.seconds)).toBe(defaultPollConfig.streamedCheckSeconds);
      expect((await handle.describe()).raw.pendingActivities ?? []).toEqual([]);
    });

    it('look again now and then: a SIA change whose nudge was lost reaches Salesforce at the next look, an activity (no local activity)', async () => {
      const [user, username] = looker;
      const handle = h.temporal.client.workflow.getHandle(salesforceSyncWorkflowId(user));
      const scheduled = async (type: string) => ((await handle.fetchHistory()).events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === type).length;
      // She started watching before the org streamed; the watch saw it stream and she now looks now and then.
      expect(await eventually(() => scheduled('changeDetectionOf'), (n) => n > 0, 30_000)).toBeGreaterThan(0);
      const watches = await scheduled('watchForChanges');
      const task = await createTask(h.store.db, user, { name: 'Its nudge got lost', dueDate: '2027-03-01' });
      const inSalesforce = await eventually(() => h.sfTasks(username), (ts) => ts.some((t) => t.SIA_Task_Id__c === task.id), 30_000);
      expect(inSalesforce.filter((t) => t.SIA_Task_Id__c === task.id)).toHaveLength(1);
      const events = (await handle.fetchHistory()).events ?? [];
      expect(events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toEqual([]);
      expect(await scheduled('watchForChanges')).toBe(watches);
    });
  });

  describe('fallbacks lose nothing and duplicate nothing', () => {
    const control = () => h.org.emulator.control;

    it('a gap event wakes the owner of its records, found in Salesforce when no one holds them yet', async () => {
      const id = await silentTask('dave@acme.test', 'Behind a gap');
      await control().clearCalls();
      await control().publishGapEvent(h.org.orgId, { entity: 'Task', changeType: 'GAP_CREATE', recordIds: [id] });
      await arrived('user-dave', 'Behind a gap');
      const { calls } = await control().calls({ userId: h.org.users[integrationUser], counted: true });
      // One query for the record's owner, nothing else.
      expect(calls.map((c) => c.endpoint)).toEqual(['GET /services/data/vXX.X/queryAll/']);
    });

    it('an overflow event polls every change since it', async () => {
      await silentTask('erin@acme.test', 'Lost in an overflow');
      await control().publishGapEvent(h.org.orgId, { entity: 'Task', changeType: 'GAP_OVERFLOW' });
      await arrived('user-erin', 'Lost in an overflow');
    });

    it('a spent delivery allocation: the org is polled (reason shown) until events can be delivered again', async () => {
      const { deliveryAllocation } = await control().changeDataCapture(h.org.orgId);
      await control().setChangeDataCapture(h.org.orgId, { delivered: deliveryAllocation });
      await createIn('dave@acme.test', 'Over the allocation');
      await detectionIs('polling', 'allocation');
      expect((await adminOrgView())?.changeDetection).toMatchObject({ mode: 'polling', reason: 'allocation', label: expect.stringContaining('delivery allocation is used up') as string });
      await arrived('user-dave', 'Over the allocation');
      await control().setChangeDataCapture(h.org.orgId, { delivered: 0 });
      await detectionIs('streaming');
      await createIn('dave@acme.test', 'Streamed again');
      await arrived('user-dave', 'Streamed again');
      expect(await countOf('user-dave', 'Over the allocation')).toBe(1);
    });

    it('an integration user without View All Data: its users poll Salesforce themselves (reason shown) until it has it again', async () => {
      const integrationId = h.org.users[integrationUser]!;
      await control().updateUser(h.org.orgId, integrationId, { viewAllData: false });
      await control().pubsubOutage();
      await detectionIs('polling', 'permission');
      expect((await adminOrgView())?.changeDetection).toMatchObject({ mode: 'polling', reason: 'permission', label: expect.stringContaining('lacks View All Data') as string });
      await createIn('erin@acme.test', 'Found by erin herself');
      await arrived('user-erin', 'Found by erin herself');
      await control().updateUser(h.org.orgId, integrationId, { viewAllData: true });
      await detectionIs('streaming');
      await createIn('erin@acme.test', 'Streamed to erin again');
      await arrived('user-erin', 'Streamed to erin again');
    });

    it('an expired session is renewed and the stream subscribes again from where it was', async () => {
      await control().expireSessions({ userId: h.org.users[integrationUser] });
      await control().clearCalls();
      await control().pubsubOutage({ refuseForMs: 1000 });
      await createIn('dave@acme.test', 'While the session expired');
      await arrived('user-dave', 'While the session expired');
      await detectionIs('streaming');
      const { calls } = await control().calls({ path: '/services/oauth2/token' });
      expect(calls.length).toBeGreaterThan(0);
      expect((await getOrgIntegration(h.store.db, h.org.orgId))?.status).toBe('connected');
    });

    it('a replay id past retention: the stream starts from the latest event and a poll covers the time in between', async () => {
      const before = (await getOrgChangeStream(h.store.db, h.org.orgId))?.replayId;
      expect(before).toBeTruthy();
      await control().advanceClock(73 * 3600_000);
      await control().pubsubOutage({ refuseForMs: 3000 });
      await createIn('dave@acme.test', 'After 73 hours');
      await arrived('user-dave', 'After 73 hours');
      await detectionIs('streaming');
      await createIn('dave@acme.test', 'Streamed after the restart');
      await arrived('user-dave', 'Streamed after the restart');
      expect(await countOf('user-dave', 'After 73 hours')).toBe(1);
    });

    it(
      'a stream cut for 2 minutes: changes meanwhile arrive by polls, once each, and the stream resumes',
      async () => {
        await control().pubsubOutage({ refuseForMs: 120_000 });
        const outageEnds = Date.now() + 120_000;
        await createIn('dave@acme.test', 'Early in the outage');
        await arrived('user-dave', 'Early in the outage', 60_000);
        await detectionIs('polling', 'stream-down');
        await createIn('erin@acme.test', 'Late in the outage');
        await arrived('user-erin', 'Late in the outage', 60_000);
        await new Promise((r) => setTimeout(r, Math.max(0, outageEnds - Date.now())));
        await detectionIs('streaming', null, 30_000);
        await createIn('erin@acme.test', 'After the outage');
        await arrived('user-erin', 'After the outage');
        // The stream replayed the outage's events after it: they woke their owners again, and nothing doubled.
        expect(await countOf('user-dave', 'Early in the outage')).toBe(1);
        expect(await countOf('user-erin', 'Late in the outage')).toBe(1);
      },
      240_000,
    );
  });
});

/**
 * The stream runs in a real worker process (workers/main.ts, a PostgreSQL store) that is killed
 * with SIGKILL while events are on their way: the next worker's attempt resumes after the last
 * batch whose users were woken, so every change lands, once.
 */
describe('a worker killed mid-stream', () => {
  const secretKey = testSecretKey();
  const user = { id: 'user-kim', username: 'kim@acme.test' };
  let org: TestOrg;
  let store: Store;
  let dropDatabase: (() => Promise<void>) | undefined;
  let config: TemporalConfig;
  let client: Client;
  let workerEnv: Record<string, string>;
  let worker: WorkerProcess | undefined;
  const startWorker = () => startWorkerProcess(client, { namespace: config.namespace, taskQueue: config.taskQueue, env: workerEnv });

  beforeAll(async () => {
    const base = process.env.DATABASE_URL_TEST;
    if (!base) throw new Error('DATABASE_URL_TEST is unset: run through jest --selectProjects integration, whose global setup starts PostgreSQL.');
    org = await startTestOrg({ usernames: [user.username], changeEvents: true });
    Object.assign(org.users, await org.emulator.control.addUsers(org.orgId, [{ username: integrationUser, password: 'pw', email: integrationUser, viewAllData: true }]));
    const database = await createTestDatabase(base);
    dropDatabase = database.drop;
    store = await openStore(database.url);
    config = { ...temporalConfigFromEnv(), taskQueue: `test-stream-kill-${randomUUID()}` };
    client = await connectTemporalClient(config);
    workerEnv = {
      STORE_URL: database.url,
      SIA_SECRET_KEY: secretKey.toString('base64'),
      SALESFORCE_LOGIN_URL: org.app.loginUrl,
      SALESFORCE_CLIENT_ID: org.app.clientId,
      SALESFORCE_CLIENT_SECRET: org.app.clientSecret,
      SALESFORCE_REDIRECT_URI: org.app.redirectUri,
      SALESFORCE_API_VERSION: org.app.apiVersion,
      SALESFORCE_PUBSUB_ENDPOINT: org.app.pubsub?.endpoint ?? 'off',
      // The emulator's certificate is self-signed: taken unchecked, which only the local stack may do.
      SALESFORCE_PUBSUB_INSECURE_TLS: '1',
      SIA_DEV: '1',
      LOG_LEVEL: 'warn',
    };
    worker = await startWorker();
    await setOrgIntegration(store.db, secretKey, { ...(await oauthConnection(org, integrationUser)), connectedBy: 'admin' });
    await connectUser(store, secretKey, org, user.id, user.username);
    const saved = await storeSettings(store.db, user.id, { taskSync: { mode: 'two_way' } });
    await saveSyncSettings(client, user.id, saved.settings, { taskQueue: config.taskQueue, version: Date.parse(saved.savedAt), now: new Date(saved.savedAt), taskSyncEnabledAt: saved.taskSyncEnabledAt, pollConfig: pollingOnlyWhenNudged });
    await eventually(() => readSyncStatus(client, user.id), (s) => s?.phase === 'reconciling' && s.taskSync?.lastSyncAt != null, 60_000);
    // Events wait a second in the stream before their batch is handled: a wide window to die in.
    await ensureOrgPoller(client, org.orgId, config.taskQueue, 300, { batchMs: 1000 });
    expect((await eventually(() => getOrgChangeStream(store.db, org.orgId), (s) => s?.detection === 'streaming', 60_000))?.detection).toBe('streaming');
  }, 240_000);

  afterAll(async () => {
    await client?.workflow.getHandle(orgPollerWorkflowId(org.orgId)).terminate('test over').catch(() => undefined);
    await client?.workflow.getHandle(salesforceSyncWorkflowId(user.id)).terminate('test over').catch(() => undefined);
    await worker?.stop();
    await client?.connection.close();
    await store?.close();
    await dropDatabase?.();
    await org?.emulator.close();
  });

  it(
    'resumes from its checkpoint: changes made as it died and while no worker ran all land, once each',
    async () => {
      const sf = new jsforce.Connection({ oauth2: { loginUrl: org.app.loginUrl, clientId: org.app.clientId, clientSecret: org.app.clientSecret }, version: '62.0' });
      await sf.login(user.username, 'pw');
      const create = async (subject: string) => {
        const created = await sf.sobject('Task').create({ Subject: subject, Status: 'Not Started', Priority: 'Normal' });
        if (!created.success) throw new Error('create failed');
      };
      const count = async (subject: string) => (await listTasks(store.db, user.id)).filter((t) => t.name === subject).length;
      await create('Before the kill');
      expect(await eventually(() => count('Before the kill'), (n) => n > 0, 30_000)).toBe(1);
      const checkpoint = (await getOrgChangeStream(store.db, org.orgId))?.replayId;
      expect(checkpoint).toBeTruthy();

      // The event is on its way, or waiting in the stream's batch, when the worker dies.
      await create('As the worker died');
      await worker!.kill();
      const killedAt = Date.now();
      worker = undefined;
      // The dead worker had not handled it: its checkpoint is still the one before.
      expect((await getOrgChangeStream(store.db, org.orgId))?.replayId).toBe(checkpoint);
      await create('While no worker ran');
      worker = await startWorker();

      const subjects = ['As the worker died', 'While no worker ran'];
      for (const subject of subjects) expect(await eventually(() => count(subject), (n) => n > 0, 90_000)).toBe(1);
      const recoveredInMs = Date.now() - killedAt;
      process.stdout.write(`\nChange events after kill -9 of the streaming worker: both changes in SIA ${(recoveredInMs / 1000).toFixed(1)} s after the kill\n`);
      // The next attempt went on after the checkpoint the dead one left, and nothing doubled.
      expect(BigInt((await getOrgChangeStream(store.db, org.orgId))?.replayId ?? '0')).toBeGreaterThan(BigInt(checkpoint!));
      for (const subject of ['Before the kill', ...subjects]) expect(await count(subject)).toBe(1);
    },
    180_000,
  );
});

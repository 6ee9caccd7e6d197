import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import jsforce from 'jsforce';
import { randomUUID } from 'node:crypto';
import { handOverEmail } from '../../../client/email-handover';
import { nudgeSync, readSyncStatus, saveSyncSettings } from '../../../client/sync-workflow';
import { connectTemporalClient } from '../../../client/temporal-client';
import { temporalConfigFromEnv, type TemporalConfig } from '../../../config/temporal';
import { emailTaskQueue, salesforceSyncWorkflowId, watchTaskQueue } from '../../../contract/ids';
import { createTestDatabase } from '../../../dev/postgres';
import type { FaultSpec } from '../../../dev/salesforce-emulator/faults';
import { allLinks, createTask, getEmail, listTasks, openStore, saveSyncSettings as storeSettings, type Store } from '../../../store';
import type { PollConfig } from '../../../sync/poll-schedule';
import { connectUser, startTestOrg, testSecretKey, type TestOrg } from '../../support/salesforce';
import { fastPolling, pollingOnlyWhenNudged } from '../../support/task-sync-harness';
import { eventually } from '../../support/temporal';
import { startWorkerProcess, type WorkerProcess } from '../../support/worker-process';

/**
 * A dead worker costs seconds, not minutes. Real worker processes (workers/main.ts) on the test's
 * Temporal dev server, the emulator over HTTP and a PostgreSQL store; each case holds one of a
 * user's Salesforce calls open (the emulator's latency fault), kills the worker with SIGKILL
 * while the call waits, starts another worker and measures, from the kill, how long the change
 * takes to land. It must land once, with nobody pressing Resync (the workflow never even sees a
 * failure: its history has no failed or timed-out activity), because the heartbeat timeout
 * noticed the dead worker, far sooner than the 5-minute start-to-close timeout would have.
 *
 * Workers run with 2 activity slots on the main queue while 3 users' watches are running: were
 * watches still on the main queue, no round could start.
 */

/** Kill to landing; generous for a loaded 2-core machine (heartbeat timeouts 15 s and 20 s, a 10 s sticky queue timeout, a worker start). */
const recoveryBoundMs = 60_000;
/**
 * How long the emulator holds the call. The kill lands within a few hundred ms of the call
 * arriving, and the held call is then carried out, as Salesforce carries out a request whose
 * client is gone: well before Temporal can have noticed the dead worker (at least 3 s after the
 * kill, the heartbeat timeout less the SDK's heartbeat throttle), so the retry meets its effect.
 */
const holdMs = 3000;

const users = {
  pull: { id: 'user-kill-pull', username: 'kill-pull@acme.test' },
  push: { id: 'user-kill-push', username: 'kill-push@acme.test' },
  idle: { id: 'user-kill-idle', username: 'kill-idle@acme.test' },
  email: { id: 'user-kill-email', username: 'kill-email@acme.test' },
};

let org: TestOrg;
let store: Store;
let dropDatabase: () => Promise<void>;
let config: TemporalConfig;
let client: Client;
let workerEnv: Record<string, string>;
let worker: WorkerProcess | undefined;
const secretKey = testSecretKey();
const recoveries: string[] = [];

const sfUserId = (user: { username: string }) => org.users[user.username] ?? '';

function startWorker(): Promise<WorkerProcess> {
  return startWorkerProcess(client, { namespace: config.namespace, taskQueue: config.taskQueue, env: workerEnv });
}

let lastSave = 0;
async function switchOn(user: { id: string; username: string }, pollConfig: Partial<PollConfig>): Promise<void> {
  await connectUser(store, secretKey, org, user.id, user.username);
  const saved = await storeSettings(store.db, user.id, { taskSync: { mode: 'two_way' } });
  lastSave = Math.max(lastSave + 1, Date.parse(saved.savedAt));
  await saveSyncSettings(client, user.id, saved.settings, { taskQueue: config.taskQueue, version: lastSave, now: new Date(saved.savedAt), taskSyncEnabledAt: saved.taskSyncEnabledAt, pollConfig });
  const status = await eventually(() => readSyncStatus(client, user.id), (s) => s?.phase === 'reconciling' && s.taskSync?.lastSyncAt != null, 60_000);
  expect(status?.phase).toBe('reconciling');
}

beforeAll(async () => {
  const base = process.env.DATABASE_URL_TEST;
  if (!base) throw new Error('DATABASE_URL_TEST is unset: run through jest --selectProjects integration, whose global setup starts PostgreSQL.');
  org = await startTestOrg({ usernames: Object.values(users).map((u) => u.username) });
  await org.emulator.control.seedRecords(org.orgId, [{ sobject: 'Contact', fields: { FirstName: 'Ann', LastName: 'Archer', Email: 'ann@acme.test' }, owner: users.email.username }]);
  const database = await createTestDatabase(base);
  dropDatabase = database.drop;
  store = await openStore(database.url);
  config = { ...temporalConfigFromEnv(), taskQueue: `test-kill-${randomUUID()}` };
  client = await connectTemporalClient(config);
  workerEnv = {
    STORE_URL: database.url,
    SIA_SECRET_KEY: secretKey.toString('base64'),
    SALESFORCE_LOGIN_URL: org.app.loginUrl,
    SALESFORCE_CLIENT_ID: org.app.clientId,
    SALESFORCE_CLIENT_SECRET: org.app.clientSecret,
    SALESFORCE_REDIRECT_URI: org.app.redirectUri,
    SALESFORCE_API_VERSION: org.app.apiVersion,
    WORKER_MAX_ACTIVITIES: '2',
    WORKER_MAX_WATCHES: '10',
    LOG_LEVEL: 'warn',
  };
  worker = await startWorker();
  await switchOn(users.pull, pollingOnlyWhenNudged);
  await switchOn(users.push, pollingOnlyWhenNudged);
  // Looks at Salesforce every second: its watch is always running when a worker dies.
  await switchOn(users.idle, fastPolling);
  await connectUser(store, secretKey, org, users.email.id, users.email.username);
  await storeSettings(store.db, users.email.id, { emailLogging: { mode: 'api' } });
}, 240_000);

afterAll(async () => {
  process.stdout.write(`\nRecovery after kill -9 of the worker (kill to change landed, next worker ready after):\n${recoveries.map((r) => `  ${r}\n`).join('')}`);
  await worker?.stop();
  await client.connection.close();
  await store.close();
  await dropDatabase();
  await org.emulator.close();
});

/**
 * Holds the user's next call matching `fault` open, does `start`, kills the worker once the call
 * waits in the emulator, and starts the next worker at once (it is not awaited: recovery counts
 * its start). Answers when the kill landed.
 */
async function killDuringCall(fault: Omit<FaultSpec, 'kind'>, start: () => Promise<unknown>): Promise<{ killedAt: number; next: Promise<WorkerProcess> }> {
  const faultId = await org.emulator.control.addFault({ kind: 'latency', latencyMs: holdMs, times: 1, ...fault });
  await start();
  const stillWaiting = await eventually(async () => (await org.emulator.control.faults()).faults.some((f) => f.id === faultId), (waiting) => !waiting, 60_000);
  expect(stillWaiting).toBe(false);
  if (!worker) throw new Error('no worker running');
  await worker.kill();
  const killedAt = Date.now();
  worker = undefined;
  return { killedAt, next: startWorker() };
}

/** Waits for the next worker and for `landed`; reports and checks the time from the kill. */
async function recovered(name: string, killedAt: number, next: Promise<WorkerProcess>, landed: () => Promise<boolean>): Promise<void> {
  const [done, ready] = await Promise.all([eventually(landed, (yes) => yes, recoveryBoundMs + 10_000), next]);
  const ms = Date.now() - killedAt;
  worker = ready;
  recoveries.push(`${name}: ${(ms / 1000).toFixed(1)} s (next worker ready after ${(ready.startedInMs / 1000).toFixed(1)} s)`);
  expect(done).toBe(true);
  expect(ms).toBeLessThan(recoveryBoundMs);
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { EventType, TimeoutType } = temporal.api.enums.v1;

async function history(workflowId: string): Promise<HistoryEvent[]> {
  return (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
}

/**
 * The attempts of `activityType` that finished after a heartbeat timeout took the one before
 * (the SDK records an activity's started event when it finishes, with its attempt and the last failure).
 */
async function attemptsAfterHeartbeatTimeout(workflowId: string, activityType: string): Promise<Array<{ attempt: number; taskQueue: string }>> {
  const events = await history(workflowId);
  const scheduled = new Map(events.filter((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).map((e) => [String(e.eventId), e.activityTaskScheduledEventAttributes]));
  return events.flatMap((e) => {
    const started = e.activityTaskStartedEventAttributes;
    const of = scheduled.get(String(started?.scheduledEventId));
    if (e.eventType !== EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED || of?.activityType?.name !== activityType) return [];
    if (started?.lastFailure?.timeoutFailureInfo?.timeoutType !== TimeoutType.TIMEOUT_TYPE_HEARTBEAT) return [];
    return [{ attempt: started.attempt ?? 0, taskQueue: of.taskQueue?.name ?? '' }];
  });
}

/**
 * The workflow never saw an activity fail or time out: every retry happened, and succeeded, below
 * it. A watch the workflow had already cancelled (a nudge wakes it without waiting for the watch
 * to stop) may time out on the dead worker: the workflow no longer waits for it.
 */
async function expectNoFailureSeen(workflowId: string): Promise<void> {
  const failures = (await history(workflowId)).filter(
    (e) =>
      e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED ||
      (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT && e.activityTaskTimedOutEventAttributes?.retryState !== temporal.api.enums.v1.RetryState.RETRY_STATE_CANCEL_REQUESTED),
  );
  expect(failures).toEqual([]);
}

async function salesforceAs(username: string) {
  const conn = new jsforce.Connection({ oauth2: { loginUrl: org.app.loginUrl, clientId: org.app.clientId, clientSecret: org.app.clientSecret }, version: '62.0' });
  await conn.login(username, 'pw');
  return conn;
}

const sfTasks = async (user: { username: string }, includeDeleted = false) => (await org.emulator.control.records(org.orgId, 'Task', { includeDeleted })).filter((r) => r.OwnerId === sfUserId(user));

describe('a worker killed mid-activity', () => {
  it('mid-pull: the retry on the next worker brings the Salesforce change in; a user whose watch it held syncs again too', async () => {
    const subject = `Pulled after a kill ${randomUUID().slice(0, 8)}`;
    const idleSubject = `Watched after a kill ${randomUUID().slice(0, 8)}`;
    const asPull = await salesforceAs(users.pull.username);
    const asIdle = await salesforceAs(users.idle.username);
    const made = await asPull.sobject('Task').create({ Subject: subject, Status: 'Not Started', Priority: 'Normal', ActivityDate: '2027-03-01' });
    if (!made.success) throw new Error('the Salesforce task was not created');

    const { killedAt, next } = await killDuringCall({ path: '/queryAll', method: 'GET', userId: sfUserId(users.pull) }, () => nudgeSync(client, users.pull.id, { source: 'salesforce' }));
    // The idle user's watch died with the worker; this change is found once a watch runs again.
    await asIdle.sobject('Task').create({ Subject: idleSubject, Status: 'Not Started', Priority: 'Normal' });

    const pulledIn = async () => (await listTasks(store.db, users.pull.id)).some((t) => t.name === subject);
    const watchedIn = async () => (await listTasks(store.db, users.idle.id)).some((t) => t.name === idleSubject);
    await recovered('mid-pull, the pulled task in SIA', killedAt, next, pulledIn);
    await recovered('an idle user whose watch died, its Salesforce change in SIA', killedAt, next, watchedIn);

    const pulled = (await listTasks(store.db, users.pull.id)).filter((t) => t.name === subject);
    expect(pulled).toHaveLength(1);
    expect((await allLinks(store.db, users.pull.id)).filter((l) => l.sfTaskId === made.id)).toEqual([expect.objectContaining({ siaTaskId: pulled[0]?.id })]);
    expect((await listTasks(store.db, users.idle.id)).filter((t) => t.name === idleSubject)).toHaveLength(1);

    // The kill landed inside the pull, and the heartbeat timeout, not the start-to-close timeout, noticed it.
    const pulls = await eventually(() => attemptsAfterHeartbeatTimeout(salesforceSyncWorkflowId(users.pull.id), 'pullSalesforceChanges'), (a) => a.length > 0, 30_000);
    expect(pulls).toEqual([{ attempt: 2, taskQueue: config.taskQueue }]);
    const watches = await eventually(() => attemptsAfterHeartbeatTimeout(salesforceSyncWorkflowId(users.idle.id), 'watchForChanges'), (a) => a.length > 0, 30_000);
    expect(watches).toEqual([{ attempt: 2, taskQueue: watchTaskQueue(config.taskQueue) }]);
    await expectNoFailureSeen(salesforceSyncWorkflowId(users.pull.id));
    await expectNoFailureSeen(salesforceSyncWorkflowId(users.idle.id));
  }, 180_000);

  it('mid-push: the retry on the next worker creates the Salesforce task once', async () => {
    const task = await createTask(store.db, users.push.id, { name: `Pushed after a kill ${randomUUID().slice(0, 8)}`, dueDate: '2027-03-02' });
    const { killedAt, next } = await killDuringCall({ path: '/composite/sobjects/Task/SIA_Task_Id__c', method: 'PATCH', userId: sfUserId(users.push) }, () => nudgeSync(client, users.push.id, { source: 'sia' }));

    const linked = async () => (await allLinks(store.db, users.push.id)).some((l) => l.siaTaskId === task.id);
    await recovered('mid-push, the task in Salesforce and linked', killedAt, next, linked);

    const inSalesforce = (await sfTasks(users.push, true)).filter((t) => t.SIA_Task_Id__c === task.id);
    expect(inSalesforce).toHaveLength(1);
    expect((await allLinks(store.db, users.push.id)).filter((l) => l.siaTaskId === task.id)).toEqual([expect.objectContaining({ sfTaskId: inSalesforce[0]?.Id })]);
    // Nothing came back into SIA as a second task.
    expect((await listTasks(store.db, users.push.id)).filter((t) => t.name === task.name)).toHaveLength(1);

    const pushes = await eventually(() => attemptsAfterHeartbeatTimeout(salesforceSyncWorkflowId(users.push.id), 'pushSiaChanges'), (a) => a.length > 0, 30_000);
    expect(pushes).toEqual([{ attempt: 2, taskQueue: config.taskQueue }]);
    await expectNoFailureSeen(salesforceSyncWorkflowId(users.push.id));
  }, 180_000);

  it('mid-email-log: the retry on the next worker logs the email once', async () => {
    const tag = randomUUID().slice(0, 8);
    const raw = Buffer.from(
      [`From: Kim Kill <${users.email.username}>`, 'To: Ann Archer <ann@acme.test>', `Subject: Kill test ${tag}`, 'Date: Tue, 10 Mar 2026 10:00:00 +0000', `Message-ID: <${tag}@mail.sia-sales.test>`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=UTF-8', '', `Logged once ${tag}.`].join('\r\n'),
    );
    let handedOver: { emailId: string; workflowId: string } | undefined;
    const { killedAt, next } = await killDuringCall({ path: '^/services/data/v[0-9.]+/composite/sobjects$', method: 'POST', userId: sfUserId(users.email) }, async () => {
      handedOver = await handOverEmail({ client, taskQueue: config.taskQueue }, store, { userId: users.email.id, raw });
    });
    if (!handedOver) throw new Error('the email was not handed over');
    const { emailId, workflowId } = handedOver;

    const logged = async () => (await getEmail(store.db, emailId))?.status === 'logged';
    await recovered('mid-email-log, the email logged', killedAt, next, logged);

    const tasks = (await sfTasks(users.email, true)).filter((t) => typeof t.Subject === 'string' && t.Subject.includes(tag));
    expect(tasks).toHaveLength(1);
    const logs = await eventually(() => attemptsAfterHeartbeatTimeout(workflowId, 'logEmailThroughApi'), (a) => a.length > 0, 30_000);
    expect(logs).toEqual([{ attempt: 2, taskQueue: emailTaskQueue(config.taskQueue) }]);
    await expectNoFailureSeen(workflowId);
  }, 180_000);
});

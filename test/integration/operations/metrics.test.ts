import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { operatorEndpoints } from '../../../api/operator-endpoints';
import { startMetricsServer, type MetricsServer } from '../../../observability/metrics-server';
import { createTask } from '../../../store';
import { startTaskSyncHarness, type TaskSyncHarness } from '../../support/task-sync-harness';
import { eventually } from '../../support/temporal';

/**
 * After real sync work, both scrape targets show it: the worker's listener (activity timings
 * from the activity interceptor) and the API server's /metrics (Salesforce calls per org from
 * the store).
 */

let h: TaskSyncHarness;
let worker: MetricsServer;
let api: FastifyInstance;
let apiUrl: string;
const userId = `metrics-${randomUUID()}`;
const revokedUser = `metrics-revoked-${randomUUID()}`;

beforeAll(async () => {
  h = await startTaskSyncHarness(['metrics@acme.test', 'metrics-revoked@acme.test']);
  worker = await startMetricsServer({ port: 0, host: '127.0.0.1', tokens: ['scrape-token'] });
  api = Fastify();
  await api.register(operatorEndpoints, { store: h.store, env: { METRICS_AUTH_TOKEN: 'api-scrape-token' } });
  apiUrl = `${await api.listen({ port: 0, host: '127.0.0.1' })}/metrics`;

  await h.connect(userId, 'metrics@acme.test');
  const task = await createTask(h.store.db, userId, { name: 'Counted', dueDate: '2027-04-01' });
  const mark = new Date().toISOString();
  await h.save(userId, { taskSync: { mode: 'two_way' } });
  await h.synced(userId, mark);
  await eventually(() => h.sfTasks('metrics@acme.test'), (ts) => ts.some((t) => t.SIA_Task_Id__c === task.id));

  await h.connect(revokedUser, 'metrics-revoked@acme.test');
  await h.org.emulator.control.revokeTokens({ userId: h.org.users['metrics-revoked@acme.test'] });
  await h.save(revokedUser, { taskSync: { mode: 'two_way' } });
  await eventually(() => h.status(revokedUser), (s) => s?.phase === 'paused');
});

afterAll(async () => {
  await worker?.close();
  await api?.close();
  await h?.stop();
});

/** The value of one sample line, e.g. `name{a="b"} 3`; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe("the worker's metrics listener", () => {
  it('times every activity attempt by type and outcome, failures included', async () => {
    const res = await fetch(worker.url, { headers: { authorization: 'Bearer scrape-token' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(sample(text, 'sia_activity_duration_seconds_count', { activity: 'pushSiaChanges', outcome: 'completed' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'sia_activity_duration_seconds_count', { activity: 'pullSalesforceChanges', outcome: 'completed' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'sia_activity_duration_seconds_bucket', { activity: 'pushSiaChanges', outcome: 'completed', le: '+Inf' })).toBeGreaterThanOrEqual(1);
    // The revoked user's first Salesforce call fails: counted as a failed attempt.
    const failed = text.split('\n').filter((l) => l.startsWith('sia_activity_duration_seconds_count{') && l.includes('outcome="failed"'));
    expect(failed.map((l) => Number(l.split(' ').pop())).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(text).toContain('# TYPE sia_task_sync_tasks_total counter');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('refuses a scrape without its token, and serves nothing but /metrics', async () => {
    expect((await fetch(worker.url)).status).toBe(401);
    expect((await fetch(worker.url.replace('/metrics', '/'), { headers: { authorization: 'Bearer scrape-token' } })).status).toBe(404);
  });
});

describe("the API server's /metrics", () => {
  it('shows the Salesforce API calls made for the org in the last 24 hours', async () => {
    // The idle sync keeps polling, so the count may grow between the reads around the scrape.
    const callsSoFar = async () => Number((await h.store.db.selectFrom('api_usage').select((eb) => eb.fn.sum('calls').as('calls')).where('org_id', '=', h.org.orgId).executeTakeFirstOrThrow()).calls);
    const before = await callsSoFar();
    expect((await fetch(apiUrl)).status).toBe(401);
    const res = await fetch(apiUrl, { headers: { authorization: 'Bearer api-scrape-token' } });
    expect(res.status).toBe(200);
    const text = await res.text();
    const after = await callsSoFar();
    expect(before).toBeGreaterThan(0);
    const shown = sample(text, 'sia_salesforce_api_calls_24h', { org_id: h.org.orgId }) ?? -1;
    expect(shown).toBeGreaterThanOrEqual(before);
    expect(shown).toBeLessThanOrEqual(after);
    expect(text).toContain('sia_activity_duration_seconds_count');
  });
});

describe("the API server's /metrics without METRICS_AUTH_TOKEN", () => {
  const servedWith = async (env: NodeJS.ProcessEnv) => {
    const app = Fastify();
    await app.register(operatorEndpoints, { store: h.store, env });
    try {
      return (await fetch(`${await app.listen({ port: 0, host: '127.0.0.1' })}/metrics`)).status;
    } finally {
      await app.close();
    }
  };

  it('is absent outside the local stack, and open on it (SIA_DEV=1)', async () => {
    expect(await servedWith({})).toBe(404);
    expect(await servedWith({ SIA_DEV: '1' })).toBe(200);
  });
});

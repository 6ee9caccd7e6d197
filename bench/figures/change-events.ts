import jsforce, { type Connection } from 'jsforce';
import { performance } from 'node:perf_hooks';
import { ensureOrgPoller } from '../../client/org-poller';
import { getOrgChangeStream, linksForSfTasks, setOrgIntegration } from '../../store';
import { defaultPollConfig } from '../../sync/poll-schedule';
import { oauthConnection } from '../../test/support/salesforce';
import { historyEvents } from '../history';
import type { Figure } from '../report';
import { callMark, callsBetween, tally } from '../salesforce-calls';
import type { BenchStack } from '../stack';
import { secondsPerDay, secondsPerHour, spread } from '../stats';
import { inBatches, seedOrg, switchSyncOn, waitUntilImported, type BenchUser } from '../users';
import { sleep, waitFor } from '../wait';

const orgUsers = 100;
/** Users creating the latency samples at once, so that some land in the same 200 ms batch. */
const writers = 5;
/** An idle user's periodic look (16 h) runs this many times faster (its timer divided), so the window holds whole cycles. */
const checkScale = 1920;
const outageSeconds = 120;
/** Changes made during the outage, spread over it. */
const outageChanges = 10;

/**
 * An org that streams its Task changes (Change Data Capture through the emulator's Pub/Sub API
 * over TLS, the org poller on the product's worker process with production settings): 100 users
 * with task sync on and an integration user.
 * - latency: a jsforce create as a user, until the SIA task linked to it exists;
 * - idle: the org's Salesforce calls, and each user's history events, over whole cycles of the
 *   users' periodic look (its timer divided by `checkScale`; the stream runs at real pace);
 * - outage: the Pub/Sub API refuses the org for 2 minutes while changes are made; how long after
 *   it ends until every one is in SIA.
 */
export async function measureChangeEvents(stack: BenchStack, options: { samples: number; idleMinutes: number }, say: (line: string) => void): Promise<Figure[]> {
  const control = stack.emulator.control;
  const org = await seedOrg(stack, 'stream', orgUsers);
  await control.setChangeDataCapture(org.orgId, { entities: { Task: true } });
  const integration = `integration.stream.${stack.runId}@bench.test`;
  const added = await control.addUsers(org.orgId, [{ username: integration, password: 'pw', email: integration, viewAllData: true }]);
  await setOrgIntegration(stack.store.db, stack.secretKey, { ...(await oauthConnection({ emulator: stack.emulator, orgId: org.orgId, users: added, app: stack.app }, integration)), connectedBy: 'bench' });
  const checkSeconds = defaultPollConfig.streamedCheckSeconds / checkScale;
  say(`stream: switching ${orgUsers} users on in an org with Task change events…`);
  // The first user's sync starts the org's stream; the others find the org streaming (no watch from the start).
  const [first, ...others] = org.users as [BenchUser, ...BenchUser[]];
  const switchOn = (u: BenchUser) => switchSyncOn(stack, u.id, { pollConfig: { streamedCheckSeconds: checkSeconds } });
  await switchOn(first);
  await waitUntilImported(stack, first.id, 5 * 60_000);
  await ensureOrgPoller(stack.client, org.orgId, stack.temporal.taskQueue);
  await waitFor(() => getOrgChangeStream(stack.store.db, org.orgId), (s) => s?.detection === 'streaming', { timeoutMs: 120_000, intervalMs: 100, what: 'the org to stream its changes' });
  await inBatches(others, 20, switchOn);
  await inBatches(others, 20, (u) => waitUntilImported(stack, u.id, 5 * 60_000));

  const connections = new Map<string, Connection>();
  const sfAs = async (user: BenchUser) => {
    let conn = connections.get(user.id);
    if (!conn) {
      conn = new jsforce.Connection({ oauth2: { loginUrl: stack.app.loginUrl, clientId: stack.app.clientId, clientSecret: stack.app.clientSecret }, version: stack.app.apiVersion });
      await conn.login(user.username, 'pw');
      connections.set(user.id, conn);
    }
    return conn;
  };
  const create = async (user: BenchUser, subject: string) => {
    const created = await (await sfAs(user)).sobject('Task').create({ Subject: subject, Status: 'Not Started', Priority: 'Normal' });
    if (!created.success) throw new Error(`jsforce create failed: ${JSON.stringify(created)}`);
    return created.id;
  };
  const inSia = (user: BenchUser, sfId: string, timeoutMs: number) =>
    waitFor(() => linksForSfTasks(stack.store.db, user.id, [sfId]), (links) => links.size > 0, { timeoutMs, intervalMs: 20, what: `Salesforce task ${sfId} in SIA` });

  // Latency (the first user's first change also ends the watch it started before the org streamed).
  say(`stream: ${options.samples} Salesforce → SIA samples, ${writers} users writing at once…`);
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    org.users.slice(0, writers).map(async (user) => {
      while (next < options.samples) {
        const i = next++;
        await sleep(200 + Math.random() * 1800);
        const started = performance.now();
        await inSia(user, await create(user, `Streamed ${i}`), 60_000);
        latencies.push((performance.now() - started) / 1000);
      }
    }),
  );
  const lat = spread(latencies);

  // Idle: once every user waits for nudges alone (no activity running), over whole cycles of their look.
  await waitFor(
    async () => {
      const pending = await Promise.all(org.users.map(async (u) => (await stack.client.workflow.getHandle(`salesforce-sync:${u.id}`).describe()).raw.pendingActivities?.length ?? 0));
      return pending.reduce((a, b) => a + b, 0);
    },
    (n) => n === 0,
    { timeoutMs: 120_000, intervalMs: 500, what: 'every user to wait for nudges alone' },
  );
  say(`stream: idle for ${options.idleMinutes} min (each user's ${defaultPollConfig.streamedCheckSeconds / 3600}-hour look every ${checkSeconds} s)…`);
  const mark = callMark(stack.emulator);
  const windowStart = Date.now();
  await sleep(options.idleMinutes * 60_000);
  const windowSeconds = (Date.now() - windowStart) / 1000;
  const idleCalls = callsBetween(stack.emulator, org.orgId, mark);
  let events = 0;
  let cycles = 0;
  let watches = 0;
  for (const user of org.users) {
    const history = await historyEvents(stack.client, user.id);
    // The looks' timers started in the window: events from the first to the last are whole cycles.
    const looks = history.flatMap((e, i) => (e.timerStartedEventAttributes && Number(e.eventTime?.seconds?.toString() ?? 0) * 1000 >= windowStart ? [i] : []));
    if (looks.length >= 2) {
      events += looks.at(-1)! - looks[0]!;
      cycles += looks.length - 1;
    }
    watches += history.slice(looks[0] ?? history.length).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'watchForChanges').length;
  }
  const idleHours = (cycles * defaultPollConfig.streamedCheckSeconds) / secondsPerHour;
  const eventsPerHour = idleHours > 0 ? events / idleHours : null;
  // Calls: the stream's at real pace (per real day); the users' looks at scale (none expected either way).
  const integrationId = added[integration];
  const streamCalls = idleCalls.filter((c) => c.userId === integrationId).length;
  const userCalls = idleCalls.length - streamCalls;
  const callsPerDay = (streamCalls / windowSeconds) * secondsPerDay + (idleHours > 0 ? (userCalls / idleHours) * 24 : 0);

  // Outage: the Pub/Sub API refuses the org; changes meanwhile; how long after it ends until all are in SIA.
  say(`stream: a ${outageSeconds}-second Pub/Sub outage with ${outageChanges} changes during it…`);
  const cut = await control.pubsubOutage({ orgId: org.orgId, refuseForMs: outageSeconds * 1000 });
  const outageStartedAt = performance.now();
  const outageEndsAt = outageStartedAt + outageSeconds * 1000;
  const made: Array<{ user: BenchUser; id: string; createdAt: number }> = [];
  // Each change's arrival, watched from its creation on (every 20 ms), so arrivals during the outage count as such.
  const arrivals: Array<Promise<number>> = [];
  for (let i = 0; i < outageChanges; i++) {
    const user = org.users[(i * 7) % org.users.length]!;
    const change = { user, id: await create(user, `During the outage ${i}`), createdAt: performance.now() };
    made.push(change);
    arrivals.push(inSia(user, change.id, 10 * 60_000).then(() => performance.now()));
    await sleep(Math.max(0, Math.min(((outageSeconds - 10) * 1000) / outageChanges, outageEndsAt - performance.now() - 5000)));
  }
  const arrivedAt = await Promise.all(arrivals);
  const afterOutage = (Math.max(...arrivedAt) - outageEndsAt) / 1000;
  const beforeEnd = arrivedAt.filter((t) => t < outageEndsAt).length;
  const outageTimeline = made.map((m, i) => ({ createdAfterS: (m.createdAt - outageStartedAt) / 1000, inSiaAfterS: (arrivedAt[i]! - outageStartedAt) / 1000 }));
  for (const conn of connections.values()) await conn.logout().catch(() => undefined);

  const setup = `${orgUsers} users with task sync on and an integration user (View All Data), Task selected for Change Data Capture, the stream on the worker process with production settings (events batched 200 ms)`;
  return [
    { key: 'stream', title: 'streamed org: SF → SIA latency p50', value: lat.p50, unit: 's', target: { op: '<=', value: 1.5 }, derivation: `${lat.n} Tasks created through jsforce as ${writers} users at once (random 0.2–2 s apart each), until the SIA task linked to it exists (checked every 20 ms); ${setup}; max ${lat.max.toFixed(2)} s`, details: { samples: latencies } },
    { key: 'stream', title: 'streamed org: SF → SIA latency p95', value: lat.p95, unit: 's', target: { op: '<=', value: 3 }, derivation: 'same samples' },
    {
      key: 'stream',
      title: `streamed idle org of ${orgUsers} users: SF calls per day`,
      value: callsPerDay,
      unit: 'calls',
      target: { op: '<=', value: 30 },
      derivation: `${idleCalls.length} counted REST calls in ${windowSeconds.toFixed(0)} real seconds of idleness (${streamCalls} by the integration user, per real day; ${userCalls} by users, over ${cycles} whole look cycles = ${idleHours.toFixed(0)} idle user-hours); ${tally(idleCalls).api > 0 ? JSON.stringify(tally(idleCalls).byEndpoint) : 'none'}; the Pub/Sub stream and its keepalives are not REST calls`,
      details: { windowSeconds, streamCalls, userCalls, cycles, idleHours, watchesScheduled: watches },
    },
    {
      key: 'stream',
      title: 'streamed org: history events per idle user per hour',
      value: eventsPerHour,
      unit: 'events',
      target: { op: '<=', value: 1 },
      derivation: `${events} events over ${cycles} whole cycles of the users' look (${cycles > 0 ? (events / cycles).toFixed(1) : '?'} per cycle: the timer firing, a workflow task, the look's activity, a workflow task, the next timer) = ${idleHours.toFixed(0)} idle user-hours at ${defaultPollConfig.streamedCheckSeconds / 3600} h a cycle (run ${checkScale}× faster here); ${watches} watch activities scheduled meanwhile`,
      note: cycles === 0 ? 'no whole cycle in the window: lengthen --idle-minutes' : undefined,
    },
    {
      key: 'stream',
      title: `changes during a ${outageSeconds / 60}-minute Pub/Sub outage: all in SIA after it ends`,
      value: afterOutage,
      unit: 's',
      target: { op: '<=', value: 60 },
      derivation: `${outageChanges} Tasks created through jsforce while the Pub/Sub API refused every call (pubsubOutage, ${outageSeconds} s, ${cut} stream cut); seconds from the end of the refusal until the last is in SIA; ${beforeEnd} arrived before it ended (the org poll starts after 3 minutes down); the stream reconnects every ≤ 15 s and resumes from its replay id`,
      details: { outageTimeline },
    },
  ];
}

import { temporal } from '@temporalio/proto';
import { salesforceSyncWorkflowId } from '../../contract/ids';
import { SiaUserId, SyncPhase } from '../../contract/search-attributes';
import type { Figure, Target } from '../report';
import { startEmailProbe } from './email-latency';
import type { BenchStack } from '../stack';
import { inBatches, seedOrg, sfTime, switchSyncOn } from '../users';
import { sleep } from '../wait';

const { PendingActivityState } = temporal.api.enums.v1;
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/**
 * The worker process's resident memory with N users syncing: each with M Salesforce tasks
 * older than the import window, switched on, then left alone. Read from /proc while they sit
 * in their watch activities; also how many of them the worker actually watches at once.
 */
export async function measureMemory(stack: BenchStack, options: { users: number; tasks: number; baselineRss: number }, say: (line: string) => void): Promise<Figure[]> {
  const { users: count, tasks } = options;
  const old = sfTime(stack.emulator.state.clock.now() - 3 * 24 * 3600_000);
  say(`memory: seeding ${count} users × ${tasks} tasks…`);
  const org = await seedOrg(stack, 'memory', count, (owner) =>
    Array.from({ length: tasks }, (_, i) => ({ sobject: 'Task', owner, fields: { Subject: `Old ${i}`, Status: 'Not Started', Priority: 'Normal', CreatedDate: old, LastModifiedDate: old, SystemModstamp: old } })),
  );
  // Emails logged while the users switch on: logging must not wait behind their first syncs.
  const probe = await startEmailProbe(stack, emailEveryMs);
  say(`memory: switching sync on for ${count} users (an email logged every ${emailEveryMs / 1000} s meanwhile)…`);
  const switchStarted = Date.now();
  await inBatches(org.users, 20, (u) => switchSyncOn(stack, u.id));

  // Counted through the search attributes the workflows publish: asking 10,000 workflows for their
  // status would load the worker being measured with queries (and replays) of its own.
  const prefix = `bench-${stack.runId}-memory-`;
  const throughFirstSync = async () => (await stack.client.workflow.count(`${SiaUserId.name} STARTS_WITH '${prefix}' AND ${SyncPhase.name} = 'reconciling'`)).count;
  const deadline = Date.now() + Math.max(120_000, count * 300);
  let settled = await throughFirstSync();
  while (settled < count && Date.now() < deadline) {
    await sleep(2000);
    settled = await throughFirstSync();
  }
  const settledSeconds = (Date.now() - switchStarted) / 1000;
  const notThrough = Math.max(0, count - settled);
  const emails = await probe.stop();
  say(`memory: ${count - notThrough}/${count} users through their first sync in ${settledSeconds.toFixed(0)} s; ${emails.samples.length} emails logged meanwhile (p95 ${emails.latencies.p95.toFixed(2)} s); settling…`);
  await sleep(15_000);

  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    samples.push(stack.worker.memory().rss);
    await sleep(2000);
  }
  const rss = Math.max(...samples);
  const peak = stack.worker.memory().peak;
  const watches = await watchStates(stack, org.users.map((u) => u.id).slice(0, 50));
  const per = count > 0 ? (rss - options.baselineRss) / count : 0;
  const note =
    notThrough > 0
      ? `${notThrough} of ${count} users had not finished their first sync after ${settledSeconds.toFixed(0)} s, so the worker held less than N users' work`
      : watches.scheduled > 0
        ? `of ${watches.sampled} users sampled, ${watches.started} had their watch running and ${watches.scheduled} waited for a free activity slot`
        : undefined;
  return [
    {
      key: 'memory',
      title: notThrough > 0 ? `worker RSS with ${count} users switched on (only ${count - notThrough} through their first sync)` : `worker RSS with ${count} idle users`,
      value: rss / MiB,
      unit: 'MiB',
      target: rssTarget(count),
      derivation: `max of 5 reads of VmRSS of the workers/main.ts child, 15 s after the users' first syncs (or a deadline of ${(Math.max(120_000, count * 300) / 1000).toFixed(0)} s); baseline at start ${(options.baselineRss / MiB).toFixed(0)} MiB, ≈ ${(per / 1024).toFixed(0)} KiB more per user; peak so far ${peak ? (peak / MiB).toFixed(0) : '?'} MiB (the same worker also ran any other figure's users); targets: < 1 GiB at 1,000 users (run --users 1000), < 2 GiB at 10,000 (run --users 10000)`,
      details: { rssBytes: rss, samples, baselineRss: options.baselineRss, peak, usersSettled: count - notThrough, settledSeconds, watches, GiB: rss / GiB },
      note,
    },
    {
      key: 'memory',
      title: `first syncs of ${count} users on one worker`,
      value: notThrough > 0 ? null : settledSeconds,
      unit: 's',
      target: count === 10_000 ? { op: '<', value: 600 } : undefined,
      derivation: `from the first settings save until every user's status showed its first round done (each with ${tasks} Salesforce tasks older than the import window), switched on 20 at a time; target (< 10 min) applies at 10,000 users`,
      details: { users: count, settled: count - notThrough, settledSeconds },
      note: notThrough > 0 ? `${notThrough} users not through their first sync by the deadline` : undefined,
    },
    {
      key: 'memory',
      title: `email logging (hand-over to logged) while ${count} users switch on, p95`,
      value: emails.samples.length > 0 ? emails.latencies.p95 : null,
      unit: 's',
      target: { op: '<=', value: 2 },
      derivation: `one user logging through the API, an email every ${emailEveryMs / 1000} s handed over as the API does, timed until the store marks it logged (its Task written in Salesforce); p50 ${emails.latencies.p50.toFixed(2)} s, max ${emails.latencies.max.toFixed(2)} s over ${emails.latencies.n} emails`,
      details: { ...emails.latencies, failures: emails.failures },
      note: emails.failures.length > 0 ? `${emails.failures.length} emails not logged: ${emails.failures.slice(0, 3).join('; ')}` : undefined,
    },
  ];
}

const emailEveryMs = 2000;

/** The targets hold at the user counts they were set for; other counts are measured without one. */
function rssTarget(users: number): Target | undefined {
  if (users === 10_000) return { op: '<', value: 2048 };
  if (users === 1000) return { op: '<', value: 1024 };
  return undefined;
}

/** Pending watch activities of a sample of users: running on a worker, or waiting for a slot. */
async function watchStates(stack: BenchStack, userIds: readonly string[]): Promise<{ sampled: number; started: number; scheduled: number }> {
  let started = 0;
  let scheduled = 0;
  await inBatches(userIds, 10, async (id) => {
    const description = await stack.client.workflow.getHandle(salesforceSyncWorkflowId(id)).describe();
    for (const a of description.raw.pendingActivities ?? []) {
      if (a.activityType?.name !== 'watchForChanges') continue;
      if (a.state === PendingActivityState.PENDING_ACTIVITY_STATE_STARTED) started += 1;
      else if (a.state === PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED) scheduled += 1;
    }
  });
  return { sampled: userIds.length, started, scheduled };
}

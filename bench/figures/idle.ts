import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import type { WatchInput } from '../../contract/task-sync';
import { wholeCycles } from '../cycles';
import { activitiesScheduled, historyEvents, historyLength, scheduledAt } from '../history';
import type { Figure } from '../report';
import { callMark, callsBetween, tally } from '../salesforce-calls';
import type { ScaledWatchWorker } from '../scaled-watch-worker';
import type { BenchStack } from '../stack';
import { secondsPerDay, secondsPerHour } from '../stats';
import { seedOrg, switchSyncOn, waitUntilImported, type BenchUser } from '../users';
import { sleep } from '../wait';
import { describeEndpoints } from './initial-import';

const scaledUsers = 3;

/**
 * Idle users: task sync on, nothing to import and nothing changing, so the workflow's schedule
 * is at its idle pace (the same as for a user whose last change is over an hour old).
 * Measured on users whose watch waits run `scale` times faster (see scaled-watch-worker.ts),
 * over whole watch cycles; cross-checked against one user at real pace on the worker process.
 */
export async function measureIdle(stack: BenchStack, scaled: ScaledWatchWorker, minutes: number, say: (line: string) => void): Promise<Figure[]> {
  const { scale } = scaled;
  const org = await seedOrg(stack, 'idle', scaledUsers + 1);
  const [realPace, ...fast] = org.users as [BenchUser, ...BenchUser[]];
  // Cycles count from the first watch, which starts right after the first round.
  const windowStart = Date.now();
  await switchSyncOn(stack, realPace.id);
  for (const u of fast) await switchSyncOn(stack, u.id, { taskQueue: scaled.taskQueue });
  for (const u of org.users) await waitUntilImported(stack, u.id, 5 * 60_000);

  say(`idle: watching ${fast.length} idle users for ${minutes} min at ${scale}× (≈ ${((minutes * scale) / 60).toFixed(1)} h idle each), and one at real pace…`);
  const mark = callMark(stack.emulator);
  const realBefore = await historyLength(stack.client, realPace.id);
  const realStart = Date.now();
  await sleep(minutes * 60_000);
  const windowEnd = Date.now();

  let calls = 0;
  let events = 0;
  let seconds = 0;
  let cycles = 0;
  const perUser: unknown[] = [];
  const endpoints: Record<string, number> = {};
  const activities: Record<string, number> = {};
  for (const user of fast) {
    const watches = scaled.userWatches.get(user.id) ?? [];
    const span = wholeCycles(watches, windowStart, windowEnd, scale);
    if (!span) throw new Error(`no whole watch cycle of ${user.id} in the window: lengthen --idle-minutes or raise --idle-scale`);
    const mine = callsBetween(stack.emulator, org.orgId, watches[span.from]!.callSeq, watches[span.to]!.callSeq).filter((c) => c.userId === user.sfUserId);
    for (const [endpoint, n] of Object.entries(tally(mine).byEndpoint)) endpoints[endpoint] = (endpoints[endpoint] ?? 0) + n;
    const history = await historyEvents(stack.client, user.id);
    const at = scheduledAt(history, 'watchForChanges');
    if (at.length !== watches.length) throw new Error(`${user.id}: ${at.length} watches in history, ${watches.length} seen by the worker (a retried watch?)`);
    const added = at[span.to]! - at[span.from]!;
    for (const [name, n] of Object.entries(activitiesScheduled(history.slice(at[span.from], at[span.to])))) activities[name] = (activities[name] ?? 0) + n;
    calls += mine.length;
    events += added;
    seconds += span.equivalentSeconds;
    cycles += span.cycles;
    perUser.push({ user: user.id, cycles: span.cycles, idleSeconds: span.equivalentSeconds, calls: mine.length, events: added });
  }
  const callsPerDay = (calls / seconds) * secondsPerDay;
  const eventsPerHour = (events / seconds) * secondsPerHour;

  const chosen = scaled.userWatches.get(fast[0]!.id)?.at(-1)?.input;
  const realInput = await realPaceWatchInput(stack, realPace.id);
  const realCalls = callsBetween(stack.emulator, org.orgId, mark).filter((c) => c.userId === realPace.sfUserId).length;
  const realEvents = (await historyLength(stack.client, realPace.id)) - realBefore;
  const hours = seconds / 3600;
  const cycle = chosen ? `the workflow asked for a Salesforce check every ${chosen.salesforceEverySeconds} s in watches of ${chosen.maxSeconds} s` : 'no watch input seen';
  const realCheck = realInput
    ? `cross-check: the real-pace user's watch, decoded from its history, asks for ${realInput.salesforceEverySeconds} s / ${realInput.maxSeconds} s too, and in ${((windowEnd - realStart) / 60_000).toFixed(1)} real minutes it made ${realCalls} calls and ${realEvents} history events`
    : 'the real-pace user could not be decoded';
  const details = { scale, windowRealSeconds: (windowEnd - windowStart) / 1000, cycles, idleHours: hours, calls, events, perUser, endpoints, activities, watchInputChosenByWorkflow: chosen, plainScheduleCallsPerDay: chosen ? secondsPerDay / chosen.salesforceEverySeconds : null, realPace: { calls: realCalls, events: realEvents, watchInput: realInput } };
  const window = `${fast.length} idle users, watch waits ÷ ${scale}, ${cycles} whole cycles (watch start to watch start) in a ${((windowEnd - windowStart) / 60_000).toFixed(1)}-minute window = ${hours.toFixed(1)} idle hours (watch time × ${scale} + the unscaled time between watches)`;
  return [
    {
      key: 'idle',
      title: 'idle SF API calls per user per day',
      value: callsPerDay,
      unit: 'calls',
      target: { op: '<=', value: 150 },
      derivation: `${calls} counted REST calls over ${window}, × 24 h; ${cycle} (the schedule alone would be ${details.plainScheduleCallsPerDay ?? '?'}/day); per cycle: ${describeEndpoints(Object.fromEntries(Object.entries(endpoints).map(([k, v]) => [k, v / cycles])))}; ${realCheck}`,
      details,
      note: 'idle = no change on either side for over an hour; the hour after a change polls about 35 times (30 s for 5 min, 60 s to 15 min, 180 s to 60 min) instead of 6',
    },
    {
      key: 'idle',
      title: 'Temporal history events per idle user per hour',
      value: eventsPerHour,
      unit: 'events',
      target: { op: '<=', value: 20 },
      derivation: `${events} history events between the same watch starts (${(events / cycles).toFixed(1)} per cycle; activities per cycle: ${Object.entries(activities).map(([name, n]) => `${(n / cycles).toFixed(1)}× ${name}`).join(', ')}), / ${hours.toFixed(1)} idle hours`,
    },
  ];
}

/** The watch input the real-pace user's workflow chose, read back (decoded) from its history. */
async function realPaceWatchInput(stack: BenchStack, userId: string): Promise<WatchInput | null> {
  try {
    const events = await historyEvents(stack.client, userId);
    const scheduled = events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'watchForChanges').at(-1);
    const payloads = scheduled?.activityTaskScheduledEventAttributes?.input?.payloads;
    if (!payloads) return null;
    return await decodeFromPayloadsAtIndex<WatchInput>(stack.client.workflow.options.loadedDataConverter, 0, payloads);
  } catch {
    return null;
  }
}

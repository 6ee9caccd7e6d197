import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import type { WatchInput } from '../../activities/task-sync';
import { historyEvents, historyLength } from '../history';
import type { Figure } from '../report';
import { callMark, callsBetween } from '../salesforce-calls';
import { startScaledWatchWorker } from '../scaled-watch-worker';
import type { BenchStack } from '../stack';
import { extrapolate, secondsPerDay, secondsPerHour } from '../stats';
import { seedOrg, switchSyncOn, waitUntilImported } from '../users';
import { sleep } from '../wait';

const scaledUsers = 3;

/**
 * Idle users: task sync on, nothing to import and nothing changing, so the workflow's schedule
 * is at its idle pace (the same as for a user whose last change is over an hour old).
 * Measured on users whose watch waits run `scale` times faster (see scaled-watch-worker.ts),
 * cross-checked against one user at real pace on the worker process.
 */
export async function measureIdle(stack: BenchStack, options: { minutes: number; scale: number }, say: (line: string) => void): Promise<Figure[]> {
  const { minutes, scale } = options;
  const scaled = await startScaledWatchWorker(stack, scale);
  const org = await seedOrg(stack, 'idle', scaledUsers + 1);
  const [realPace, ...fast] = org.users as [(typeof org.users)[number], ...typeof org.users];
  await switchSyncOn(stack, realPace.id);
  for (const u of fast) await switchSyncOn(stack, u.id, { taskQueue: scaled.taskQueue });
  for (const u of org.users) await waitUntilImported(stack, u.id, 5 * 60_000);
  await sleep(1000);

  say(`idle: watching ${fast.length} idle users for ${minutes} min at ${scale}× (= ${((minutes * scale) / 60).toFixed(1)} h idle each), and one at real pace…`);
  const mark = callMark(stack.emulator);
  const before = await Promise.all(org.users.map((u) => historyLength(stack.client, u.id)));
  const watchesBefore = scaled.finished();
  const windowStart = Date.now();
  await sleep(minutes * 60_000);
  const windowSeconds = (Date.now() - windowStart) / 1000;
  const after = await Promise.all(org.users.map((u) => historyLength(stack.client, u.id)));
  const calls = callsBetween(stack.emulator, org.orgId, mark);
  const callsOf = (sfUserId: string) => calls.filter((c) => c.userId === sfUserId).length;
  const added = org.users.map((_, i) => (after[i] ?? 0) - (before[i] ?? 0));

  const fastCalls = fast.reduce((n, u) => n + callsOf(u.sfUserId), 0);
  const fastEvents = added.slice(1).reduce((a, b) => a + b, 0);
  const callsPerDay = extrapolate(fastCalls / fast.length, windowSeconds, secondsPerDay, scale);
  const eventsPerHour = extrapolate(fastEvents / fast.length, windowSeconds, secondsPerHour, scale);
  const chosen = scaled.inputs.at(-1);
  const realInput = await realPaceWatchInput(stack, realPace.id);
  const idleHours = (windowSeconds * scale) / 3600;
  const cycle = chosen ? `the workflow chose a Salesforce check every ${chosen.salesforceEverySeconds} s inside watches of ${chosen.maxSeconds} s` : 'no watch input seen';
  const details = {
    window: { realSeconds: windowSeconds, scale, idleHoursRepresented: idleHours, users: fast.length },
    callsInWindow: fastCalls,
    eventsInWindow: fastEvents,
    watchesFinished: scaled.finished() - watchesBefore,
    watchInputChosenByWorkflow: chosen,
    plainScheduleCallsPerDay: chosen ? secondsPerDay / chosen.salesforceEverySeconds : null,
    realPaceUser: { callsInWindow: callsOf(realPace.sfUserId), eventsInWindow: added[0], watchInput: realInput },
  };
  const realCheck = realInput
    ? `the real-pace user's own watch (decoded from its history) asks for every ${realInput.salesforceEverySeconds} s / ${realInput.maxSeconds} s, and in the same ${(windowSeconds / 60).toFixed(1)} real minutes it made ${callsOf(realPace.sfUserId)} calls and ${added[0]} history events`
    : 'the real-pace user could not be decoded';
  return [
    {
      key: 'idle',
      title: 'idle SF API calls per user per day',
      value: callsPerDay,
      unit: 'calls',
      target: { op: '<=', value: 150 },
      derivation: `${fastCalls} counted REST calls by ${fast.length} idle users in ${windowSeconds.toFixed(0)} s with the watch's waits divided by ${scale} (= ${idleHours.toFixed(1)} idle hours each), × 24 h / ${idleHours.toFixed(1)} h; ${cycle}; ${details.watchesFinished} watches ended in the window; the plain schedule alone would give ${details.plainScheduleCallsPerDay ?? '?'}/day; ${realCheck}`,
      details,
      note: 'idle = no change on either side for over an hour; the hour after a change costs about 35 polls (30 s for 5 min, 60 s to 15 min, 180 s to 60 min) instead of 6',
    },
    {
      key: 'idle',
      title: 'Temporal history events per idle user per hour',
      value: eventsPerHour,
      unit: 'events',
      target: { op: '<=', value: 20 },
      derivation: `${fastEvents} events added to ${fast.length} idle users' histories in the same window, / ${idleHours.toFixed(1)} idle hours each (one watch activity per ${chosen?.maxSeconds ?? '?'} s of idle time)`,
    },
  ];
}

/** The watch input the real-pace user's workflow chose, read back from its history. */
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

import { CancellationScope, condition, isCancellation, patched, proxyActivities, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { OrgStreamActivities } from '../contract/org-poll';
import { patches } from '../contract/patches';
import type { TaskSyncActivities } from '../contract/task-sync';
import { failureTypes } from '../contract/failure-types';
import { watchTaskQueue } from '../contract/ids';
import { defaultPollConfig, nextPoll, watchHeartbeatSeconds, type PollConfig } from '../sync/poll-schedule';
import type { SyncState, TaskSyncState } from './sync-state';

/** How long one watch activity may wait before the workflow re-plans; its timeout follows. */
const watchMaxSeconds = 3600;

/**
 * On the watch queue, beside this workflow's own. A watch whose worker died is retried on another
 * after its heartbeat timeout, which follows its poll interval (20 s for an active user, 2 min
 * for an idle one: `watchHeartbeatSeconds`).
 */
const watcher = (pollSeconds: number) =>
  proxyActivities<TaskSyncActivities>({
    taskQueue: watchTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: `${watchMaxSeconds + 120} seconds`,
    heartbeatTimeout: `${watchHeartbeatSeconds(pollSeconds)} seconds`,
    retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 5, nonRetryableErrorTypes: [failureTypes.needsUser, failureTypes.allowanceSpent] },
  });

/**
 * Before 'no-local-activities': whether the user's org streams, as a local activity (one marker
 * event, no activity task). Kept for the histories that have those markers.
 */
const detection = () => proxyLocalActivities<OrgStreamActivities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 5 } });

/** A streamed org's periodic look: the store only, so short. */
const looker = proxyActivities<OrgStreamActivities>({ startToCloseTimeout: '30 seconds', retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 5 } });

/** As the round keeps it: room for the worker's and Salesforce's clocks to disagree. */
const clockMarginMs = 5 * 60_000;

/** `covered`: a quiet watch in an org whose poller watches Salesforce for everyone. */
export type WaitOutcome = 'changed' | 'quiet' | 'covered' | 'woken';

/**
 * Waits for the next change: a watch activity checks both sides at the pace of the poll
 * schedule, and a signal (settings, nudge) cancels it to act at once.
 */
export async function waitForChange(state: SyncState, task: TaskSyncState, woken: () => boolean, pollConfig: Partial<PollConfig> = {}): Promise<WaitOutcome> {
  const config = { ...defaultPollConfig, ...pollConfig };
  if (patched(patches.noLocalActivities)) {
    // The last pull (or watch) said whether the org streams: no question to ask first.
    if (task.streamed) return waitForNudges(state, task, woken, config.streamedCheckSeconds);
  } else if (patched(patches.waitForNudgesWhenStreamed)) {
    const streamed = await waitWhileStreamed(state, task, woken, config.streamedCheckSeconds);
    if (streamed) return streamed;
  }
  const plan = nextPoll({ now: new Date().toISOString(), lastActivityAt: task.lastActivityAt, budget: task.budget ?? { fractionLeft: 1, exhausted: false }, config });
  const scope = new CancellationScope();
  const watch = scope.run(() =>
    watcher(plan.afterSeconds).watchForChanges({
      userId: state.userId,
      afterSeq: task.siaCursor,
      cursor: task.sfCursor,
      salesforceEverySeconds: plan.afterSeconds,
      siaEverySeconds: Math.min(60, config.floorSeconds),
      maxSeconds: watchMaxSeconds,
    }),
  );
  const outcome = await Promise.race([
    watch.then((r) => {
      // The org streams now: the next wait is for nudges (a quiet answer: no round for it).
      if (r.streamed) task.streamed = true;
      return r.changed !== 'nothing' ? ('changed' as const) : r.orgPolled ? ('covered' as const) : ('quiet' as const);
    }),
    condition(woken).then(() => 'woken' as const),
  ]).catch((error: unknown) => {
    if (isCancellation(error)) return 'woken' as const;
    // A watch that keeps failing is not worth stopping for: the next round reports real trouble.
    return 'changed' as const;
  });
  if (outcome === 'woken') {
    scope.cancel();
    await watch.catch(() => undefined);
  }
  return outcome;
}

/**
 * In an org whose changes come as change events, Salesforce changes arrive as nudges (the org's
 * stream sends them) and SIA changes too (the API sends them): no watch, no poll, a timer every
 * `checkSeconds` to look again, so that a lost SIA nudge is still caught, and that the stream ran
 * without a gap (so it saw every deletion: the round's periodic deletion check has nothing to ask
 * Salesforce). A stream that stopped or had a gap ends the wait: the round after it pulls, and
 * says whether the org streams again.
 */
async function waitForNudges(
  state: SyncState,
  task: TaskSyncState,
  woken: () => boolean,
  checkSeconds: number,
  look: Pick<OrgStreamActivities, 'changeDetectionOf'> = looker,
): Promise<WaitOutcome> {
  for (;;) {
    const since = new Date().toISOString();
    if (await condition(woken, `${checkSeconds} seconds`)) return 'woken';
    // A look that keeps failing is not worth stopping for: the round reports real trouble.
    const answer = await look.changeDetectionOf({ userId: state.userId, since, afterSeq: task.siaCursor }).catch(() => null);
    // A change no nudge brought, or a stream that stopped or had a gap: a round, then plan again.
    if (!answer || answer.siaChanged || !answer.streamed || !answer.continuous) {
      task.streamed = answer?.streamed ?? false;
      return 'changed';
    }
    // Every deletion of these hours came as an event and its owner pulled it.
    task.deletionsSafeFrom = new Date(Date.now() - clockMarginMs).toISOString();
  }
}

/** Before 'no-local-activities': `waitForNudges` after a local activity's first look; null when the org does not stream. */
async function waitWhileStreamed(state: SyncState, task: TaskSyncState, woken: () => boolean, checkSeconds: number): Promise<WaitOutcome | null> {
  const first = await detection().changeDetectionOf({ userId: state.userId, since: null, afterSeq: task.siaCursor });
  if (first.siaChanged) return 'changed';
  if (!first.streamed) return null;
  return waitForNudges(state, task, woken, checkSeconds, detection());
}

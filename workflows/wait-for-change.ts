import { CancellationScope, condition, isCancellation, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { TaskSyncActivities } from '../contract/task-sync';
import { failureTypes } from '../contract/failure-types';
import { watchTaskQueue } from '../contract/ids';
import { defaultPollConfig, nextPoll, type PollConfig } from '../sync/poll-schedule';
import type { SyncState, TaskSyncState } from './sync-state';

/** How long one watch activity may wait before the workflow re-plans; its timeout follows. */
const watchMaxSeconds = 3600;

/**
 * On the watch queue, beside this workflow's own. It heartbeats every few seconds, so a watch
 * whose worker died is retried on another within about 25 seconds.
 */
const watcher = () =>
  proxyActivities<TaskSyncActivities>({
    taskQueue: watchTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: `${watchMaxSeconds + 120} seconds`,
    heartbeatTimeout: '20 seconds',
    retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 5, nonRetryableErrorTypes: [failureTypes.needsUser, failureTypes.allowanceSpent] },
  });

/** `covered`: a quiet watch in an org whose poller watches Salesforce for everyone. */
export type WaitOutcome = 'changed' | 'quiet' | 'covered' | 'woken';

/**
 * Waits for the next change: a watch activity checks both sides at the pace of the poll
 * schedule, and a signal (settings, nudge) cancels it to act at once.
 */
export async function waitForChange(state: SyncState, task: TaskSyncState, woken: () => boolean, pollConfig: Partial<PollConfig> = {}): Promise<WaitOutcome> {
  const config = { ...defaultPollConfig, ...pollConfig };
  const plan = nextPoll({ now: new Date().toISOString(), lastActivityAt: task.lastActivityAt, budget: task.budget ?? { fractionLeft: 1, exhausted: false }, config });
  const scope = new CancellationScope();
  const watch = scope.run(() =>
    watcher().watchForChanges({
      userId: state.userId,
      afterSeq: task.siaCursor,
      cursor: task.sfCursor,
      salesforceEverySeconds: plan.afterSeconds,
      siaEverySeconds: Math.min(60, config.floorSeconds),
      maxSeconds: watchMaxSeconds,
    }),
  );
  const outcome = await Promise.race([watch.then((r) => (r.changed !== 'nothing' ? ('changed' as const) : r.orgPolled ? ('covered' as const) : ('quiet' as const))), condition(woken).then(() => 'woken' as const)]).catch((error: unknown) => {
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


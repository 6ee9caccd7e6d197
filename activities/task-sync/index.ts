import type { TaskSyncDeps } from './deps';
import { checkDeletions, type DeletionCheckInput } from './deletions';
import { compareAllTasks, pullSalesforceChanges, type PullInput } from './pull';
import { pushSiaChanges, type PushInput } from './push';
import { watchForChanges, type WatchInput } from './watch';

export type { SyncCounts, TaskSyncHooks } from './deps';
export type { DeletionCheckInput, DeletionCheckResult } from './deletions';
export type { PullInput, PullResult, FullComparisonResult } from './pull';
export type { PushInput, PushResult } from './push';
export type { WatchInput, WatchResult } from './watch';

/** The task-sync activities, bound to one worker's store and Salesforce connections. */
export function createTaskSyncActivities(deps: TaskSyncDeps) {
  return {
    pushSiaChanges: (input: PushInput) => pushSiaChanges(deps, input),
    pullSalesforceChanges: (input: PullInput) => pullSalesforceChanges(deps, input),
    compareAllTasks: (input: { userId: string }) => compareAllTasks(deps, input),
    checkDeletions: (input: DeletionCheckInput) => checkDeletions(deps, input),
    watchForChanges: (input: WatchInput) => watchForChanges(deps, input),
  };
}

export type TaskSyncActivities = ReturnType<typeof createTaskSyncActivities>;

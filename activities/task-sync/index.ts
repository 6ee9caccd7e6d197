import type { TaskSyncActivities } from '../../contract/task-sync';
import type { TaskSyncDeps } from './deps';
import { checkDeletions } from './deletions';
import { compareAllTasks, pullSalesforceChanges } from './pull';
import { pushSiaChanges } from './push';
import { watchForChanges } from './watch';

export type { TaskSyncHooks } from './deps';

/** The task-sync activities, bound to one worker's store and Salesforce connections. */
export function createTaskSyncActivities(deps: TaskSyncDeps): TaskSyncActivities {
  return {
    pushSiaChanges: (input) => pushSiaChanges(deps, input),
    pullSalesforceChanges: (input) => pullSalesforceChanges(deps, input),
    compareAllTasks: (input) => compareAllTasks(deps, input),
    checkDeletions: (input) => checkDeletions(deps, input),
    watchForChanges: (input) => watchForChanges(deps, input),
  };
}

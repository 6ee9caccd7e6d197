import type { TaskSyncActivities } from '../../contract/task-sync';
import type { TaskSyncDeps } from './deps';
import { checkDeletions } from './deletions';
import { compareAllTasks, pullSalesforceChanges } from './pull';
import { pushSiaChanges } from './push';
import { watchForChanges } from './watch';
import { heartbeating } from '../heartbeat';

export type { TaskSyncHooks } from './deps';

/** The task-sync activities, bound to one worker's store and Salesforce connections; each heartbeats while it runs. */
export function createTaskSyncActivities(deps: TaskSyncDeps): TaskSyncActivities {
  return {
    pushSiaChanges: (input) => heartbeating(() => pushSiaChanges(deps, input)),
    pullSalesforceChanges: (input) => heartbeating(() => pullSalesforceChanges(deps, input)),
    compareAllTasks: (input) => heartbeating(() => compareAllTasks(deps, input)),
    checkDeletions: (input) => heartbeating(() => checkDeletions(deps, input)),
    watchForChanges: (input) => heartbeating(() => watchForChanges(deps, input)),
  };
}

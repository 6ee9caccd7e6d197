/**
 * Ids of the `patched()` markers in workflow code, one constant each. A marker keeps histories
 * recorded before its change replaying; docs/workflow-changes.md says when each can become a
 * `deprecatePatch()` and then go.
 */
export const patches = {
  /** task-sync round: ask Salesforce whether deletions may have been forgotten, compare all if so. */
  deletionsSalesforceForgot: 'deletions-salesforce-forgot',
  /** task-sync round: pull Salesforce changes before pushing SIA's. */
  pullBeforePush: 'pull-before-push',
  /** salesforceSync: a burst of SIA nudges settles before one round runs. */
  coalesceNudges: 'coalesce-nudges',
  /** salesforceSync: the first SIA nudge after a quiet second syncs at once; only the rest of a burst settles (up to 10 s). */
  firstNudgeAtOnce: 'first-nudge-at-once',
  /** salesforceSync: a quiet hour in an org watched by its poller runs no round. */
  skipRoundWhenOrgPolled: 'skip-round-when-org-polled',
  /** orgPoller: follow the org's Task change events (Pub/Sub API), poll only when they cannot be used. */
  orgChangeStream: 'org-change-stream',
  /** salesforceSync: in an org that streams its changes, wait for nudges alone (no watch), looking again every few hours. */
  waitForNudgesWhenStreamed: 'wait-for-nudges-when-streamed',
  /** salesforceSync: continue as new after 1,000 history events instead of 10,000. */
  shortHistories: 'short-histories',
  /** task-sync round: no push when the pull saw nothing waiting in SIA. */
  pushOnlyWhenWaiting: 'push-only-when-waiting',
  /**
   * salesforceSync: no local activity. Whether the org streams comes from the pull and the watch,
   * and a streamed org's periodic look is an activity. A local activity's marker can be recorded
   * one workflow task before the workflow sees its result (when a query is answered meanwhile),
   * so a replay could see it before a signal that the first run saw after it.
   */
  noLocalActivities: 'no-local-activities',
} as const;

import { continueAsNew, getExternalWorkflowHandle, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { OrgPollActivities } from '../contract/org-poll';
import { failureTypes } from '../contract/failure-types';
import type { ChangeCursor } from '../sync/cursor';
import { salesforceSyncWorkflowId, watchTaskQueue } from '../contract/ids';
import { nudgeSignal } from '../contract/messages';

const watchMaxSeconds = 3600;

/** On the watch queue, beside this workflow's own; a watch whose worker died is retried on another within about 25 seconds. */
const watcher = () =>
  proxyActivities<OrgPollActivities>({
    taskQueue: watchTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: `${watchMaxSeconds + 600} seconds`,
    heartbeatTimeout: '20 seconds',
    retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', nonRetryableErrorTypes: [failureTypes.needsUser] },
  });

export interface OrgPollerInput {
  orgId: string;
  cursor?: ChangeCursor | null;
  /** Seconds between polls of the org (default 5 min: 288 calls a day for a whole idle org). */
  everySeconds?: number;
}

/**
 * One poller per Salesforce org with an integration user: it reads every Task change of the org
 * in one query per interval and wakes only the users whose tasks changed. It ends by itself when
 * nobody in the org syncs tasks any more or the integration user is disconnected.
 */
export async function orgPoller(input: OrgPollerInput): Promise<void> {
  let cursor = input.cursor ?? null;
  const everySeconds = input.everySeconds ?? 300;
  for (;;) {
    const result = await watcher().watchOrgChanges({ orgId: input.orgId, cursor, everySeconds, maxSeconds: watchMaxSeconds });
    cursor = result.cursor;
    if (result.kind === 'stop') return;
    if (result.kind === 'changes') {
      await Promise.all(
        result.wake.map((userId) =>
          getExternalWorkflowHandle(salesforceSyncWorkflowId(userId))
            .signal(nudgeSignal, { source: 'salesforce' })
            // A user whose workflow is not running has nothing to wake; its next start catches up.
            .catch(() => undefined),
        ),
      );
    }
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 5000) {
      await continueAsNew<typeof orgPoller>({ orgId: input.orgId, cursor, everySeconds });
    }
  }
}

import type { Client } from '@temporalio/client';
import { orgPollerWorkflowId } from '../contract/ids';
import type { orgPoller, OrgStreamTuning } from '../workflows/org-poller';

/**
 * Makes sure the org's poller runs (it ends by itself when the org has no integration user or
 * nobody syncs tasks). Starting one that already runs is a no-op.
 */
export async function ensureOrgPoller(client: Client, orgId: string, taskQueue: string, everySeconds?: number, stream?: OrgStreamTuning): Promise<void> {
  await client.workflow.start<typeof orgPoller>('orgPoller', {
    workflowId: orgPollerWorkflowId(orgId),
    taskQueue,
    args: [{ orgId, everySeconds, stream }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    memo: { orgId },
  });
}

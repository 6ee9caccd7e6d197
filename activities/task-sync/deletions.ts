import { describeSalesforceError } from '../salesforce/errors';
import { toSalesforceDateTime } from '../../sync/salesforce-mapping';
import { formatInstant, requireInstant } from '../../sync/instants';
import type { TaskSyncDeps } from './deps';
import { withSalesforce } from '../salesforce/with-salesforce';
import type { DeletionCheckInput, DeletionCheckResult } from '../../contract/task-sync';

const minuteMs = 60_000;

/**
 * Asks Salesforce whether it still remembers every Task deletion after `since`, in one call to
 * the deleted-records resource, judged by Salesforce's own clock: a `since` outside its window is
 * refused (INVALID_REPLICATION_DATE), and after a recycle-bin purge `earliestDateAvailable` moves
 * past the deletions it dropped. Either way deletions may be lost and the caller compares all.
 */
export async function checkDeletions(deps: TaskSyncDeps, { userId, since }: DeletionCheckInput): Promise<DeletionCheckResult> {
  const now = deps.now();
  const start = Math.floor(requireInstant(since, 'since') / minuteMs) * minuteMs;
  // The window must span a minute; the end is capped by Salesforce at its current minute.
  const end = Math.max(now.getTime(), start + 2 * minuteMs);
  return withSalesforce(deps, { userId }, async (client) => {
    try {
      const answer = await client.deleted('Task', toSalesforceDateTime(formatInstant(start)), toSalesforceDateTime(formatInstant(end)));
      const earliest = requireInstant(answer.earliestDateAvailable, 'earliestDateAvailable');
      if (earliest > start) return { complete: false, reason: 'purged-since', earliestDateAvailable: answer.earliestDateAvailable, salesforceCalls: client.counter.calls };
      return { complete: true, earliestDateAvailable: answer.earliestDateAvailable, salesforceCalls: client.counter.calls };
    } catch (error) {
      if (describeSalesforceError(error).errorCode !== 'INVALID_REPLICATION_DATE') throw error;
      return { complete: false, reason: 'outside-deletion-window', earliestDateAvailable: null, salesforceCalls: client.counter.calls };
    }
  });
}

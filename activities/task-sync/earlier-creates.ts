import { earlierCreate } from '../../sync/earlier-creates';
import type { SfTask } from '../../sync/salesforce-mapping';
import { appendSyncLog, createMarksFor, dropCreateMarks, linksForTasks, recordPushed, type Db, type PushedChange, type SyncLogInput } from '../../store';
import type { SalesforceClient } from '../salesforce/client';
import { readTasksByExternalId } from './salesforce-reads';

export const linkedEarlierCreateMessage = 'Linked to the Salesforce task an earlier attempt created';

/**
 * Before a task is created in Salesforce again, or an unlinked task of ours is adopted: a create
 * whose answer was lost may have made a Salesforce task that people edited or deleted since. For
 * every SIA task with a create mark, the task the earlier attempt made (if any) becomes its link
 * with what the create sent as the agreed state, so the ordinary reconcile weighs what happened
 * since: an edit in Salesforce reaches SIA, a deletion deletes the SIA task. A retried upsert would
 * instead overwrite the edit, or make a new task where people deleted one. Marks with nothing new
 * found are dropped: nothing was made, and a create goes out again.
 *
 * Costs a Salesforce query only when a mark exists, so only after a lost answer. Answers the
 * records it linked, by SIA task id, for the caller to reconcile.
 */
export async function linkEarlierCreates(db: Db, client: SalesforceClient, userId: string, siaTaskIds: readonly string[], now: Date): Promise<Map<string, SfTask>> {
  const linked = new Map<string, SfTask>();
  const marks = await createMarksFor(db, userId, siaTaskIds);
  if (marks.size === 0) return linked;
  const [records, links] = await Promise.all([readTasksByExternalId(client, [...marks.keys()]), linksForTasks(db, userId, [...marks.keys()])]);
  const pushed: PushedChange[] = [];
  const log: SyncLogInput[] = [];
  const nothingNew: string[] = [];
  for (const mark of marks.values()) {
    const record = earlierCreate(records, mark.siaTaskId, links.get(mark.siaTaskId)?.sfTaskId ?? null);
    if (!record) {
      nothingNew.push(mark.siaTaskId);
      continue;
    }
    linked.set(mark.siaTaskId, record);
    pushed.push({ kind: 'created', siaTaskId: mark.siaTaskId, sfTaskId: record.Id, fields: mark.fields, sfModstamp: null });
    log.push({ direction: 'sia_to_sf', action: 'create', siaTaskId: mark.siaTaskId, sfTaskId: record.Id, message: linkedEarlierCreateMessage });
  }
  if (pushed.length > 0) await recordPushed(db, userId, pushed, now);
  if (nothingNew.length > 0) await dropCreateMarks(db, userId, nothingNew);
  if (log.length > 0) await appendSyncLog(db, userId, log, now);
  return linked;
}

import { randomUUID } from 'node:crypto';
import { lockUserChanges } from './change-seq';
import { linkBySfId, linkBySiaId, sameLink, saveLink, type TaskLink } from './links';
import type { Db } from './schema';
import { checkTaskFields, sameTaskFields, taskFieldsOf, type Task, type TaskFields } from './task-model';
import { getTask, insertTask, markTaskDeleted, writeTaskState } from './tasks';
import { isoTime, normaliseIsoTime } from './time';
import { inTransaction } from './transaction';

/** One Salesforce task as read by the sync, with what the sync decided for its SIA side. */
export type SalesforceChange =
  | {
      kind: 'upsert';
      sfTaskId: string;
      /** SystemModstamp of the record read (any ISO form; stored as UTC). */
      sfModstamp: string;
      /** The record's state in Salesforce: stored as the link's synced state. */
      sfFields: TaskFields;
      /**
       * What the SIA task becomes, when it differs from sfFields (a field-by-field merge kept some
       * SIA values). The link still records sfFields, so those fields show as SIA changes and are pushed.
       */
      siaFields?: TaskFields;
      /**
       * The SIA task id the record carries in its external id field (a record this sync created).
       * When that task has no link yet (the push's answer was lost), the record is linked to it
       * instead of being imported as a second task.
       */
      siaTaskId?: string;
      /** See `expectSiaSeq` below. */
      expectSiaSeq?: number | null;
    }
  | {
      kind: 'delete';
      sfTaskId: string;
      sfModstamp?: string | null;
      /**
       * The change number of the SIA task when the sync read it (null: it read no task). When the
       * task changed since, the item is skipped as `stale`: the user's newer change (an edit, a
       * delete) must not be overwritten by a decision made without it; the next round decides again.
       */
      expectSiaSeq?: number | null;
    };

export type ApplyOutcome =
  /** A new SIA task (origin 'salesforce') and its link. */
  | 'created'
  | 'updated'
  /** The SIA task had been deleted and came back (the record was undeleted or still lives in Salesforce). */
  | 'restored'
  | 'deleted'
  /** The SIA task already matched; at most the link was refreshed. */
  | 'unchanged'
  /** A deletion of a record never linked: nothing to do. */
  | 'not_linked'
  /** The link holds a newer SystemModstamp than this item, or the SIA task changed since it was read: ignored. */
  | 'stale';

export interface ApplyResult {
  sfTaskId: string;
  siaTaskId: string | null;
  outcome: ApplyOutcome;
}

/**
 * Applies Salesforce changes to SIA tasks and their links in one transaction. Idempotent: an item
 * applied again changes nothing and takes no change number, so a retried activity is harmless.
 * SIA task writes take change numbers like any other; the link's synced state makes the push side
 * see them as echoes.
 */
export async function applyFromSalesforce(db: Db, userId: string, items: readonly SalesforceChange[], now = new Date()): Promise<ApplyResult[]> {
  const checked = items.map(checkItem);
  return inTransaction(db, async (tx) => {
    await lockUserChanges(tx, userId);
    const results: ApplyResult[] = [];
    for (const item of checked) results.push(await applyOne(tx, userId, item, now));
    return results;
  });
}

function checkItem(item: SalesforceChange): SalesforceChange {
  if (item.kind === 'delete') return { ...item, sfModstamp: item.sfModstamp ? normaliseIsoTime(item.sfModstamp) : null };
  return {
    ...item,
    sfModstamp: normaliseIsoTime(item.sfModstamp),
    sfFields: checkTaskFields(item.sfFields),
    siaFields: item.siaFields && checkTaskFields(item.siaFields),
  };
}

function isStale(link: TaskLink, sfModstamp: string | null | undefined): boolean {
  return !!sfModstamp && link.sfModstamp !== null && sfModstamp < link.sfModstamp;
}

async function applyOne(tx: Db, userId: string, item: SalesforceChange, now: Date): Promise<ApplyResult> {
  const link = await linkBySfId(tx, userId, item.sfTaskId);
  const result = (siaTaskId: string | null, outcome: ApplyOutcome): ApplyResult => ({ sfTaskId: item.sfTaskId, siaTaskId, outcome });
  if (link && isStale(link, item.sfModstamp)) return result(link.siaTaskId, 'stale');
  if (item.expectSiaSeq !== undefined) {
    const readId = link?.siaTaskId ?? (item.kind === 'upsert' ? item.siaTaskId : undefined);
    const current = readId ? ((await getTask(tx, userId, readId))?.changeSeq ?? null) : null;
    if (current !== item.expectSiaSeq) return result(readId ?? null, 'stale');
  }
  const syncedAt = isoTime(now);

  if (item.kind === 'delete') {
    if (!link) return result(null, 'not_linked');
    const task = await getTask(tx, userId, link.siaTaskId);
    const wasLive = !!task && task.deletedAt === null;
    if (wasLive) await markTaskDeleted(tx, userId, link.siaTaskId, now);
    const after: TaskLink = { ...link, sfDeleted: true, sfModstamp: item.sfModstamp ?? link.sfModstamp, syncedAt };
    if (!sameLink(link, after)) await saveLink(tx, after);
    return result(link.siaTaskId, wasLive ? 'deleted' : 'unchanged');
  }

  const target = item.siaFields ?? item.sfFields;
  const linkFor = (siaTaskId: string): TaskLink => ({
    userId,
    siaTaskId,
    sfTaskId: item.sfTaskId,
    synced: item.sfFields,
    sfModstamp: item.sfModstamp,
    syncedAt,
    sfDeleted: false,
  });
  const adopted = link ? undefined : await unlinkedTask(tx, userId, item.siaTaskId);
  if (!link && !adopted) {
    const task = await insertTask(tx, userId, randomUUID(), target, 'salesforce', now);
    await saveLink(tx, linkFor(task.id));
    return result(task.id, 'created');
  }

  const task = adopted ?? (link && (await getTask(tx, userId, link.siaTaskId)));
  if (!task) throw new Error(`Link ${item.sfTaskId} points at a missing task`);
  let outcome: ApplyOutcome = 'unchanged';
  if (task.deletedAt !== null) outcome = 'restored';
  else if (!sameTaskFields(taskFieldsOf(task), target)) outcome = 'updated';
  if (outcome !== 'unchanged') await writeTaskState(tx, userId, task.id, target, now);
  const after = linkFor(task.id);
  if (!link || !sameLink(link, after)) await saveLink(tx, after);
  return result(task.id, outcome);
}

/** The user's task with this id if it exists and has no link. */
async function unlinkedTask(tx: Db, userId: string, siaTaskId: string | undefined): Promise<Task | undefined> {
  if (!siaTaskId) return undefined;
  const task = await getTask(tx, userId, siaTaskId);
  if (!task || (await linkBySiaId(tx, userId, siaTaskId))) return undefined;
  return task;
}

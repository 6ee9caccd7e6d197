import { randomUUID } from 'node:crypto';
import { lockUserChanges, takeChangeSeqs } from './change-seq';
import { linksForSfTasks, linksForTasks, sameLink, saveLinks, type TaskLink } from './links';
import type { Db } from './schema';
import { tasksByIds } from './task-lookup';
import { checkTaskFields, sameTaskFields, taskFieldsOf, type Task, type TaskFields } from './task-model';
import { writeTasks } from './tasks';
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
 *
 * Under the user's lock, everything the items touch is read in a few queries, the items are
 * decided one after the other in memory (as if each were written before the next is read), and
 * the outcome goes in as a few multi-row writes: a batch of thousands costs a handful of round
 * trips on PostgreSQL, not several per item.
 */
export async function applyFromSalesforce(db: Db, userId: string, items: readonly SalesforceChange[], now = new Date()): Promise<ApplyResult[]> {
  const checked = items.map(checkItem);
  return inTransaction(db, async (tx) => {
    const seq = await lockUserChanges(tx, userId);
    const batch = new ApplyBatch(userId, seq, now, await readTouched(tx, userId, checked));
    const results = checked.map((item) => batch.apply(item));
    await batch.write(tx);
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

/** The links the items name (by Salesforce id, and by the SIA id a record carries) and their tasks. */
async function readTouched(tx: Db, userId: string, items: readonly SalesforceChange[]): Promise<{ links: TaskLink[]; tasks: Map<string, Task> }> {
  const carried = unique(items.flatMap((item) => (item.kind === 'upsert' && item.siaTaskId ? [item.siaTaskId] : [])));
  const bySf = await linksForSfTasks(tx, userId, unique(items.map((item) => item.sfTaskId)));
  const bySia = await linksForTasks(tx, userId, carried);
  const links = [...bySf.values(), ...bySia.values()];
  const tasks = await tasksByIds(tx, userId, unique([...links.map((link) => link.siaTaskId), ...carried]));
  return { links, tasks };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/** The user's tasks and links as the items so far left them, and the change numbers they took. */
class ApplyBatch {
  readonly #linksBySf = new Map<string, TaskLink>();
  readonly #linksBySia = new Map<string, TaskLink>();
  readonly #tasks: Map<string, Task>;
  readonly #writtenTasks = new Set<string>();
  readonly #writtenLinks = new Set<string>();
  readonly #firstSeq: number;
  #seq: number;
  readonly #at: string;

  constructor(
    readonly userId: string,
    seq: number,
    now: Date,
    read: { links: readonly TaskLink[]; tasks: Map<string, Task> },
  ) {
    for (const link of read.links) this.#putLink(link, false);
    this.#tasks = read.tasks;
    this.#firstSeq = this.#seq = seq;
    this.#at = isoTime(now);
  }

  apply(item: SalesforceChange): ApplyResult {
    const link = this.#linksBySf.get(item.sfTaskId);
    const result = (siaTaskId: string | null, outcome: ApplyOutcome): ApplyResult => ({ sfTaskId: item.sfTaskId, siaTaskId, outcome });
    if (link && isStale(link, item.sfModstamp)) return result(link.siaTaskId, 'stale');
    if (item.expectSiaSeq !== undefined) {
      const readId = link?.siaTaskId ?? (item.kind === 'upsert' ? item.siaTaskId : undefined);
      const current = readId ? (this.#tasks.get(readId)?.changeSeq ?? null) : null;
      if (current !== item.expectSiaSeq) return result(readId ?? null, 'stale');
    }

    if (item.kind === 'delete') {
      if (!link) return result(null, 'not_linked');
      const task = this.#tasks.get(link.siaTaskId);
      const wasLive = !!task && task.deletedAt === null;
      if (wasLive) this.#putTask({ ...task, deletedAt: this.#at, updatedAt: this.#at, changeSeq: this.#nextSeq() });
      const after: TaskLink = { ...link, sfDeleted: true, sfModstamp: item.sfModstamp ?? link.sfModstamp, syncedAt: this.#at };
      if (!sameLink(link, after)) this.#putLink(after);
      return result(link.siaTaskId, wasLive ? 'deleted' : 'unchanged');
    }

    const target = item.siaFields ?? item.sfFields;
    const linkFor = (siaTaskId: string): TaskLink => ({
      userId: this.userId,
      siaTaskId,
      sfTaskId: item.sfTaskId,
      synced: item.sfFields,
      sfModstamp: item.sfModstamp,
      syncedAt: this.#at,
      sfDeleted: false,
    });
    // Unlinked, the task our external id names (a create whose link was never written).
    const adopted = link || !item.siaTaskId || this.#linksBySia.has(item.siaTaskId) ? undefined : this.#tasks.get(item.siaTaskId);
    if (!link && !adopted) {
      const seq = this.#nextSeq();
      const task: Task = { id: randomUUID(), userId: this.userId, ...target, createdAt: this.#at, updatedAt: this.#at, deletedAt: null, createdSeq: seq, changeSeq: seq, origin: 'salesforce' };
      this.#putTask(task);
      this.#putLink(linkFor(task.id));
      return result(task.id, 'created');
    }

    const task = adopted ?? (link && this.#tasks.get(link.siaTaskId));
    if (!task) throw new Error(`Link ${item.sfTaskId} points at a missing task`);
    let outcome: ApplyOutcome = 'unchanged';
    if (task.deletedAt !== null) outcome = 'restored';
    else if (!sameTaskFields(taskFieldsOf(task), target)) outcome = 'updated';
    if (outcome !== 'unchanged') this.#putTask({ ...task, ...taskFieldsOf(target), updatedAt: this.#at, deletedAt: null, changeSeq: this.#nextSeq() });
    const after = linkFor(task.id);
    if (!link || !sameLink(link, after)) this.#putLink(after);
    return result(task.id, outcome);
  }

  /** The change numbers, then the tasks (links point at them), then the links. */
  async write(tx: Db): Promise<void> {
    if (this.#seq > this.#firstSeq) await takeChangeSeqs(tx, this.userId, this.#seq - this.#firstSeq);
    await writeTasks(tx, [...this.#writtenTasks].map((id) => this.#tasks.get(id)!));
    await saveLinks(tx, [...this.#writtenLinks].map((id) => this.#linksBySia.get(id)!));
  }

  #nextSeq(): number {
    return ++this.#seq;
  }

  #putTask(task: Task): void {
    this.#tasks.set(task.id, task);
    this.#writtenTasks.add(task.id);
  }

  #putLink(link: TaskLink, written = true): void {
    this.#linksBySf.set(link.sfTaskId, link);
    this.#linksBySia.set(link.siaTaskId, link);
    if (written) this.#writtenLinks.add(link.siaTaskId);
  }
}

import { dropCreateMarks } from './create-marks';
import { linksForTasks, sameLink, saveLinks, type TaskLink } from './links';
import type { Db } from './schema';
import { checkTaskFields, type TaskFields } from './task-model';
import { isoTime, normaliseIsoTime } from './time';
import { inTransaction } from './transaction';

/** A write Salesforce accepted for a SIA task. */
export type PushedChange =
  | { kind: 'created'; siaTaskId: string; sfTaskId: string; fields: TaskFields; sfModstamp?: string | null }
  | { kind: 'updated'; siaTaskId: string; fields: TaskFields; sfModstamp?: string | null }
  | { kind: 'deleted'; siaTaskId: string; sfModstamp?: string | null };

export type PushedOutcome =
  | 'linked'
  | 'updated'
  | 'deleted'
  /** Already recorded (a repeated call). */
  | 'unchanged'
  /** An update or deletion for a task that has no link: nothing recorded. */
  | 'missing_link';

export interface PushedResult {
  siaTaskId: string;
  outcome: PushedOutcome;
}

/**
 * Records accepted Salesforce writes in the links, in one transaction: a create makes the link
 * (or re-points it, when an upsert on the external id answered with the record made by a lost
 * first attempt), an update stores the new synced state, a delete marks the link sf_deleted.
 * A create's mark goes with its link. SIA tasks are not touched, so no change number is taken.
 * Idempotent.
 */
export async function recordPushed(db: Db, userId: string, results: readonly PushedChange[], now = new Date()): Promise<PushedResult[]> {
  const checked = results.map(checkPushed);
  const at = isoTime(now);
  return inTransaction(db, async (tx) => {
    const links = await linksForTasks(tx, userId, checked.map((r) => r.siaTaskId));
    const out: PushedResult[] = [];
    const changed: TaskLink[] = [];
    for (const r of checked) {
      const before = links.get(r.siaTaskId);
      const after = linkAfter(userId, before, r, at);
      let outcome: PushedOutcome;
      if (!after) outcome = 'missing_link';
      else if (before && sameLink(before, after)) outcome = 'unchanged';
      else {
        changed.push(after);
        links.set(r.siaTaskId, after);
        outcome = r.kind === 'created' ? 'linked' : r.kind;
      }
      out.push({ siaTaskId: r.siaTaskId, outcome });
    }
    await saveLinks(tx, changed);
    await dropCreateMarks(tx, userId, checked.flatMap((r) => (r.kind === 'created' ? [r.siaTaskId] : [])));
    return out;
  });
}

function checkPushed(r: PushedChange): PushedChange {
  const sfModstamp = r.sfModstamp ? normaliseIsoTime(r.sfModstamp) : null;
  return r.kind === 'deleted' ? { ...r, sfModstamp } : { ...r, sfModstamp, fields: checkTaskFields(r.fields) };
}

function linkAfter(userId: string, link: TaskLink | undefined, r: PushedChange, at: string): TaskLink | undefined {
  switch (r.kind) {
    case 'created': {
      const sameRecord = link?.sfTaskId === r.sfTaskId;
      const sfModstamp = r.sfModstamp ?? (sameRecord ? link.sfModstamp : null);
      return { userId, siaTaskId: r.siaTaskId, sfTaskId: r.sfTaskId, synced: r.fields, sfModstamp, syncedAt: at, sfDeleted: false };
    }
    case 'updated':
      return link && { ...link, synced: r.fields, sfModstamp: r.sfModstamp ?? link.sfModstamp, syncedAt: at };
    case 'deleted':
      return link && { ...link, sfDeleted: true, sfModstamp: r.sfModstamp ?? link.sfModstamp, syncedAt: at };
  }
}

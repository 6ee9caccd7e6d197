import { changedFields } from './diff';
import { mergeTask, resolveDeleteVsEdit, type MergeDecision } from './merge';
import { fromSalesforce, toSalesforce, toSalesforceCreate, type SalesforceWrite, type SfTask } from './salesforce-mapping';
import type { TaskFields, TaskFieldsPatch } from './task-fields';
import { isExistingBeforeSync, isInInitialImport } from './windows';

/**
 * What to do with one task, decided from plain data: the SIA task, its link and the SF record.
 *
 * Two entry points, one per direction of change (a polled SF record; a changed SIA task). Once a
 * task is linked, both call the same decision (`reconcileLinked`), so whichever side's change is
 * seen first, the outcome is the same. An update can write both sides at once: when each side
 * changed a different field, both get the other's field in one step.
 *
 * Echo suppression: after every write the link stores the agreed state (`synced`). Our own write
 * coming back from the other side then equals `synced` on both sides, and is an `echo`.
 *
 * Logged activities (TaskSubtype Email, ListEmail, Call, Cadence) are not to-dos: never imported.
 */

export interface TaskLink {
  siaTaskId: string;
  sfTaskId: string;
  /** The state both sides last agreed on (the merge base). */
  synced: TaskFields;
  syncedAt: string;
}

/** An SIA task as the store holds it: live, or a tombstone that remembers when it was deleted. */
export type SiaTaskSnapshot =
  | { id: string; createdSeq: number; deleted: false; fields: TaskFields; updatedAt: string }
  | { id: string; createdSeq: number; deleted: true; deletedAt: string };

export type SyncPhase = { kind: 'initial-import'; switchedOnAt: string } | { kind: 'continuous' };

// ---- actions -------------------------------------------------------------------------------

export type LinkedAction =
  /** Nothing differs from the agreed state: typically our own write coming back. */
  | { kind: 'echo' }
  /**
   * Write what each side lacks; `merged` becomes the link's `synced`.
   * `toSalesforce` holds the SF fields to PATCH (only what differs), or null.
   */
  | { kind: 'update'; merged: TaskFields; toSia: TaskFieldsPatch | null; toSalesforce: SalesforceWrite | null; decisions: MergeDecision[] }
  | { kind: 'delete-in-sia'; reason: DeleteReason }
  | { kind: 'delete-in-sf'; reason: DeleteReason }
  /** SF's edit beat SIA's delete: re-create the SIA task from SF and re-link. */
  | { kind: 'recreate-in-sia'; fields: TaskFields; reason: RecreateReason }
  /** SIA's edit beat SF's delete: create a new SF task (upsert on the external id) and re-link. */
  | { kind: 'recreate-in-sf'; fields: TaskFields; create: ReturnType<typeof toSalesforceCreate>; reason: RecreateReason }
  /** Gone on both sides: drop the link. */
  | { kind: 'unlink'; reason: 'deleted-on-both-sides' };

export type DeleteReason = 'deleted-in-salesforce' | 'deleted-in-sia';
export type RecreateReason = 'edited-after-delete' | 'edited-and-delete-time-unknown';

export type SalesforceChangeAction =
  | LinkedAction
  | { kind: 'create-in-sia'; fields: TaskFields }
  /** An SF task we created (it carries our external id) whose link was never written: link it, do not import a copy. */
  | { kind: 'adopt'; siaTaskId: string; synced: TaskFields }
  | { kind: 'ignore'; reason: 'activity-log' | 'deleted-before-sync' | 'outside-initial-import' };

export type SiaChangeAction =
  | LinkedAction
  | { kind: 'create-in-sf'; fields: TaskFields; create: ReturnType<typeof toSalesforceCreate> }
  | { kind: 'not-synced'; reason: 'existed-before-sync' }
  | { kind: 'ignore'; reason: 'deleted-before-sync' };

// ---- entry points --------------------------------------------------------------------------

export interface SalesforceChangeInput {
  /** The changed record as the change query returned it (IsDeleted may be true). */
  record: SfTask;
  /** The link whose sfTaskId is record.Id, if any. */
  link: TaskLink | null;
  /** The linked SIA task (live or tombstone) or, unlinked, the one its external id names; null when there is none. */
  sia: SiaTaskSnapshot | null;
  phase: SyncPhase;
}

export function onSalesforceChange({ record, link, sia, phase }: SalesforceChangeInput): SalesforceChangeAction {
  if (link) return reconcileLinked({ link, sia, sf: record });
  if (record.IsDeleted) return { kind: 'ignore', reason: 'deleted-before-sync' };
  if (record.SIA_Task_Id__c) {
    // Our own create whose link was never written. Its SIA task deleted meanwhile: the delete
    // wins, or adopting it would bring the task back to life.
    if (sia?.id === record.SIA_Task_Id__c && sia.deleted) return { kind: 'delete-in-sf', reason: 'deleted-in-sia' };
    return { kind: 'adopt', siaTaskId: record.SIA_Task_Id__c, synced: fromSalesforce(record) };
  }
  if (isActivityLog(record)) return { kind: 'ignore', reason: 'activity-log' };
  if (phase.kind === 'initial-import' && !isInInitialImport(record, phase.switchedOnAt)) return { kind: 'ignore', reason: 'outside-initial-import' };
  return { kind: 'create-in-sia', fields: fromSalesforce(record) };
}

export interface SiaChangeInput {
  sia: SiaTaskSnapshot;
  link: TaskLink | null;
  /** The linked SF record as read now (IsDeleted may be true); null when linked but not found at all. Ignored when unlinked. */
  sf: SfTask | null;
  /** The user's change sequence when task sync was switched on. */
  baselineSeq: number;
}

export function onSiaChange({ sia, link, sf, baselineSeq }: SiaChangeInput): SiaChangeAction {
  if (link) return reconcileLinked({ link, sia, sf });
  if (sia.deleted) return { kind: 'ignore', reason: 'deleted-before-sync' };
  if (isExistingBeforeSync(sia.createdSeq, baselineSeq)) return { kind: 'not-synced', reason: 'existed-before-sync' };
  return { kind: 'create-in-sf', fields: sia.fields, create: toSalesforceCreate(sia.fields, sia.id) };
}

// ---- the linked case -----------------------------------------------------------------------

export interface LinkedInput {
  link: TaskLink;
  /** null: the SIA row is gone without a tombstone (deletion time unknown). */
  sia: SiaTaskSnapshot | null;
  /** null: the SF record is gone, not even in the recycle bin (deletion time unknown). */
  sf: SfTask | null;
}

export function reconcileLinked({ link, sia, sf }: LinkedInput): LinkedAction {
  const siaLive = sia !== null && !sia.deleted ? sia : null;
  const sfLive = sf !== null && !sf.IsDeleted ? sf : null;

  if (!siaLive) {
    if (!sfLive) return { kind: 'unlink', reason: 'deleted-on-both-sides' };
    const sfFields = fromSalesforce(sfLive);
    const outcome = resolveDeleteVsEdit({
      deletedAt: sia?.deleted ? sia.deletedAt : null,
      editedSinceSync: changedFields(link.synced, sfFields).length > 0,
      editedAt: sfLive.LastModifiedDate,
    });
    if (outcome === 'delete-wins') return { kind: 'delete-in-sf', reason: 'deleted-in-sia' };
    return { kind: 'recreate-in-sia', fields: sfFields, reason: sia?.deleted ? 'edited-after-delete' : 'edited-and-delete-time-unknown' };
  }

  if (!sfLive) {
    // A deleted record's SystemModstamp is the time of its deletion.
    const deletedAt = sf?.IsDeleted ? sf.SystemModstamp : null;
    const outcome = resolveDeleteVsEdit({
      deletedAt,
      editedSinceSync: changedFields(link.synced, siaLive.fields).length > 0,
      editedAt: siaLive.updatedAt,
    });
    if (outcome === 'delete-wins') return { kind: 'delete-in-sia', reason: 'deleted-in-salesforce' };
    return {
      kind: 'recreate-in-sf',
      fields: siaLive.fields,
      create: toSalesforceCreate(siaLive.fields, siaLive.id),
      reason: deletedAt === null ? 'edited-and-delete-time-unknown' : 'edited-after-delete',
    };
  }

  const merge = mergeTask({
    base: link.synced,
    sia: { fields: siaLive.fields, changedAt: siaLive.updatedAt },
    salesforce: { fields: fromSalesforce(sfLive), changedAt: sfLive.LastModifiedDate },
  });
  const write = toSalesforce(merge.merged, sfLive);
  const toSalesforceWrite = Object.keys(write.fields).length > 0 ? write : null;
  if (merge.toSia === null && toSalesforceWrite === null && changedFields(link.synced, merge.merged).length === 0) return { kind: 'echo' };
  return { kind: 'update', merged: merge.merged, toSia: merge.toSia, toSalesforce: toSalesforceWrite, decisions: merge.decisions };
}

const activityLogSubtypes = new Set(['Email', 'ListEmail', 'Call', 'Cadence', 'LinkedIn']);

function isActivityLog(record: Pick<SfTask, 'TaskSubtype'>): boolean {
  return record.TaskSubtype != null && activityLogSubtypes.has(record.TaskSubtype);
}

import { changedFields } from './diff';
import { requireInstant, toWholeSecond } from './instants';
import { normalizeTaskFields, pickTaskFields, taskFieldNames, type TaskFieldName, type TaskFields, type TaskFieldsPatch } from './task-fields';

/**
 * Three-way, field-by-field merge of an SIA task and its Salesforce Task against the state both
 * last agreed on (the link's `synced`).
 *
 * Per field:
 * - changed on one side only → that side wins;
 * - changed on both sides to the same value → nothing to do;
 * - changed on both sides differently → the later change wins. Times are compared to the whole
 *   second, because Salesforce keeps LastModifiedDate to the second: an SF change stamped
 *   10:30:00 happened somewhere in 10:30:00–10:30:00.999. In a tie Salesforce wins: its real
 *   time is never earlier than its stamp, and it is the record the rest of the org sees.
 *
 * Only record-level times exist (SIA's updatedAt, SF's LastModifiedDate), so "later" means "the
 * side whose record changed later". Every field where the sides differ yields a decision for the
 * sync log.
 *
 * Deletion against edit (`resolveDeleteVsEdit`): the delete wins unless the other side was edited
 * after it. When the deletion time is unknown (the record is gone from the recycle bin) an edit
 * wins, because losing the user's fresh edit is worse than re-creating a task they can delete
 * again.
 */

export type Side = 'sia' | 'salesforce';

export type MergeReason = 'only-sia-changed' | 'only-salesforce-changed' | 'sia-changed-later' | 'salesforce-changed-later' | 'same-second-salesforce-wins';

export interface MergeDecision<K extends TaskFieldName = TaskFieldName> {
  field: K;
  sia: TaskFields[K];
  sf: TaskFields[K];
  winner: Side;
  reason: MergeReason;
}

export interface MergeSide {
  fields: TaskFields;
  /** When this side's record last changed (SIA updatedAt; SF LastModifiedDate), ISO-8601. */
  changedAt: string;
}

export interface MergeInput {
  base: TaskFields;
  sia: MergeSide;
  salesforce: MergeSide;
}

export interface MergeResult {
  merged: TaskFields;
  /** Fields SF must be given (canonical values), or null when SF already holds the merge. */
  toSalesforce: TaskFieldsPatch | null;
  /** Fields SIA must be given, or null when SIA already holds the merge. */
  toSia: TaskFieldsPatch | null;
  decisions: MergeDecision[];
}

/** Which side's change is later, to the whole second; a tie goes to Salesforce. */
export function laterSide(siaChangedAt: string, salesforceChangedAt: string): { winner: Side; reason: MergeReason } {
  const sia = toWholeSecond(requireInstant(siaChangedAt, 'SIA change time'));
  const sf = toWholeSecond(requireInstant(salesforceChangedAt, 'Salesforce change time'));
  if (sia > sf) return { winner: 'sia', reason: 'sia-changed-later' };
  if (sf > sia) return { winner: 'salesforce', reason: 'salesforce-changed-later' };
  return { winner: 'salesforce', reason: 'same-second-salesforce-wins' };
}

export function mergeTask(input: MergeInput): MergeResult {
  const base = normalizeTaskFields(input.base);
  const sia = { fields: normalizeTaskFields(input.sia.fields), changedAt: input.sia.changedAt };
  const salesforce = { fields: normalizeTaskFields(input.salesforce.fields), changedAt: input.salesforce.changedAt };
  const siaChanged = new Set(changedFields(base, sia.fields));
  const sfChanged = new Set(changedFields(base, salesforce.fields));
  const differing = new Set(changedFields(sia.fields, salesforce.fields));

  // Where the sides agree, keep SIA's value: it may be longer than the copy SF can hold.
  const winners: Record<TaskFieldName, Side> = { name: 'sia', details: 'sia', dueDate: 'sia', status: 'sia', priority: 'sia', reminderAt: 'sia' };
  const decisions: MergeDecision[] = [];
  for (const field of taskFieldNames) {
    if (!differing.has(field)) continue;
    const outcome = decide(siaChanged.has(field), sfChanged.has(field), sia.changedAt, salesforce.changedAt);
    winners[field] = outcome.winner;
    decisions.push(decision(field, sia.fields, salesforce.fields, outcome.winner, outcome.reason));
  }

  const take = <K extends TaskFieldName>(f: K): TaskFields[K] => (winners[f] === 'sia' ? sia.fields : salesforce.fields)[f];
  const merged: TaskFields = {
    name: take('name'),
    details: take('details'),
    dueDate: take('dueDate'),
    status: take('status'),
    priority: take('priority'),
    reminderAt: take('reminderAt'),
  };
  const toSalesforce = decisions.filter((d) => d.winner === 'sia').map((d) => d.field);
  const toSia = decisions.filter((d) => d.winner === 'salesforce').map((d) => d.field);
  return {
    merged,
    toSalesforce: toSalesforce.length ? pickTaskFields(merged, toSalesforce) : null,
    toSia: toSia.length ? pickTaskFields(merged, toSia) : null,
    decisions,
  };
}

function decide(siaChanged: boolean, sfChanged: boolean, siaAt: string, sfAt: string): { winner: Side; reason: MergeReason } {
  if (siaChanged && !sfChanged) return { winner: 'sia', reason: 'only-sia-changed' };
  if (sfChanged && !siaChanged) return { winner: 'salesforce', reason: 'only-salesforce-changed' };
  // Both changed (they differ, so not to the same value). Neither changed cannot differ: the
  // comparison is an equivalence, and both would equal the base.
  return laterSide(siaAt, sfAt);
}

function decision(field: TaskFieldName, sia: TaskFields, sf: TaskFields, winner: Side, reason: MergeReason): MergeDecision {
  return { field, sia: sia[field], sf: sf[field], winner, reason };
}

export type DeleteVsEdit = 'delete-wins' | 'edit-wins';

export interface DeleteVsEditInput {
  /** When the record was deleted; null when unknown (purged, or gone without a trace). */
  deletedAt: string | null;
  /** The other side's state now and when it last changed; `editedSinceSync` false means untouched. */
  editedSinceSync: boolean;
  editedAt: string;
}

export function resolveDeleteVsEdit({ deletedAt, editedSinceSync, editedAt }: DeleteVsEditInput): DeleteVsEdit {
  if (!editedSinceSync) return 'delete-wins';
  if (deletedAt === null) return 'edit-wins';
  const deleted = toWholeSecond(requireInstant(deletedAt, 'deletion time'));
  const edited = toWholeSecond(requireInstant(editedAt, 'edit time'));
  return edited > deleted ? 'edit-wins' : 'delete-wins';
}

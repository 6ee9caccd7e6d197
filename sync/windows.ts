import { formatInstant, millisPerDay, millisPerHour, requireInstant } from './instants';
import type { SfTask } from './salesforce-mapping';

/**
 * The time windows of the first sync and of deletion tracking.
 *
 * Initial import: SF tasks created or updated in the 24 hours before sync was switched on are
 * pulled into SIA. The window is closed at its start: a task last modified exactly 24 h before
 * switch-on is in, one second earlier is out. It is open-ended after switch-on: a task touched
 * while the first run is under way is a live change and belongs in SIA anyway.
 *
 * Deletions: Salesforce keeps deleted records (recycle bin, getDeleted) for 15 days at most, less
 * when the bin is emptied. A change cursor 15 days old or more may already have missed purged
 * deletions (exactly 15 days counts as too old: the purge runs at that age), and so does one
 * older than `earliestDateAvailable`: then only a full comparison of SF's ids with the links
 * is safe.
 *
 * Pre-existing SIA tasks: every SIA task change bumps the user's change sequence; switching sync
 * on records the sequence at that moment (the baseline). Tasks created at or before it existed
 * before sync and are never pushed to SF.
 */

const initialImportHours = 24;
export const deletionWindowDays = 15;

/** The first instant inside the initial-import window. */
export function initialImportStart(switchedOnAt: string): string {
  return formatInstant(requireInstant(switchedOnAt, 'switch-on time') - initialImportHours * millisPerHour);
}

export function isInInitialImport(record: Pick<SfTask, 'CreatedDate' | 'LastModifiedDate'>, switchedOnAt: string): boolean {
  const start = requireInstant(initialImportStart(switchedOnAt));
  const touched = Math.max(requireInstant(record.CreatedDate, 'CreatedDate'), requireInstant(record.LastModifiedDate, 'LastModifiedDate'));
  return touched >= start;
}

export interface FullComparisonInput {
  /** Where the change cursor stands (its SystemModstamp); null when there is none yet. */
  cursorAt: string | null;
  now: string;
  /** From `GET …/sobjects/Task/deleted/`: the oldest deletion SF still knows about. */
  earliestDateAvailable?: string | null;
}

export function needsFullComparison({ cursorAt, now, earliestDateAvailable }: FullComparisonInput): boolean {
  if (cursorAt === null) return true;
  const cursor = requireInstant(cursorAt, 'cursor time');
  if (requireInstant(now, 'now') - cursor >= deletionWindowDays * millisPerDay) return true;
  if (earliestDateAvailable != null && requireInstant(earliestDateAvailable, 'earliestDateAvailable') > cursor) return true;
  return false;
}

/** The oldest `start` the deleted-records call accepts for this `now`. */
export function deletionWindowStart(now: string): string {
  return formatInstant(requireInstant(now, 'now') - deletionWindowDays * millisPerDay);
}

export function isExistingBeforeSync(siaTaskCreatedSeq: number, baselineSeq: number): boolean {
  return siaTaskCreatedSeq <= baselineSeq;
}

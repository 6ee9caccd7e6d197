import type { ChangeCursor } from '../sync/cursor';
import type { SyncPhase } from '../sync/reconcile';
import type { BudgetView, SyncCounts } from './sync-counts';

/**
 * The task-sync activities as the per-user workflow calls them. Inputs and results are cursors
 * and counts only: task lists stay in the store and Salesforce.
 */
export interface TaskSyncActivities {
  pushSiaChanges(input: PushInput): Promise<PushResult>;
  pullSalesforceChanges(input: PullInput): Promise<PullResult>;
  compareAllTasks(input: { userId: string }): Promise<FullComparisonResult>;
  checkDeletions(input: DeletionCheckInput): Promise<DeletionCheckResult>;
  watchForChanges(input: WatchInput): Promise<WatchResult>;
}

export interface PushInput {
  userId: string;
  /** The user's change sequence already handled. */
  afterSeq: number;
}

export interface PushResult {
  afterSeq: number;
  /** A full page was read: call again. */
  more: boolean;
  counts: SyncCounts;
}

export interface PullInput {
  userId: string;
  cursor: ChangeCursor | null;
  phase: SyncPhase;
  /** The SIA change sequence already pushed: the pull then tells whether a push has work. */
  afterSeq?: number;
  /** Pages of 2,000 per call; the workflow calls again while `more`. */
  maxPages?: number;
}

export interface PullResult {
  cursor: ChangeCursor | null;
  more: boolean;
  counts: SyncCounts;
  /** How many changed records were read. */
  read: number;
  /** The user's share of the org's allowance left, for the poll pace. */
  budget?: BudgetView;
  /**
   * Whether the push after this pull has work (SIA changes after `afterSeq`, this pull's writes
   * included, or refused writes to retry). Absent from workers that predate it: push then.
   */
  pushNeeded?: boolean;
  /**
   * Whether the user's org streams its Task changes (change events), so the wait after this
   * round needs no watch. Absent from workers that predate it: the wait watches.
   */
  streamed?: boolean;
}

export interface FullComparisonResult {
  /** Always null: the change pull that follows goes on from its own cursor. */
  cursor: ChangeCursor | null;
  counts: SyncCounts;
  /** Linked tasks that Salesforce no longer has at all (purged). */
  vanished: number;
}

export interface DeletionCheckInput {
  userId: string;
  /** A Salesforce timestamp up to which every deletion is known to have been read. */
  since: string;
}

export type DeletionCheckResult =
  | { complete: true; earliestDateAvailable: string; salesforceCalls: number }
  /** Salesforce may have forgotten deletions after `since`: only a full comparison is safe. */
  | { complete: false; reason: 'outside-deletion-window' | 'purged-since'; earliestDateAvailable: string | null; salesforceCalls: number };

export interface WatchInput {
  userId: string;
  afterSeq: number;
  cursor: ChangeCursor | null;
  /** Seconds between Salesforce checks (from the poll schedule). */
  salesforceEverySeconds: number;
  /** Seconds between checks of the SIA change sequence: a safety net for a lost nudge. */
  siaEverySeconds: number;
  /** Return after this long even if nothing changed, so the workflow can re-plan. */
  maxSeconds: number;
}

/**
 * `orgPolled`: the org's poller was watching Salesforce for this user. `streamed`: the org
 * streams its changes, so the watch returned at once (the workflow waits for nudges instead).
 */
export type WatchResult = { changed: 'sia' | 'salesforce' | 'nothing'; salesforceCalls: number; orgPolled?: boolean; streamed?: boolean };

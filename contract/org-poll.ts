import type { ChangeCursor } from '../sync/cursor';

/** The org poller's activity: one long poll of every Task change in an org. */
export interface OrgPollActivities {
  watchOrgChanges(input: WatchOrgInput): Promise<WatchOrgResult>;
}

export interface WatchOrgInput {
  orgId: string;
  /** Null on the first poll: start from now (each user's own sync did its first import). */
  cursor: ChangeCursor | null;
  everySeconds: number;
  maxSeconds: number;
}

export type WatchOrgResult =
  | { kind: 'changes'; cursor: ChangeCursor | null; wake: string[]; calls: number }
  | { kind: 'quiet'; cursor: ChangeCursor | null; calls: number }
  /** No integration user, or nobody in the org syncs tasks: the poller can stop. */
  | { kind: 'stop'; reason: 'no-integration' | 'no-syncing-users'; cursor: ChangeCursor | null; calls: number };

/**
 * Task changes through Change Data Capture (Pub/Sub API): one long stream per org, on the watch
 * queue, that wakes the users whose tasks an event touches; and, for a user's workflow, how its
 * org's changes are found (the store only: a streamed user's periodic look).
 */
export interface OrgStreamActivities {
  streamOrgChanges(input: StreamOrgInput): Promise<StreamOrgResult>;
  changeDetectionOf(input: ChangeDetectionInput): Promise<ChangeDetectionAnswer>;
}

/** Why an org with an integration user is polled instead of streamed (shown to operators). */
export type PollingReason =
  /** The product has no Pub/Sub endpoint configured. */
  | 'not-configured'
  /** Task is not selected for Change Data Capture in the org's Setup. */
  | 'cdc-off'
  /** The integration user may not subscribe (it needs View All Data). */
  | 'permission'
  /** The org's daily event delivery allocation is spent. */
  | 'allocation';

export interface StreamOrgInput {
  orgId: string;
  /** Every change committed before this instant has woken its users (the poller's cursor); null: from now. */
  since: string | null;
  maxSeconds: number;
  /** While the stream is down for longer than `downPollAfterSeconds`, the org is polled at this pace. */
  pollEverySeconds: number;
  /** Tuning, for tests: how long events are collected before one nudge per user (200 ms), when a stream down is polled around (180 s), the longest wait between reconnections (15 s). */
  batchMs?: number;
  downPollAfterSeconds?: number;
  retryMaxSeconds?: number;
}

export type StreamOrgResult =
  /** Ran its time (or the stream must restart): the workflow starts the next one. */
  | { kind: 'rotate'; coveredUntil: string; events: number; calls: number }
  /** Change events cannot be used now: poll from `coveredUntil`, try again later. */
  | { kind: 'polling'; reason: PollingReason; detail: string; coveredUntil: string; calls: number }
  | { kind: 'stop'; reason: 'no-integration' | 'no-syncing-users'; coveredUntil: string; calls: number };

export interface ChangeDetectionInput {
  userId: string;
  /** When given: has the org's stream run without a gap since then? */
  since: string | null;
  /** The user's SIA change sequence the workflow has pushed: a higher one is a change a nudge did not bring. */
  afterSeq: number;
}

export interface ChangeDetectionAnswer {
  /** The user's org streams its changes: Salesforce changes arrive as nudges, no watch is needed. */
  streamed: boolean;
  /** The stream ran without a gap since `since` (so it saw every deletion too). */
  continuous: boolean;
  siaChanged: boolean;
}

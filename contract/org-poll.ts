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

import type { Store } from '../../store';
import type { SalesforceConnections } from '../salesforce/connections';

export interface TaskSyncDeps {
  store: Store;
  connections: SalesforceConnections;
  now: () => Date;
  /** Test hooks; production leaves them out. */
  hooks?: TaskSyncHooks;
}

/**
 * Points where a test may act inside an activity, e.g. stop the worker after Salesforce took a
 * write and before the store recorded it, to prove a retry on another worker duplicates nothing.
 */
export interface TaskSyncHooks {
  /** After a collection call answered and before its outcome is recorded. */
  afterSalesforceWrite?(call: { userId: string; kind: 'create' | 'update' | 'delete'; siaTaskIds: string[] }): Promise<void>;
}

/** What one activity did, for the workflow's status and the operators. */
export interface SyncCounts {
  toSalesforce: number;
  toSia: number;
  conflicts: number;
  failed: number;
  salesforceCalls: number;
}

export const noCounts = (): SyncCounts => ({ toSalesforce: 0, toSia: 0, conflicts: 0, failed: 0, salesforceCalls: 0 });

export function addCounts(a: SyncCounts, b: SyncCounts): SyncCounts {
  return {
    toSalesforce: a.toSalesforce + b.toSalesforce,
    toSia: a.toSia + b.toSia,
    conflicts: a.conflicts + b.conflicts,
    failed: a.failed + b.failed,
    salesforceCalls: a.salesforceCalls + b.salesforceCalls,
  };
}

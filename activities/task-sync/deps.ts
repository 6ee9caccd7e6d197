import type { SalesforceDeps } from '../salesforce/with-salesforce';

export interface TaskSyncDeps extends SalesforceDeps {
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

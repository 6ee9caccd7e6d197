/** What one task-sync activity did, for the workflow's status and the operators. */
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

/** What the poll schedule needs of a user's share of the org's daily API allowance. */
export interface BudgetView {
  fractionLeft: number;
  exhausted: boolean;
}

/** Failure types the sync workflow reacts to; shared by activities and workflows (no I/O here). */
export const failureTypes = {
  needsUser: 'SalesforceNeedsUser',
  allowanceSpent: 'SalesforceAllowanceSpent',
  transient: 'SalesforceTransient',
  badRecord: 'SalesforceBadRecord',
  /** A workflow started with input it cannot run on: a caller's bug, never retried. */
  invalidWorkflowInput: 'InvalidWorkflowInput',
} as const;

/** Workflow ids are readable and deterministic: one helper per workflow, used by every caller. */

export function salesforceSyncWorkflowId(userId: string): string {
  return `salesforce-sync:${userId}`;
}

/** `messageKey` is a stable hash of the email (see sync/email-key.ts), so a repeat hand-over finds the same workflow. */
export function emailLogWorkflowId(userId: string, messageKey: string): string {
  return `email-log:${userId}:${messageKey}`;
}

/** One poller per Salesforce org that has an integration user. */
export function orgPollerWorkflowId(orgId: string): string {
  return `org-poller:${orgId}`;
}

export const defaultTaskQueue = 'salesforce-sync';

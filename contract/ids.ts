import type { EmailActivities } from './email';
import type { OrgPollActivities, OrgStreamActivities } from './org-poll';
import type { TaskSyncActivities } from './task-sync';

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

/**
 * The long-lived activities (a user's watch, an org's watch) run on a task queue of their own,
 * beside the workflows' queue, so that sleeping watches never take the slots of rounds and
 * email logging. Every worker process polls both.
 */
export function watchTaskQueue(taskQueue: string): string {
  return `${taskQueue}-watch`;
}

/**
 * Email logging runs on a task queue of its own, its workflows and their activities, so that a
 * backlog of sync work (thousands of users switching on at once) never holds an email back.
 * Every worker process polls it too.
 */
export function emailTaskQueue(taskQueue: string): string {
  return `${taskQueue}-email`;
}

/** The activities that run on the email queue (beside the email workflows). */
export const emailActivityNames = ['readEmailForLogging', 'logEmailThroughApi', 'relayEmailToSalesforce', 'recordEmailOutcome'] as const satisfies ReadonlyArray<keyof EmailActivities>;

/** The activities that run on the watch queue. */
export const watchActivityNames = ['watchForChanges', 'watchOrgChanges', 'streamOrgChanges'] as const satisfies ReadonlyArray<keyof TaskSyncActivities | keyof OrgPollActivities | keyof OrgStreamActivities>;

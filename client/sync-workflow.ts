import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { PollConfig } from '../sync/poll-schedule';
import { parseSyncSettings, type SettingsFieldError, type SyncSettings } from '../sync/settings';
import { salesforceSyncWorkflowId } from '../contract/ids';
import { nudgeSignal, settingsSavedSignal, statusQuery, type Nudge, type SettingsChange, type SyncStatus } from '../contract/messages';
import { EmailLoggingMode, LastErrorCode, SiaUserId, SyncPhase, TaskSyncMode } from '../contract/search-attributes';
import type { salesforceSync } from '../workflows/salesforce-sync';

/** Thrown for settings that fail validation: nothing reached Temporal. */
export class InvalidSettingsError extends Error {
  constructor(public readonly errors: SettingsFieldError[]) {
    super(`Invalid sync settings: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  }
}

export interface SaveSettingsOptions {
  taskQueue: string;
  /** Monotonic version of this save (the store's save counter); defaults to the save time in ms. */
  version?: number;
  now?: Date;
  historyEventLimit?: number;
  /** When task sync was last switched on, as the store recorded it. */
  taskSyncEnabledAt?: string | null;
  /** Poll schedule overrides for a workflow this save starts (tests, benchmarks). */
  pollConfig?: Partial<PollConfig>;
}

/**
 * Validates a user's settings and hands them to the user's workflow, starting it if it is
 * not running (signalWithStart), so a save never races a start.
 */
export async function saveSyncSettings(client: Client, userId: string, input: unknown, options: SaveSettingsOptions): Promise<SyncSettings> {
  const parsed = parseSyncSettings(input);
  if (!parsed.ok) throw new InvalidSettingsError(parsed.errors);
  const now = options.now ?? new Date();
  const change: SettingsChange = { settings: parsed.settings, version: options.version ?? now.getTime(), savedAt: now.toISOString(), taskSyncEnabledAt: options.taskSyncEnabledAt ?? null };
  await client.workflow.signalWithStart<typeof salesforceSync, [SettingsChange]>('salesforceSync', {
    workflowId: salesforceSyncWorkflowId(userId),
    taskQueue: options.taskQueue,
    args: [{ userId, initialChange: change, historyEventLimit: options.historyEventLimit, pollConfig: options.pollConfig }],
    signal: settingsSavedSignal,
    signalArgs: [change],
    typedSearchAttributes: [
      { key: SiaUserId, value: userId },
      { key: SyncPhase, value: 'idle' },
      { key: EmailLoggingMode, value: parsed.settings.emailLogging.mode },
      { key: TaskSyncMode, value: parsed.settings.taskSync.mode },
      { key: LastErrorCode, value: 'none' },
    ],
    memo: { userId },
  });
  return parsed.settings;
}

/** The user's sync status, or null when the user never saved settings. */
export async function readSyncStatus(client: Client, userId: string): Promise<SyncStatus | null> {
  try {
    return await client.workflow.getHandle(salesforceSyncWorkflowId(userId)).query(statusQuery);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return null;
    throw error;
  }
}

/** Tells a running workflow to look now; a user without a running workflow has nothing to sync. */
export async function nudgeSync(client: Client, userId: string, nudge: Nudge): Promise<boolean> {
  try {
    await client.workflow.getHandle(salesforceSyncWorkflowId(userId)).signal(nudgeSignal, nudge);
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

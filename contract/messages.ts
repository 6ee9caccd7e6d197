import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { SyncSettings } from '../sync/settings';
import type { BudgetView, SyncCounts } from './sync-counts';

/**
 * Signals and queries of the per-user sync workflow, defined once and shared by the
 * workflow and its callers.
 */

/** Settings as saved by the user; `version` only grows, so a late duplicate never undoes a newer save. */
export interface SettingsChange {
  settings: SyncSettings;
  version: number;
  savedAt: string;
  /** When task sync was last switched on (from the store); a new value starts a new sync period. */
  taskSyncEnabledAt?: string | null;
}

export const settingsSavedSignal = defineSignal<[SettingsChange]>('settingsSaved');

/** "Something changed, look now": carries no data, because the store is the truth and the workflow syncs from its cursors. */
export interface Nudge {
  source: 'sia' | 'salesforce' | 'resync';
}
export const nudgeSignal = defineSignal<[Nudge]>('nudge');

export type SyncPhase = 'idle' | 'initial_import' | 'reconciling' | 'paused';

export interface SyncStatus {
  userId: string;
  phase: SyncPhase;
  settings: SyncSettings;
  settingsVersion: number;
  settingsSavedAt: string;
  /** How many settings saves this workflow (across continue-as-new) has applied. */
  settingsChangesApplied: number;
  /** How many times this user's workflow has continued as new. */
  generation: number;
  lastError: { code: string; message: string; at: string; title?: string; fix?: string } | null;
  /** Null while task sync was never switched on. */
  taskSync?: {
    stage: 'initial_import' | 'catch_up' | 'reconciling';
    enabledAt: string;
    lastSyncAt: string | null;
    lastActivityAt: string | null;
    totals: SyncCounts;
    /** The user's share of the org's daily API allowance left (null until a pull saw the org's usage). */
    budget?: BudgetView | null;
  } | null;
}

export const statusQuery = defineQuery<SyncStatus>('status');

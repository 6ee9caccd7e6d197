import { noCounts, type BudgetView, type SyncCounts } from '../contract/sync-counts';
import type { ChangeCursor } from '../sync/cursor';
import type { PollConfig } from '../sync/poll-schedule';
import type { SyncSettings } from '../sync/settings';
import { initialImportStart } from '../sync/windows';
import type { SettingsChange, SyncPhase, SyncStatus } from '../contract/messages';

/**
 * Everything the per-user workflow carries across continue-as-new. Small by design:
 * task lists live in the store, only cursors and counters live here.
 */
export interface SyncState {
  userId: string;
  settings: SyncSettings;
  settingsVersion: number;
  settingsSavedAt: string;
  settingsChangesApplied: number;
  phase: SyncPhase;
  generation: number;
  lastError: SyncStatus['lastError'];
  /** Present once task sync was switched on; kept while it is off so switching on again catches up. */
  task?: TaskSyncState;
}

export type TaskSyncStage = 'initial_import' | 'catch_up' | 'reconciling';

export interface TaskSyncState {
  /** When the current sync period started (task sync switched on). */
  enabledAt: string;
  stage: TaskSyncStage;
  /** The user's SIA change sequence already pushed. */
  siaCursor: number;
  /** The (SystemModstamp, Id) of the last Salesforce change read. */
  sfCursor: ChangeCursor | null;
  lastActivityAt: string | null;
  lastSyncAt: string | null;
  /** The user's share of the org's API allowance left, as the last pull saw it. */
  budget?: BudgetView;
  /**
   * Every Salesforce deletion before this instant has been applied (a round read past it while
   * Salesforce still remembered it). Absent in state carried from before it was tracked.
   */
  deletionsSafeFrom?: string | null;
  /** Whether the user's org streamed its changes when the last pull or watch looked. */
  streamed?: boolean;
  totals: SyncCounts;
}

export interface SalesforceSyncInput {
  userId: string;
  /** The save that started the workflow; absent when continuing as new. */
  initialChange?: SettingsChange;
  /** Carried state when continuing as new. */
  state?: SyncState;
  /** Continue as new after this many history events even if the server does not suggest it yet (tests use a small number). */
  historyEventLimit?: number;
  /** Overrides of the poll schedule (tests and benchmarks poll faster). */
  pollConfig?: Partial<PollConfig>;
}

export function initialState(userId: string, change: SettingsChange): SyncState {
  const state: SyncState = {
    userId,
    settings: change.settings,
    settingsVersion: change.version,
    settingsSavedAt: change.savedAt,
    settingsChangesApplied: 1,
    phase: 'idle',
    generation: 0,
    lastError: null,
  };
  if (change.settings.taskSync.mode !== 'do_not_sync' && change.taskSyncEnabledAt) startTaskSyncPeriod(state, change.taskSyncEnabledAt);
  return state;
}

/**
 * Starts a new sync period when the save switched task sync on. The first period imports what
 * changed in Salesforce in the 24 hours before; a later one catches up from where the last stopped.
 */
export function startTaskSyncPeriod(state: SyncState, enabledAt: string): void {
  if (state.task?.enabledAt === enabledAt) return;
  if (state.task) {
    state.task = { ...state.task, enabledAt, stage: 'catch_up' };
    return;
  }
  state.task = {
    enabledAt,
    stage: 'initial_import',
    siaCursor: 0,
    sfCursor: { modstamp: initialImportStart(enabledAt), id: '' },
    lastActivityAt: null,
    lastSyncAt: null,
    totals: noCounts(),
  };
}

/** Applies a save unless a newer one was applied already (signals can be retried by callers). Returns whether it applied. */
export function applySettingsChange(state: SyncState, change: SettingsChange): boolean {
  if (change.version <= state.settingsVersion) return false;
  state.settings = change.settings;
  state.settingsVersion = change.version;
  state.settingsSavedAt = change.savedAt;
  state.settingsChangesApplied += 1;
  if (change.settings.taskSync.mode !== 'do_not_sync' && change.taskSyncEnabledAt) startTaskSyncPeriod(state, change.taskSyncEnabledAt);
  return true;
}

export function statusOf(state: SyncState): SyncStatus {
  return {
    userId: state.userId,
    phase: state.phase,
    settings: state.settings,
    settingsVersion: state.settingsVersion,
    settingsSavedAt: state.settingsSavedAt,
    settingsChangesApplied: state.settingsChangesApplied,
    generation: state.generation,
    lastError: state.lastError,
    taskSync: state.task
      ? { stage: state.task.stage, enabledAt: state.task.enabledAt, lastSyncAt: state.task.lastSyncAt, lastActivityAt: state.task.lastActivityAt, totals: { ...state.task.totals }, budget: state.task.budget ?? null }
      : null,
  };
}

export function taskSyncOn(state: SyncState): boolean {
  return state.settings.taskSync.mode !== 'do_not_sync' && state.task !== undefined;
}

import type { SyncSettings } from '../sync/settings';
import type { SettingsChange, SyncPhase, SyncStatus } from './messages';

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
}

export interface SalesforceSyncInput {
  userId: string;
  /** The save that started the workflow; absent when continuing as new. */
  initialChange?: SettingsChange;
  /** Carried state when continuing as new. */
  state?: SyncState;
  /** Continue as new after this many history events even if the server does not suggest it yet (tests use a small number). */
  historyEventLimit?: number;
}

export function initialState(userId: string, change: SettingsChange): SyncState {
  return {
    userId,
    settings: change.settings,
    settingsVersion: change.version,
    settingsSavedAt: change.savedAt,
    settingsChangesApplied: 1,
    phase: 'idle',
    generation: 0,
    lastError: null,
  };
}

/** Applies a save unless a newer one was applied already (signals can be retried by callers). Returns whether it applied. */
export function applySettingsChange(state: SyncState, change: SettingsChange): boolean {
  if (change.version <= state.settingsVersion) return false;
  state.settings = change.settings;
  state.settingsVersion = change.version;
  state.settingsSavedAt = change.savedAt;
  state.settingsChangesApplied += 1;
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
  };
}

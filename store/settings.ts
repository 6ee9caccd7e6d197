import type { Selectable } from 'kysely';
import { defaultSyncSettings, parseSyncSettings, type SettingsFieldError, type SyncSettings } from '../sync/settings';
import { lockUserChanges } from './change-seq';
import type { Db, SyncSettingsTable } from './schema';
import { isoTime } from './time';
import { inTransaction } from './transaction';
import { toJsonColumn } from './json-column';

export class SyncSettingsError extends Error {
  override readonly name = 'SyncSettingsError';
  constructor(
    message: string,
    readonly errors: SettingsFieldError[],
  ) {
    super(`${message}: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  }
}

/**
 * A user's settings with the task sync history. Switching task sync on again starts a new
 * period with a new baseline (tasks made while it was off are "already existing" then too);
 * the first time it was ever switched on and the last time it was switched off are kept.
 */
export interface StoredSyncSettings {
  settings: SyncSettings;
  /** Null when the user never saved (defaults). */
  savedAt: string | null;
  taskSyncEnabledAt: string | null;
  taskSyncFirstEnabledAt: string | null;
  taskSyncDisabledAt: string | null;
  /** SIA tasks with createdSeq <= baselineSeq are never pushed to Salesforce. Null if never switched on. */
  baselineSeq: number | null;
}

export interface SavedSyncSettings extends StoredSyncSettings {
  savedAt: string;
  /** This save turned task sync from off to on (the first import starts). */
  taskSyncSwitchedOn: boolean;
  taskSyncSwitchedOff: boolean;
}

function taskSyncOn(settings: SyncSettings): boolean {
  return settings.taskSync.mode !== 'do_not_sync';
}

function parseStored(json: string, userId: string): SyncSettings {
  const parsed = parseSyncSettings(JSON.parse(json));
  if (!parsed.ok) throw new SyncSettingsError(`Stored sync settings of user ${userId} no longer validate`, parsed.errors);
  return parsed.settings;
}

function toStored(row: Selectable<SyncSettingsTable>): StoredSyncSettings {
  return {
    settings: parseStored(row.settings_json, row.user_id),
    savedAt: row.saved_at,
    taskSyncEnabledAt: row.task_sync_enabled_at,
    taskSyncFirstEnabledAt: row.task_sync_first_enabled_at,
    taskSyncDisabledAt: row.task_sync_disabled_at,
    baselineSeq: row.task_sync_baseline_seq,
  };
}

/** The user's settings, or the defaults when never saved. */
export async function getSyncSettings(db: Db, userId: string): Promise<StoredSyncSettings> {
  const row = await db.selectFrom('sync_settings').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (row) return toStored(row);
  return { settings: defaultSyncSettings, savedAt: null, taskSyncEnabledAt: null, taskSyncFirstEnabledAt: null, taskSyncDisabledAt: null, baselineSeq: null };
}

/** Validates and saves; throws SyncSettingsError with per-field messages when the input is invalid. */
export async function saveSyncSettings(db: Db, userId: string, input: unknown, now = new Date()): Promise<SavedSyncSettings> {
  const parsed = parseSyncSettings(input);
  if (!parsed.ok) throw new SyncSettingsError('Invalid sync settings', parsed.errors);
  const settings = parsed.settings;
  const at = isoTime(now);
  return inTransaction(db, async (tx) => {
    // The lock keeps task writes out between reading the sequence and saving it as the baseline.
    const seq = await lockUserChanges(tx, userId);
    const before = await getSyncSettings(tx, userId);
    const switchedOn = !taskSyncOn(before.settings) && taskSyncOn(settings);
    const switchedOff = taskSyncOn(before.settings) && !taskSyncOn(settings);
    const row = {
      settings_json: toJsonColumn(settings),
      saved_at: at,
      task_sync_enabled_at: switchedOn ? at : before.taskSyncEnabledAt,
      task_sync_first_enabled_at: before.taskSyncFirstEnabledAt ?? (switchedOn ? at : null),
      task_sync_disabled_at: switchedOn ? null : switchedOff ? at : before.taskSyncDisabledAt,
      task_sync_baseline_seq: switchedOn ? seq : before.baselineSeq,
    };
    await tx
      .insertInto('sync_settings')
      .values({ user_id: userId, ...row })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
      .execute();
    return {
      settings,
      savedAt: at,
      taskSyncEnabledAt: row.task_sync_enabled_at,
      taskSyncFirstEnabledAt: row.task_sync_first_enabled_at,
      taskSyncDisabledAt: row.task_sync_disabled_at,
      baselineSeq: row.task_sync_baseline_seq,
      taskSyncSwitchedOn: switchedOn,
      taskSyncSwitchedOff: switchedOff,
    };
  });
}

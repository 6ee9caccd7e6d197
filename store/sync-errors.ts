import type { Selectable } from 'kysely';
import type { Db, SyncErrorsTable } from './schema';
import { listsPerStatement } from './statements';
import { isoTime } from './time';

/**
 * Open sync errors for "Sync Health": one open row per (user, record key), counting attempts;
 * resolving closes it and keeps it as history. A record key names what failed, e.g.
 * `task:<siaTaskId>`, `sf:<sfTaskId>`, `email:<emailId>`, or `connection` for the user's account.
 */
export interface SyncErrorInput {
  key: string;
  /** Salesforce error code (FIELD_CUSTOM_VALIDATION_EXCEPTION, invalid_grant, …) or our own. */
  code: string;
  /** The message as received. */
  message: string;
  /** What it means and what to do, for a person. */
  explanation: string;
  siaTaskId?: string | null;
  sfTaskId?: string | null;
}

export interface SyncError {
  id: number;
  userId: string;
  key: string;
  code: string;
  message: string;
  explanation: string;
  siaTaskId: string | null;
  sfTaskId: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  attempts: number;
  resolvedAt: string | null;
}

export interface SyncErrorGroup {
  code: string;
  /** The latest explanation of this code. */
  explanation: string;
  count: number;
  lastSeenAt: string;
  /** Affected records, most recently seen first. */
  errors: SyncError[];
}

function toSyncError(row: Selectable<SyncErrorsTable>): SyncError {
  return {
    id: row.id,
    userId: row.user_id,
    key: row.record_key,
    code: row.code,
    message: row.message,
    explanation: row.explanation,
    siaTaskId: row.sia_task_id,
    sfTaskId: row.sf_task_id,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    attempts: row.attempts,
    resolvedAt: row.resolved_at,
  };
}

/** Opens the record's error, or counts one more attempt on the open one (with the latest code and message). */
export async function recordSyncError(db: Db, userId: string, error: SyncErrorInput, now = new Date()): Promise<SyncError> {
  const at = isoTime(now);
  const latest = {
    code: error.code,
    message: error.message,
    explanation: error.explanation,
    sia_task_id: error.siaTaskId ?? null,
    sf_task_id: error.sfTaskId ?? null,
    last_seen_at: at,
  };
  const row = await db
    .insertInto('sync_errors')
    .values({ user_id: userId, record_key: error.key, first_seen_at: at, attempts: 1, resolved_at: null, ...latest })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'record_key'])
        .where('resolved_at', 'is', null)
        .doUpdateSet((eb) => ({ ...latest, attempts: eb(eb.ref('sync_errors.attempts'), '+', 1) })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSyncError(row);
}

/** Closes the record's open error, if any (the record synced). True when one was open. */
export async function resolveSyncError(db: Db, userId: string, key: string, now = new Date()): Promise<boolean> {
  return (await resolveSyncErrors(db, userId, [key], now)) > 0;
}

/** Closes the open errors of these records (they synced), in as few statements as fit. Returns how many were open. */
export async function resolveSyncErrors(db: Db, userId: string, keys: readonly string[], now = new Date()): Promise<number> {
  let resolved = 0;
  for (const slice of listsPerStatement(keys)) {
    const result = await db
      .updateTable('sync_errors')
      .set({ resolved_at: isoTime(now) })
      .where('user_id', '=', userId)
      .where('record_key', 'in', slice)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    resolved += Number(result.numUpdatedRows);
  }
  return resolved;
}

/** Open errors grouped by code, the most recently seen code first. */
export async function listOpenSyncErrors(db: Db, userId: string): Promise<SyncErrorGroup[]> {
  const rows = await db
    .selectFrom('sync_errors')
    .selectAll()
    .where('user_id', '=', userId)
    .where('resolved_at', 'is', null)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const groups = new Map<string, SyncErrorGroup>();
  for (const error of rows.map(toSyncError)) {
    const group = groups.get(error.code);
    if (group) {
      group.count += 1;
      group.errors.push(error);
    } else {
      groups.set(error.code, { code: error.code, explanation: error.explanation, count: 1, lastSeenAt: error.lastSeenAt, errors: [error] });
    }
  }
  return [...groups.values()];
}

/** Count of open errors, for a badge or a search attribute. */
export async function countOpenSyncErrors(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('sync_errors')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('resolved_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

import type { Selectable } from 'kysely';
import type { Db, SyncLogTable } from './schema';
import { isoTime } from './time';
import { toJsonColumn } from './json-column';
import { insertRows } from './statements';

export const syncDirections = ['sia_to_sf', 'sf_to_sia', 'both', 'system'] as const;
export type SyncDirection = (typeof syncDirections)[number];
export const syncActions = ['create', 'update', 'complete', 'delete', 'restore', 'link', 'conflict', 'skip', 'error', 'info'] as const;
export type SyncAction = (typeof syncActions)[number];

export interface SyncLogInput {
  /** Defaults to the time of the append. */
  at?: Date;
  direction: SyncDirection;
  action: SyncAction;
  siaTaskId?: string | null;
  sfTaskId?: string | null;
  message: string;
  /** Plain data, e.g. a merge decision {field, sia, sf, winner, reason}. */
  detail?: unknown;
}

export interface SyncLogEntry {
  id: number;
  userId: string;
  at: string;
  direction: SyncDirection;
  action: SyncAction;
  siaTaskId: string | null;
  sfTaskId: string | null;
  message: string;
  detail: unknown;
}

function toEntry(row: Selectable<SyncLogTable>): SyncLogEntry {
  return {
    id: row.id,
    userId: row.user_id,
    at: row.at,
    direction: row.direction as SyncDirection,
    action: row.action as SyncAction,
    siaTaskId: row.sia_task_id,
    sfTaskId: row.sf_task_id,
    message: row.message,
    detail: row.detail_json === null ? null : (JSON.parse(row.detail_json) as unknown),
  };
}

/** Appends entries in the given order (ids increase with it). */
export async function appendSyncLog(db: Db, userId: string, entries: readonly SyncLogInput[], now = new Date()): Promise<void> {
  const rows = entries.map((e) => ({
    user_id: userId,
    at: isoTime(e.at ?? now),
    direction: e.direction,
    action: e.action,
    sia_task_id: e.siaTaskId ?? null,
    sf_task_id: e.sfTaskId ?? null,
    message: e.message,
    detail_json: e.detail === undefined ? null : toJsonColumn(e.detail),
  }));
  await insertRows(db, 'sync_log', rows);
}

export interface SyncLogPage {
  /** Default 50, at most 500. */
  limit?: number;
  /** Only entries older than this id: pass the last id of the previous page. */
  before?: number;
  siaTaskId?: string;
}

/** Newest first. */
export async function listSyncLog(db: Db, userId: string, page: SyncLogPage = {}): Promise<SyncLogEntry[]> {
  let query = db.selectFrom('sync_log').selectAll().where('user_id', '=', userId);
  if (page.before !== undefined) query = query.where('id', '<', page.before);
  if (page.siaTaskId !== undefined) query = query.where('sia_task_id', '=', page.siaTaskId);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(page.limit ?? 50, 1), 500))
    .execute();
  return rows.map(toEntry);
}

/** Removes entries older than `before` (a retention policy's job). Returns how many went. */
export async function pruneSyncLog(db: Db, before: Date): Promise<number> {
  const result = await db.deleteFrom('sync_log').where('at', '<', isoTime(before)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

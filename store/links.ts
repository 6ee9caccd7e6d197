import type { Selectable } from 'kysely';
import type { Db, TaskLinksTable } from './schema';
import { insertRows, listsPerStatement } from './statements';
import { parseTaskFieldsJson, sameTaskFields, taskFieldsJson, type TaskFields } from './task-model';

/** A SIA task ⇄ Salesforce task pair with the state both sides last agreed on. */
export interface TaskLink {
  userId: string;
  siaTaskId: string;
  sfTaskId: string;
  /** Last synced canonical state: a side whose current state equals it did not change (echo suppression). */
  synced: TaskFields;
  /** SystemModstamp of the Salesforce record when last synced, ISO UTC. */
  sfModstamp: string | null;
  syncedAt: string;
  sfDeleted: boolean;
}

export function toLink(row: Selectable<TaskLinksTable>): TaskLink {
  return {
    userId: row.user_id,
    siaTaskId: row.sia_task_id,
    sfTaskId: row.sf_task_id,
    synced: parseTaskFieldsJson(row.synced_json),
    sfModstamp: row.sf_modstamp,
    syncedAt: row.synced_at,
    sfDeleted: row.sf_deleted === 1,
  };
}

export async function linkBySfId(db: Db, userId: string, sfTaskId: string): Promise<TaskLink | undefined> {
  const row = await db.selectFrom('task_links').selectAll().where('user_id', '=', userId).where('sf_task_id', '=', sfTaskId).executeTakeFirst();
  return row && toLink(row);
}

export async function linkBySiaId(db: Db, userId: string, siaTaskId: string): Promise<TaskLink | undefined> {
  const row = await db.selectFrom('task_links').selectAll().where('user_id', '=', userId).where('sia_task_id', '=', siaTaskId).executeTakeFirst();
  return row && toLink(row);
}

/** Links of the given SIA tasks, keyed by SIA task id (tasks without a link are absent). */
export function linksForTasks(db: Db, userId: string, siaTaskIds: readonly string[]): Promise<Map<string, TaskLink>> {
  return linksWhereIn(db, userId, 'sia_task_id', siaTaskIds);
}

/** Links of the given Salesforce tasks, keyed by Salesforce task id. */
export function linksForSfTasks(db: Db, userId: string, sfTaskIds: readonly string[]): Promise<Map<string, TaskLink>> {
  return linksWhereIn(db, userId, 'sf_task_id', sfTaskIds);
}

async function linksWhereIn(db: Db, userId: string, column: 'sia_task_id' | 'sf_task_id', ids: readonly string[]): Promise<Map<string, TaskLink>> {
  const links = new Map<string, TaskLink>();
  for (const slice of listsPerStatement(ids)) {
    const rows = await db.selectFrom('task_links').selectAll().where('user_id', '=', userId).where(column, 'in', slice).execute();
    for (const row of rows) links.set(row[column], toLink(row));
  }
  return links;
}

/** Every link of the user, for the full comparison with Salesforce. */
export async function allLinks(db: Db, userId: string): Promise<TaskLink[]> {
  const rows = await db.selectFrom('task_links').selectAll().where('user_id', '=', userId).orderBy('sia_task_id').execute();
  return rows.map(toLink);
}

/** Whether two versions of a link say the same (the time of syncing aside). */
export function sameLink(a: TaskLink, b: TaskLink): boolean {
  return a.sfTaskId === b.sfTaskId && a.sfModstamp === b.sfModstamp && a.sfDeleted === b.sfDeleted && sameTaskFields(a.synced, b.synced);
}

/** Writes the link of a SIA task (the SIA task id is the key). */
export function saveLink(db: Db, link: TaskLink): Promise<void> {
  return saveLinks(db, [link]);
}

/** Writes links, many a statement (one per SIA task id: the last given wins). */
export async function saveLinks(db: Db, links: readonly TaskLink[]): Promise<void> {
  const latest = new Map(links.map((link) => [link.siaTaskId, link]));
  const rows = [...latest.values()].map((link) => ({
    user_id: link.userId,
    sia_task_id: link.siaTaskId,
    sf_task_id: link.sfTaskId,
    synced_json: taskFieldsJson(link.synced),
    sf_modstamp: link.sfModstamp,
    synced_at: link.syncedAt,
    sf_deleted: link.sfDeleted ? (1 as const) : (0 as const),
  }));
  await insertRows(db, 'task_links', rows, (insert) =>
    insert.onConflict((oc) =>
      oc.column('sia_task_id').doUpdateSet((eb) => ({
        sf_task_id: eb.ref('excluded.sf_task_id'),
        synced_json: eb.ref('excluded.synced_json'),
        sf_modstamp: eb.ref('excluded.sf_modstamp'),
        synced_at: eb.ref('excluded.synced_at'),
        sf_deleted: eb.ref('excluded.sf_deleted'),
      })),
    ),
  );
}

/** Drops the links of these SIA tasks (gone on both sides). Returns how many there were. */
export async function deleteLinks(db: Db, userId: string, siaTaskIds: readonly string[]): Promise<number> {
  let deleted = 0;
  for (const slice of listsPerStatement(siaTaskIds)) {
    const result = await db.deleteFrom('task_links').where('user_id', '=', userId).where('sia_task_id', 'in', slice).executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

/** Drops a link (the task is gone on both sides). True when there was one. */
export async function deleteLink(db: Db, userId: string, siaTaskId: string): Promise<boolean> {
  return (await deleteLinks(db, userId, [siaTaskId])) > 0;
}

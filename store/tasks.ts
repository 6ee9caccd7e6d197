import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { lockUserChanges, nextChangeSeq } from './change-seq';
import { toLink, type TaskLink } from './links';
import type { Db } from './schema';
import { insertRows } from './statements';
import { checkDate, isoTime } from './time';
import {
  checkTaskFields,
  sameTaskFields,
  taskFieldColumns,
  taskFieldsOf,
  taskRow,
  toTask,
  type Task,
  type TaskOrigin,
  type TaskFields,
  type TaskStatus,
} from './task-model';
import { inTransaction } from './transaction';

export { currentSeq } from './change-seq';

export interface NewTask {
  /** Defaults to a fresh UUID; also the Salesforce external id, so give it before a retried create. */
  id?: string;
  name: string;
  details?: string | null;
  dueDate?: string | null;
  status?: TaskStatus;
  priority?: TaskFields['priority'];
  reminderAt?: string | null;
  origin?: TaskOrigin;
}

export async function createTask(db: Db, userId: string, input: NewTask, now = new Date()): Promise<Task> {
  const state = checkTaskFields({
    name: input.name,
    details: input.details ?? null,
    dueDate: input.dueDate ?? null,
    status: input.status ?? 'open',
    priority: input.priority ?? 'normal',
    reminderAt: input.reminderAt ?? null,
  });
  return inTransaction(db, (tx) => insertTask(tx, userId, input.id ?? randomUUID(), state, input.origin ?? 'sia', now));
}

/** Inserts a task with the next change number; the caller holds a transaction. */
export async function insertTask(tx: Db, userId: string, id: string, state: TaskFields, origin: TaskOrigin, now: Date): Promise<Task> {
  const seq = await nextChangeSeq(tx, userId);
  const at = isoTime(now);
  const row = await tx
    .insertInto('tasks')
    .values({
      id,
      user_id: userId,
      ...taskFieldColumns(state),
      created_at: at,
      updated_at: at,
      deleted_at: null,
      created_seq: seq,
      change_seq: seq,
      origin,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTask(row);
}

/**
 * Changes the given fields (undefined leaves a field as it is; null clears a nullable one). Returns the task as it is afterwards (unchanged, without a new change
 * number, when the patch changes nothing), or undefined when there is no such live task.
 */
export async function updateTask(db: Db, userId: string, taskId: string, patch: Partial<TaskFields>, now = new Date()): Promise<Task | undefined> {
  const defined = Object.fromEntries(Object.entries<unknown>(patch).filter(([, value]) => value !== undefined)) as Partial<TaskFields>;
  return inTransaction(db, async (tx) => {
    await lockUserChanges(tx, userId);
    const task = await getTask(tx, userId, taskId);
    if (!task || task.deletedAt !== null) return undefined;
    const next = checkTaskFields({ ...taskFieldsOf(task), ...defined });
    if (sameTaskFields(task, next)) return task;
    return writeTaskState(tx, userId, taskId, next, now);
  });
}

/** Writes a full state with the next change number (and undeletes); the caller holds the user's lock. */
export async function writeTaskState(tx: Db, userId: string, taskId: string, state: TaskFields, now: Date): Promise<Task> {
  const seq = await nextChangeSeq(tx, userId);
  const row = await tx
    .updateTable('tasks')
    .set({ ...taskFieldColumns(state), updated_at: isoTime(now), deleted_at: null, change_seq: seq })
    .where('user_id', '=', userId)
    .where('id', '=', taskId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTask(row);
}

/**
 * Stores tasks as given, whole rows, many a statement: a new id is inserted, a known one of the
 * same user overwritten (its creation fields stay). For writes worked out in memory; the caller
 * holds the user's lock and took the change numbers the tasks carry.
 */
export async function writeTasks(tx: Db, tasks: readonly Task[]): Promise<void> {
  await insertRows(tx, 'tasks', tasks.map(taskRow), (insert) =>
    insert.onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          details: eb.ref('excluded.details'),
          due_date: eb.ref('excluded.due_date'),
          status: eb.ref('excluded.status'),
          priority: eb.ref('excluded.priority'),
          reminder_at: eb.ref('excluded.reminder_at'),
          updated_at: eb.ref('excluded.updated_at'),
          deleted_at: eb.ref('excluded.deleted_at'),
          change_seq: eb.ref('excluded.change_seq'),
        }))
        .where('tasks.user_id', '=', (eb) => eb.ref('excluded.user_id')),
    ),
  );
}

export function completeTask(db: Db, userId: string, taskId: string, now = new Date()): Promise<Task | undefined> {
  return updateTask(db, userId, taskId, { status: 'complete' }, now);
}

export function reopenTask(db: Db, userId: string, taskId: string, now = new Date()): Promise<Task | undefined> {
  return updateTask(db, userId, taskId, { status: 'open' }, now);
}

/** Marks the task deleted (the row stays so the sync sees the deletion). False when there was no live task. */
export async function softDeleteTask(db: Db, userId: string, taskId: string, now = new Date()): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    await lockUserChanges(tx, userId);
    const task = await getTask(tx, userId, taskId);
    if (!task || task.deletedAt !== null) return false;
    await markTaskDeleted(tx, userId, taskId, now);
    return true;
  });
}

/** Soft-deletes with the next change number; the caller holds the user's lock. */
export async function markTaskDeleted(tx: Db, userId: string, taskId: string, now: Date): Promise<void> {
  const seq = await nextChangeSeq(tx, userId);
  const at = isoTime(now);
  await tx.updateTable('tasks').set({ deleted_at: at, updated_at: at, change_seq: seq }).where('user_id', '=', userId).where('id', '=', taskId).execute();
}

/** The task, deleted or not. */
export async function getTask(db: Db, userId: string, taskId: string): Promise<Task | undefined> {
  const row = await db.selectFrom('tasks').selectAll().where('user_id', '=', userId).where('id', '=', taskId).executeTakeFirst();
  return row && toTask(row);
}

export interface TaskListFilter {
  includeDeleted?: boolean;
  /** Inclusive, `YYYY-MM-DD`. Tasks without a due date are left out when a bound is given. */
  dueFrom?: string;
  dueTo?: string;
  status?: TaskStatus;
}

/** Ordered by due date (undated last), then creation. */
export async function listTasks(db: Db, userId: string, filter: TaskListFilter = {}): Promise<Task[]> {
  let query = db.selectFrom('tasks').selectAll().where('user_id', '=', userId);
  if (!filter.includeDeleted) query = query.where('deleted_at', 'is', null);
  if (filter.dueFrom !== undefined) query = query.where('due_date', '>=', checkDate(filter.dueFrom));
  if (filter.dueTo !== undefined) query = query.where('due_date', '<=', checkDate(filter.dueTo));
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  const rows = await query.orderBy(sql`due_date is null`).orderBy('due_date').orderBy('created_seq').execute();
  return rows.map(toTask);
}

export interface TaskChange {
  task: Task;
  link: TaskLink | null;
}

/**
 * Tasks whose latest change number is after `afterSeq`, in change order, soft-deleted ones
 * included, each with its link. Page on with the last task's changeSeq.
 */
export async function changesSince(db: Db, userId: string, afterSeq: number, limit: number): Promise<TaskChange[]> {
  const rows = await db
    .selectFrom('tasks')
    .leftJoin('task_links', 'task_links.sia_task_id', 'tasks.id')
    .selectAll('tasks')
    .select([
      'task_links.sf_task_id as link_sf_task_id',
      'task_links.synced_json as link_synced_json',
      'task_links.sf_modstamp as link_sf_modstamp',
      'task_links.synced_at as link_synced_at',
      'task_links.sf_deleted as link_sf_deleted',
    ])
    .where('tasks.user_id', '=', userId)
    .where('tasks.change_seq', '>', afterSeq)
    .orderBy('tasks.change_seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    task: toTask(row),
    link:
      row.link_sf_task_id === null || row.link_synced_json === null || row.link_synced_at === null || row.link_sf_deleted === null
        ? null
        : toLink({
            user_id: row.user_id,
            sia_task_id: row.id,
            sf_task_id: row.link_sf_task_id,
            synced_json: row.link_synced_json,
            sf_modstamp: row.link_sf_modstamp,
            synced_at: row.link_synced_at,
            sf_deleted: row.link_sf_deleted,
          }),
  }));
}

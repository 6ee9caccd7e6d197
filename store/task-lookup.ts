import type { Db } from './schema';
import { listsPerStatement } from './statements';
import { toTask, type Task } from './task-model';

/** Tasks by id, soft-deleted ones included (the sync needs tombstones to decide). */
export async function tasksByIds(db: Db, userId: string, ids: readonly string[]): Promise<Map<string, Task>> {
  const out = new Map<string, Task>();
  for (const slice of listsPerStatement(ids)) {
    const rows = await db.selectFrom('tasks').selectAll().where('user_id', '=', userId).where('id', 'in', slice).execute();
    for (const row of rows) out.set(row.id, toTask(row));
  }
  return out;
}

/** Open sync-error keys of the form `task:<id>`, for re-trying those tasks. */
export async function tasksWithOpenErrors(db: Db, userId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('sync_errors')
    .select('record_key')
    .where('user_id', '=', userId)
    .where('resolved_at', 'is', null)
    .where('record_key', 'like', 'task:%')
    .limit(limit)
    .execute();
  return rows.map((r) => r.record_key.slice('task:'.length));
}

import type { Db } from './schema';
import { insertRows, listsPerStatement } from './statements';
import { parseTaskFieldsJson, taskFieldsJson, type TaskFields } from './task-model';
import { isoTime } from './time';

/**
 * A create sent to Salesforce whose link is not written yet. Its answer can be lost (a fault, a
 * killed worker) after Salesforce made the task, and people may change or delete that task before
 * the retry: so a retry that finds the mark looks the task up before creating one, and links it
 * with what was sent as the state both sides agreed on.
 */
export interface CreateMark {
  siaTaskId: string;
  /** The fields the create sent: the merge base once the task is found. */
  fields: TaskFields;
  sentAt: string;
}

/** Marks creates as sent, before they go out; a mark left by an earlier attempt is replaced. */
export async function markCreatesSent(db: Db, userId: string, creates: ReadonlyArray<{ siaTaskId: string; fields: TaskFields }>, now: Date): Promise<void> {
  const sentAt = isoTime(now);
  const rows = creates.map((c) => ({ sia_task_id: c.siaTaskId, user_id: userId, fields_json: taskFieldsJson(c.fields), sent_at: sentAt }));
  await insertRows(db, 'create_marks', rows, (insert) =>
    insert.onConflict((oc) => oc.column('sia_task_id').doUpdateSet((eb) => ({ fields_json: eb.ref('excluded.fields_json'), sent_at: eb.ref('excluded.sent_at') }))),
  );
}

/** The marks of these SIA tasks, keyed by SIA task id (tasks without one are absent). */
export async function createMarksFor(db: Db, userId: string, siaTaskIds: readonly string[]): Promise<Map<string, CreateMark>> {
  const marks = new Map<string, CreateMark>();
  for (const slice of listsPerStatement([...new Set(siaTaskIds)])) {
    if (slice.length === 0) continue;
    const rows = await db.selectFrom('create_marks').selectAll().where('user_id', '=', userId).where('sia_task_id', 'in', slice).execute();
    for (const row of rows) marks.set(row.sia_task_id, { siaTaskId: row.sia_task_id, fields: parseTaskFieldsJson(row.fields_json), sentAt: row.sent_at });
  }
  return marks;
}

/** Drops the marks of these SIA tasks: their link is written, or no earlier attempt made anything. */
export async function dropCreateMarks(db: Db, userId: string, siaTaskIds: readonly string[]): Promise<void> {
  for (const slice of listsPerStatement([...new Set(siaTaskIds)])) {
    if (slice.length === 0) continue;
    await db.deleteFrom('create_marks').where('user_id', '=', userId).where('sia_task_id', 'in', slice).execute();
  }
}

import type { Selectable } from 'kysely';
import type { SiaTaskSnapshot } from '../sync/reconcile';
import { taskFieldNames, taskFieldsSchema, type TaskFields, type TaskPriority, type TaskStatus } from '../sync/task-fields';
import type { TasksTable } from './schema';
import { toJsonColumn } from './json-column';
import type { Localized } from '../i18n';
import { issueText } from '../i18n/zod-issues';

export type { TaskFields, TaskPriority, TaskStatus } from '../sync/task-fields';

export const taskOrigins = ['sia', 'salesforce'] as const;
export type TaskOrigin = (typeof taskOrigins)[number];

/** A SIA task: the synced fields (sync/task-fields.ts) plus bookkeeping. */
export interface Task extends TaskFields {
  id: string;
  userId: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  /** The user's change number that created it: tasks at or below the task-sync baseline are never pushed. */
  createdSeq: number;
  /** The change number of its latest write. */
  changeSeq: number;
  origin: TaskOrigin;
}

export class TaskValidationError extends RangeError {
  override readonly name = 'TaskValidationError';
  /** Each offending field, its message told in the reader's language; `message` holds them in English. */
  constructor(readonly problems: ReadonlyArray<{ field: string; message: Localized }>) {
    super(problems.map((p) => `${p.field}: ${p.message('en')}`).join('; '));
  }
}

/**
 * Validates and normalises fields with the sync's own rules (one-line trimmed name, empty details
 * as null, reminder to the whole second in UTC), so what is stored compares equal to what the
 * sync computes. Throws TaskValidationError.
 */
export function checkTaskFields(fields: TaskFields): TaskFields {
  const parsed = taskFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    throw new TaskValidationError(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'task', message: issueText(i) })));
  }
  return parsed.data;
}

/** Exact equality of stored (already normalised) fields. */
export function sameTaskFields(a: TaskFields, b: TaskFields): boolean {
  return taskFieldNames.every((field) => a[field] === b[field]);
}

export function taskFieldsOf(task: TaskFields): TaskFields {
  return {
    name: task.name,
    details: task.details,
    dueDate: task.dueDate,
    status: task.status,
    priority: task.priority,
    reminderAt: task.reminderAt,
  };
}

/** Canonical JSON (fixed key order), as kept in task_links.synced_json. */
export function taskFieldsJson(fields: TaskFields): string {
  return toJsonColumn(taskFieldsOf(fields));
}

export function parseTaskFieldsJson(json: string): TaskFields {
  return checkTaskFields(JSON.parse(json) as TaskFields);
}

export function toTask(row: Selectable<TasksTable>): Task {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    details: row.details,
    dueDate: row.due_date,
    status: row.status as TaskStatus,
    priority: row.priority as TaskPriority,
    reminderAt: row.reminder_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    createdSeq: row.created_seq,
    changeSeq: row.change_seq,
    origin: row.origin as TaskOrigin,
  };
}

/** The row a task is stored as (the inverse of toTask). */
export function taskRow(task: Task): Selectable<TasksTable> {
  return {
    id: task.id,
    user_id: task.userId,
    ...taskFieldColumns(task),
    created_at: task.createdAt,
    updated_at: task.updatedAt,
    deleted_at: task.deletedAt,
    created_seq: task.createdSeq,
    change_seq: task.changeSeq,
    origin: task.origin,
  };
}

export function taskFieldColumns(fields: TaskFields): Pick<TasksTable, 'name' | 'details' | 'due_date' | 'status' | 'priority' | 'reminder_at'> {
  return {
    name: fields.name,
    details: fields.details,
    due_date: fields.dueDate,
    status: fields.status,
    priority: fields.priority,
    reminder_at: fields.reminderAt,
  };
}

/** The task as the sync's reconcile functions take it. */
export function toSiaTaskSnapshot(task: Task): SiaTaskSnapshot {
  return task.deletedAt === null
    ? { id: task.id, createdSeq: task.createdSeq, deleted: false, fields: taskFieldsOf(task), updatedAt: task.updatedAt }
    : { id: task.id, createdSeq: task.createdSeq, deleted: true, deletedAt: task.deletedAt };
}

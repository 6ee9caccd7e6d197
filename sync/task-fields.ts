import { z } from 'zod';
import { formatInstant, isIsoDate, millisPerSecond, normalizeInstant, parseInstant, toWholeSecond } from './instants';
import { cleanText } from './clean-text';
import { fitText } from './text-limits';
import { messageKey } from '../i18n/zod-issues';

/**
 * The one shape in which an SIA task and a Salesforce Task are compared, merged and stored as
 * "last synced state" in the link table. Both sides are mapped into it; nothing else is compared.
 *
 * Normalisation (applied by `normalizeTaskFields`, and therefore by every comparison):
 * - name and details: cleaned of control characters and lone surrogates (see clean-text.ts).
 * - name: a one-line title. Line breaks become one space, then leading/trailing whitespace is
 *   trimmed: Salesforce's Subject is a single-line field and spaces at its ends carry no meaning,
 *   so "Call Ann " and "Call Ann" must not look like an edit and bounce between the systems.
 * - details: line endings become `\n` (Salesforce hands back `\r\n` from some clients); text
 *   that is empty or only whitespace becomes null (Salesforce stores an empty Description as
 *   null). Inner and trailing text is otherwise kept exactly.
 * - dueDate: a calendar date `YYYY-MM-DD`, never a time; kept as the string it is.
 * - reminderAt: an instant, always printed `YYYY-MM-DDTHH:mm:ss.000Z`: cut to the whole second,
 *   because Salesforce keeps datetimes to the second and a reminder finer than that means nothing.
 *
 * Comparisons also look at name and details only as far as Salesforce can hold them (255 and
 * 32,000 characters): an edit beyond the limit cannot reach Salesforce, so it is not a change,
 * and Salesforce's cut copy is not mistaken for an edit that should overwrite SIA's full text.
 */

export const taskFieldNames = ['name', 'details', 'dueDate', 'status', 'priority', 'reminderAt'] as const;
export type TaskFieldName = (typeof taskFieldNames)[number];

export const taskStatuses = ['open', 'complete'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export const taskPriorities = ['normal', 'high'] as const;
export type TaskPriority = (typeof taskPriorities)[number];

export interface TaskFields {
  readonly name: string;
  readonly details: string | null;
  /** Calendar date `YYYY-MM-DD`; a date without time, never shifted by a time zone. */
  readonly dueDate: string | null;
  readonly status: TaskStatus;
  readonly priority: TaskPriority;
  /** ISO-8601 UTC instant. */
  readonly reminderAt: string | null;
}

/** Field lengths Salesforce accepts (Subject, Description); SIA's are not shorter. */
export const taskFieldLimits = { name: 255, details: 32_000 } as const;

/** Validates task fields at an edge (store rows, activity inputs) and normalises them. */
export const taskFieldsSchema = z
  .object({
    name: z.string(),
    details: z.string().nullable(),
    dueDate: z.string().refine(isIsoDate, { error: messageKey('api.task.dueDate') }).nullable(),
    status: z.enum(taskStatuses),
    priority: z.enum(taskPriorities),
    reminderAt: z
      .string()
      .refine((s) => normalizeInstant(s) !== null, { error: messageKey('api.task.reminder') })
      .nullable(),
  })
  .transform((fields): TaskFields => normalizeTaskFields(fields));

export function normalizeName(name: string): string {
  return cleanText(name).replace(/\r\n|[\r\n]+/g, ' ').trim();
}

export function normalizeDetails(details: string | null): string | null {
  if (details === null) return null;
  const text = cleanText(details).replace(/\r\n?/g, '\n');
  return text.trim() === '' ? null : text;
}

/** Throws on a due date or reminder that is not what the type promises: that is a bug upstream. */
export function normalizeTaskFields(fields: TaskFields): TaskFields {
  if (fields.dueDate !== null && !isIsoDate(fields.dueDate)) throw new RangeError(`dueDate is not YYYY-MM-DD: ${JSON.stringify(fields.dueDate)}`);
  let reminderAt: string | null = null;
  if (fields.reminderAt !== null) {
    const ms = parseInstant(fields.reminderAt);
    if (ms !== null) reminderAt = formatInstant(toWholeSecond(ms) * millisPerSecond);
    if (reminderAt === null) throw new RangeError(`reminderAt is not an ISO-8601 instant: ${JSON.stringify(fields.reminderAt)}`);
  }
  return {
    name: normalizeName(fields.name),
    details: normalizeDetails(fields.details),
    dueDate: fields.dueDate,
    status: fields.status,
    priority: fields.priority,
    reminderAt,
  };
}

/** The fields as far as both systems can hold them: what comparisons look at. */
export function comparableTaskFields(fields: TaskFields): TaskFields {
  const n = normalizeTaskFields(fields);
  return {
    ...n,
    name: fitText(n.name, taskFieldLimits.name),
    details: n.details === null ? null : normalizeDetails(fitText(n.details, taskFieldLimits.details)),
  };
}

/** Whether one field holds the same value on both sides (after normalisation and limits). */
export function sameField(field: TaskFieldName, a: TaskFields, b: TaskFields): boolean {
  return comparableTaskFields(a)[field] === comparableTaskFields(b)[field];
}

export function taskFieldsEqual(a: TaskFields, b: TaskFields): boolean {
  const ca = comparableTaskFields(a);
  const cb = comparableTaskFields(b);
  return taskFieldNames.every((f) => ca[f] === cb[f]);
}

/** A subset of the fields, keeping each one's type. */
export type TaskFieldsPatch = { -readonly [K in TaskFieldName]?: TaskFields[K] };

export function pickTaskFields(fields: TaskFields, names: readonly TaskFieldName[]): TaskFieldsPatch {
  const patch: TaskFieldsPatch = {};
  for (const name of names) copyField(patch, fields, name);
  return patch;
}

export function applyTaskFieldsPatch(fields: TaskFields, patch: TaskFieldsPatch): TaskFields {
  const result = { ...fields };
  for (const name of taskFieldNames) if (patch[name] !== undefined) copyField(result, patch, name);
  return result;
}

function copyField(target: TaskFieldsPatch, source: TaskFieldsPatch | TaskFields, name: TaskFieldName): void {
  (target as Record<TaskFieldName, unknown>)[name] = (source as Partial<TaskFields>)[name];
}

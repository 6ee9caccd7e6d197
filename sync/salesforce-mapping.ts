import { formatInstant, isIsoDate, parseInstant } from './instants';
import { normalizeDetails, normalizeName, normalizeTaskFields, taskFieldLimits, type TaskFields } from './task-fields';
import { cutText } from './text-limits';

/**
 * Salesforce Task record ⇄ TaskFields. The rules (also in sync/MAPPING.md):
 *
 * - Status: SIA `complete` ⇔ SF closed. Reading, `IsClosed` decides (orgs may add their own
 *   closed values), so In Progress, Waiting on someone else and Deferred read as `open`.
 *   Writing `open` keeps an open SF status as it is (In Progress is not flattened to Not
 *   Started); `open` on a closed task writes Not Started; `complete` writes Completed unless
 *   the task is already closed (an org's own closed value is kept).
 * - Priority: High ⇔ `high`; Normal, Low (and any other value) read as `normal`. Writing
 *   `normal` keeps Low (or any non-High value); `high` writes High; new tasks get Normal.
 * - Subject ⇔ name, cut to 255; Description ⇔ details, cut to 32,000. Every cut is returned in
 *   `cuts` so the caller can log it. An empty SIA name writes no Subject (null): Subject is
 *   optional in Salesforce, and an invented "(no subject)" would come back as an edit of the
 *   name. A null Subject reads as the empty name.
 * - ActivityDate ⇔ dueDate: the `YYYY-MM-DD` string is copied, never turned into a Date, so no
 *   time zone can move the day.
 * - IsReminderSet + ReminderDateTime ⇔ reminderAt: a reminder exists only when IsReminderSet is
 *   true; turning it off writes IsReminderSet false and ReminderDateTime null. Instants are read
 *   into `…sss Z` ISO form and written in Salesforce's `…sss+0000` form.
 * - Only fields that differ from the current record are written (compared after the
 *   normalisation of task-fields.ts), so a no-op sync costs no API call and changes no
 *   LastModifiedDate.
 */

/** The Task fields the sync reads (SELECT list). */
export const salesforceTaskFields = [
  'Id',
  'Subject',
  'Status',
  'Priority',
  'ActivityDate',
  'Description',
  'IsReminderSet',
  'ReminderDateTime',
  'IsClosed',
  'IsDeleted',
  'OwnerId',
  'SIA_Task_Id__c',
  'TaskSubtype',
  'SystemModstamp',
  'LastModifiedDate',
  'CreatedDate',
] as const;

/** A Task as SF REST returns it; datetimes look like `2024-01-15T10:30:00.000+0000`. */
export interface SfTask {
  Id: string;
  Subject: string | null;
  Status: string;
  Priority: string;
  /** `YYYY-MM-DD` */
  ActivityDate: string | null;
  Description: string | null;
  IsReminderSet: boolean;
  ReminderDateTime: string | null;
  IsClosed: boolean;
  IsDeleted: boolean;
  OwnerId: string;
  /** External id: the SIA task a Task was created from (upsert key). Null for tasks made in SF. */
  SIA_Task_Id__c: string | null;
  /** Email, ListEmail, Call, Cadence or Task; logged activities are not to-dos. Optional in older API versions. */
  TaskSubtype?: string | null;
  SystemModstamp: string;
  LastModifiedDate: string;
  CreatedDate: string;
}

const salesforceStatus = { notStarted: 'Not Started', completed: 'Completed' } as const;
const salesforcePriority = { high: 'High', normal: 'Normal' } as const;

/** The writable fields the mapping produces. */
export type SfTaskWrite = Partial<Pick<SfTask, 'Subject' | 'Status' | 'Priority' | 'ActivityDate' | 'Description' | 'IsReminderSet' | 'ReminderDateTime'>>;

export interface FieldCut {
  field: 'Subject' | 'Description';
  originalLength: number;
  keptLength: number;
}

export interface SalesforceWrite {
  /** Only the fields to send; empty when the record already matches. */
  fields: SfTaskWrite;
  cuts: FieldCut[];
}

export function fromSalesforce(record: SfTask): TaskFields {
  if (record.ActivityDate !== null && !isIsoDate(record.ActivityDate)) throw new RangeError(`Task ${record.Id}: ActivityDate is not YYYY-MM-DD: ${record.ActivityDate}`);
  return normalizeTaskFields({
    name: record.Subject ?? '',
    details: record.Description,
    dueDate: record.ActivityDate,
    status: record.IsClosed ? 'complete' : 'open',
    priority: record.Priority === salesforcePriority.high ? 'high' : 'normal',
    reminderAt: record.IsReminderSet && record.ReminderDateTime !== null ? fromSalesforceDateTime(record.ReminderDateTime) : null,
  });
}

/**
 * The SF fields to write so that `current` shows `fields`; without `current` (a create) every
 * mapped field is given.
 */
export function toSalesforce(fields: TaskFields, current?: SfTask): SalesforceWrite {
  const f = normalizeTaskFields(fields);
  const out: SfTaskWrite = {};
  const cuts: FieldCut[] = [];

  const subject = cutText(f.name, taskFieldLimits.name);
  if (subject.cut) cuts.push({ field: 'Subject', originalLength: subject.originalLength, keptLength: subject.text.length });
  const wantSubject = subject.text === '' ? null : subject.text;
  if (!current || normalizeName(current.Subject ?? '') !== normalizeName(wantSubject ?? '')) out.Subject = wantSubject;

  let wantDescription: string | null = null;
  if (f.details !== null) {
    const description = cutText(f.details, taskFieldLimits.details);
    if (description.cut) cuts.push({ field: 'Description', originalLength: description.originalLength, keptLength: description.text.length });
    wantDescription = normalizeDetails(description.text);
  }
  if (!current || normalizeDetails(current.Description) !== wantDescription) out.Description = wantDescription;

  if (!current || current.ActivityDate !== f.dueDate) out.ActivityDate = f.dueDate;

  const status = statusToWrite(f.status, current);
  if (status !== undefined) out.Status = status;

  const priority = priorityToWrite(f.priority, current);
  if (priority !== undefined) out.Priority = priority;

  Object.assign(out, reminderToWrite(f.reminderAt, current));
  return { fields: out, cuts };
}

/** A create: every mapped field plus the external id that makes a retried create an upsert. */
export function toSalesforceCreate(fields: TaskFields, siaTaskId: string): SalesforceWrite & { externalId: { SIA_Task_Id__c: string } } {
  return { ...toSalesforce(fields), externalId: { SIA_Task_Id__c: siaTaskId } };
}

function statusToWrite(status: TaskFields['status'], current: SfTask | undefined): string | undefined {
  if (status === 'complete') return current?.IsClosed ? undefined : salesforceStatus.completed;
  if (!current) return salesforceStatus.notStarted;
  return current.IsClosed ? salesforceStatus.notStarted : undefined;
}

function priorityToWrite(priority: TaskFields['priority'], current: SfTask | undefined): string | undefined {
  if (!current) return priority === 'high' ? salesforcePriority.high : salesforcePriority.normal;
  const isHigh = current.Priority === salesforcePriority.high;
  if (priority === 'high') return isHigh ? undefined : salesforcePriority.high;
  return isHigh ? salesforcePriority.normal : undefined;
}

function reminderToWrite(reminderAt: string | null, current: SfTask | undefined): SfTaskWrite {
  if (reminderAt === null) {
    if (current && !current.IsReminderSet) return {};
    return { IsReminderSet: false, ReminderDateTime: null };
  }
  const out: SfTaskWrite = {};
  if (!current || !current.IsReminderSet) out.IsReminderSet = true;
  const currentAt = current?.ReminderDateTime ? parseInstant(current.ReminderDateTime) : null;
  if (!current || !current.IsReminderSet || currentAt !== parseInstant(reminderAt)) out.ReminderDateTime = toSalesforceDateTime(reminderAt);
  return out;
}

/** Any ISO-8601 instant → Salesforce's REST form `2024-01-15T10:30:00.000+0000` (UTC). */
export function toSalesforceDateTime(iso: string): string {
  const ms = parseInstant(iso);
  if (ms === null) throw new RangeError(`Not an ISO-8601 instant: ${JSON.stringify(iso)}`);
  return formatInstant(ms).replace(/Z$/, '+0000');
}

/** Salesforce's `2024-01-15T10:30:00.000+0000` (or any ISO-8601 instant) → `2024-01-15T10:30:00.000Z`. */
export function fromSalesforceDateTime(text: string): string {
  const ms = parseInstant(text);
  if (ms === null) throw new RangeError(`Not a Salesforce datetime: ${JSON.stringify(text)}`);
  return formatInstant(ms);
}

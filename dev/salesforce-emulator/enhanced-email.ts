/**
 * What Salesforce does around an email logged as an EmailMessage (Enhanced Email):
 *
 * - Inserting an EmailMessage creates its Task ("task records are generated for each
 *   EmailMessage record", Salesforce Help) and links it by ActivityId, which callers cannot set
 *   (it can be given only for case emails; cases are not emulated). The Task: owned by the
 *   creator, TaskSubtype and Type Email, Status the first closed Task status, WhatId the
 *   message's RelatedToId. Subject, ActivityDate and Description are this emulator's reading
 *   (README: "Facts not confirmed").
 * - The first Contact or Lead related to the message (EmailMessageRelation) becomes the Task's
 *   WhoId; a Task has one WhoId here (no Shared Activities / TaskRelation).
 * - A message that is not a draft (Status 5) keeps its fields: only IsExternallyVisible may
 *   change, and Status from New (0) to Read (1). Its relations cannot be repointed either.
 */
import { toSfDate } from './clock';
import { SfError } from './errors';
import { objectByKeyPrefix, TASK_STATUSES, type ObjectDef } from './schema';

type Fields = Record<string, unknown>;

/** The few OrgStore operations the behaviour needs, as the writing user. */
export interface EmailStorePort {
  createTask(fields: Fields): string;
  updateTask(taskId: string, fields: Fields): void;
  /** A live record of the org by id, any owner. */
  lookup(id: string): Fields | undefined;
}

const DRAFT = '5';
const NEW = '0';
const READ = '1';
const SUBJECT_LENGTH = 255;
const DESCRIPTION_LENGTH = 32_000;

const readOnlyEmail = (fields: string[] = []): SfError => new SfError(400, 'INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id', fields);

/** Runs before a record of `def` is stored (its checks passed); may fill fields of `record`. */
export function beforeEmailInsert(def: ObjectDef, record: Fields, nowMs: number, store: EmailStorePort): void {
  if (def.name === 'EmailMessage') {
    if (record.ActivityId != null) throw readOnlyEmail(['ActivityId']);
    record.ActivityId = store.createTask(activityFor(record, nowMs));
    return;
  }
  if (def.name === 'EmailMessageRelation') {
    const message = typeof record.EmailMessageId === 'string' ? store.lookup(record.EmailMessageId) : undefined;
    const taskId = message?.ActivityId;
    const who = typeof record.RelationId === 'string' ? record.RelationId : undefined;
    const whoType = who ? objectByKeyPrefix(who)?.name : undefined;
    if (typeof taskId !== 'string' || !who || (whoType !== 'Contact' && whoType !== 'Lead')) return;
    if (store.lookup(taskId)?.WhoId == null) store.updateTask(taskId, { WhoId: who });
  }
}

/** Refuses a change Salesforce does not allow on a sent or received message and its relations. */
export function checkEmailUpdate(def: ObjectDef, prev: Fields, input: Fields, store: EmailStorePort): void {
  if (def.name === 'EmailMessage') {
    if (prev.Status === DRAFT) return;
    for (const [field, value] of Object.entries(input)) {
      if (field === 'IsExternallyVisible' || value === prev[field]) continue;
      if (field === 'Status' && prev.Status === NEW && value === READ) continue;
      throw readOnlyEmail();
    }
    return;
  }
  if (def.name === 'EmailMessageRelation') {
    const message = typeof prev.EmailMessageId === 'string' ? store.lookup(prev.EmailMessageId) : undefined;
    if (message && message.Status !== DRAFT && 'RelationId' in input && input.RelationId !== prev.RelationId) throw readOnlyEmail();
  }
}

function activityFor(message: Fields, nowMs: number): Fields {
  const subject = typeof message.Subject === 'string' ? message.Subject : '';
  const body = typeof message.TextBody === 'string' ? message.TextBody : null;
  const sent = typeof message.MessageDate === 'string' ? Date.parse(message.MessageDate) : NaN;
  return {
    Subject: `Email: ${subject}`.replace(/[\r\n]+/g, ' ').trimEnd().slice(0, SUBJECT_LENGTH),
    Type: 'Email',
    TaskSubtype: 'Email',
    Status: TASK_STATUSES.find((s) => s.closed)?.value,
    ActivityDate: toSfDate(Number.isNaN(sent) ? nowMs : sent),
    Description: body === null ? null : body.slice(0, DESCRIPTION_LENGTH),
    ...(typeof message.RelatedToId === 'string' ? { WhatId: message.RelatedToId } : {}),
  };
}

/**
 * Fields Salesforce computes and nobody may write: IsClosed from the status, Name from the
 * name parts, the Task's AccountId from what it is linked to, an email relation's object type
 * (and its address, when none was given) from the record it names.
 */
import { toSfDateTime } from './clock';
import { objectByKeyPrefix, OPPORTUNITY_STAGES, TASK_STATUSES } from './schema';

type Fields = Record<string, unknown>;
/** Reads another record of the org by id (for the Task's AccountId). */
export type Lookup = (id: string) => Fields | undefined;

const fullName = (r: Fields): string | null =>
  [r.FirstName, r.LastName].filter((p) => typeof p === 'string' && p !== '').join(' ') || null;

function taskAccountId(r: Fields, lookup: Lookup): string | null {
  const what = typeof r.WhatId === 'string' ? r.WhatId : undefined;
  const whatType = what ? objectByKeyPrefix(what)?.name : undefined;
  if (what && whatType === 'Account') return what;
  if (what && whatType === 'Opportunity') return (lookup(what)?.AccountId as string | null | undefined) ?? null;
  const who = typeof r.WhoId === 'string' ? r.WhoId : undefined;
  if (who && objectByKeyPrefix(who)?.name === 'Contact') return (lookup(who)?.AccountId as string | null | undefined) ?? null;
  return null;
}

/** Recomputes the derived fields of `next` in place; `prev` is the record before the change. */
export function derive(sobject: string, next: Fields, prev: Fields | undefined, nowMs: number, lookup: Lookup): void {
  switch (sobject) {
    case 'Task': {
      const closed = TASK_STATUSES.find((s) => s.value === next.Status)?.closed === true;
      next.IsClosed = closed;
      next.IsHighPriority = next.Priority === 'High';
      next.IsArchived = next.IsArchived ?? false;
      if (!closed) next.CompletedDateTime = null;
      else if (!prev || prev.IsClosed !== true || !next.CompletedDateTime) next.CompletedDateTime = toSfDateTime(nowMs);
      next.AccountId = taskAccountId(next, lookup);
      break;
    }
    case 'Contact':
    case 'Lead':
    case 'User':
      next.Name = fullName(next);
      break;
    case 'EmailMessageRelation': {
      const relation = typeof next.RelationId === 'string' ? next.RelationId : undefined;
      next.RelationObjectType = relation ? (objectByKeyPrefix(relation)?.name ?? null) : null;
      // "If the value is not set, it is auto-populated from RelationId": the record's email as it is now.
      if (relation && (next.RelationAddress === null || next.RelationAddress === undefined)) next.RelationAddress = lookup(relation)?.Email ?? null;
      break;
    }
    case 'Opportunity': {
      const stage = OPPORTUNITY_STAGES.find((s) => s.value === next.StageName);
      next.IsClosed = stage?.closed === true;
      next.IsWon = stage?.won === true;
      break;
    }
    default:
      break;
  }
}

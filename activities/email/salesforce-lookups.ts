import type { Candidate } from '../../sync/email-matching';
import { soqlDate, soqlDateTime, soqlString, soqlStringList } from '../../sync/soql-literals';
import { chunks, type SalesforceClient } from '../salesforce/client';

/**
 * The queries API logging makes, each batched (`IN (...)`), values escaped as SOQL literals.
 * 100 values per IN keeps a query well inside the URL length Salesforce accepts for GET.
 */
const inBatch = 100;

interface PersonRow {
  Id: string;
  Email: string | null;
  CreatedDate: string;
}

/** Contacts and (unconverted) Leads whose Email is one of the addresses. */
export async function findPeople(sf: SalesforceClient, addresses: readonly string[], which: { contacts: boolean; leads: boolean }): Promise<Candidate[]> {
  const found: Candidate[] = [];
  for (const batch of chunks(addresses, inBatch)) {
    if (which.contacts) {
      const rows = await sf.queryEvery<PersonRow>(`SELECT Id, Email, CreatedDate FROM Contact WHERE Email IN ${soqlStringList(batch)}`);
      found.push(...rows.map((r) => toCandidate(r, 'Contact')));
    }
    if (which.leads) {
      const rows = await sf.queryEvery<PersonRow>(`SELECT Id, Email, CreatedDate FROM Lead WHERE Email IN ${soqlStringList(batch)} AND IsConverted = false`);
      found.push(...rows.map((r) => toCandidate(r, 'Lead')));
    }
  }
  return found;
}

function toCandidate(row: PersonRow, type: Candidate['type']): Candidate {
  return { id: row.Id, email: row.Email ?? '', type, createdDate: row.CreatedDate };
}

/**
 * Fills `lastActivityDate` the way Salesforce defines LastActivityDate for tasks: the latest
 * ActivityDate of a closed Task on the record. Read from Tasks (only those the user can see)
 * because not every org exposes LastActivityDate through the API the same way; one query, made
 * only when an address has several candidates.
 */
export async function withLastActivity(sf: SalesforceClient, candidates: Candidate[]): Promise<Candidate[]> {
  const latest = new Map<string, string>();
  for (const batch of chunks(candidates.map((c) => c.id), inBatch)) {
    const rows = await sf.queryEvery<{ WhoId: string; ActivityDate: string }>(
      `SELECT WhoId, ActivityDate FROM Task WHERE WhoId IN ${soqlStringList(batch)} AND IsClosed = true AND ActivityDate != null`,
    );
    for (const row of rows) {
      const before = latest.get(row.WhoId);
      if (before === undefined || row.ActivityDate > before) latest.set(row.WhoId, row.ActivityDate);
    }
  }
  return candidates.map((c) => ({ ...c, lastActivityDate: latest.get(c.id) ?? null }));
}

/** Per contact, the open opportunities where the contact has a contact role, oldest role first. */
export async function openOpportunitiesByContact(sf: SalesforceClient, contactIds: readonly string[]): Promise<Map<string, string[]>> {
  const byContact = new Map<string, string[]>();
  for (const batch of chunks(contactIds, inBatch)) {
    const rows = await sf.queryEvery<{ ContactId: string; OpportunityId: string }>(
      `SELECT ContactId, OpportunityId FROM OpportunityContactRole WHERE ContactId IN ${soqlStringList(batch)} AND Opportunity.IsClosed = false ORDER BY CreatedDate, Id`,
    );
    for (const row of rows) {
      const list = byContact.get(row.ContactId) ?? [];
      if (!list.includes(row.OpportunityId)) list.push(row.OpportunityId);
      byContact.set(row.ContactId, list);
    }
  }
  return byContact;
}

export interface EarlierWrite {
  Id: string;
  WhoId: string | null;
  WhatId: string | null;
  Description: string | null;
}

/**
 * Tasks an earlier attempt for the same email may have created before its answer was lost: the
 * user's email Tasks with this subject, type and date on these people, created since that
 * attempt began (with ten minutes' slack for clocks). The caller compares the Description too.
 */
export async function findEarlierWrites(
  sf: SalesforceClient,
  match: { ownerId: string; type: string; subject: string; activityDate: string; createdSince: string; whoIds: readonly string[] },
): Promise<EarlierWrite[]> {
  const since = soqlDateTime(new Date(Date.parse(match.createdSince) - 10 * 60_000).toISOString(), { truncate: true });
  const found: EarlierWrite[] = [];
  for (const batch of chunks(match.whoIds, inBatch)) {
    found.push(
      ...(await sf.queryEvery<EarlierWrite>(
        `SELECT Id, WhoId, WhatId, Description FROM Task WHERE OwnerId = ${soqlString(match.ownerId)} AND TaskSubtype = 'Email' AND Type = ${soqlString(match.type)}` +
          ` AND Subject = ${soqlString(match.subject)} AND ActivityDate = ${soqlDate(match.activityDate)} AND CreatedDate >= ${since} AND WhoId IN ${soqlStringList(batch)}`,
      )),
    );
  }
  return found;
}

/** An EmailMessage the user logged before (an earlier attempt, or another logging of the same email). */
export interface LoggedMessage {
  Id: string;
  RelatedToId: string | null;
}

/**
 * The user's EmailMessage for this email, oldest first: by its Message-ID; an email without one
 * by subject, among the user's messages without a Message-ID created since `createdSince`.
 * EmailMessage has no owner field: its creator is the user who logged it.
 */
export function findLoggedMessages(
  sf: SalesforceClient,
  match: { createdById: string } & ({ messageIdentifier: string } | { messageIdentifier: null; subject: string | null; createdSince: string }),
): Promise<LoggedMessage[]> {
  const by =
    match.messageIdentifier === null
      ? `MessageIdentifier = null AND Subject = ${match.subject === null ? 'null' : soqlString(match.subject)} AND CreatedDate >= ${soqlDateTime(match.createdSince, { truncate: true })}`
      : `MessageIdentifier = ${soqlString(match.messageIdentifier)}`;
  return sf.queryEvery<LoggedMessage>(`SELECT Id, RelatedToId FROM EmailMessage WHERE ${by} AND CreatedById = ${soqlString(match.createdById)} ORDER BY CreatedDate, Id`);
}

export interface RelationRow {
  Id: string;
  RelationId: string | null;
  RelationType: string;
}

/** The relations a message has (to Contacts, Leads, Users and bare addresses). */
export function relationsOf(sf: SalesforceClient, emailMessageId: string): Promise<RelationRow[]> {
  return sf.queryEvery<RelationRow>(`SELECT Id, RelationId, RelationType FROM EmailMessageRelation WHERE EmailMessageId = ${soqlString(emailMessageId)}`);
}

/**
 * Logs one accepted email for one user as Salesforce's Email to Salesforce does: a completed
 * email Task on each matched Contact/Lead (and on each open Opportunity where a matched contact
 * has a role), or an open Task in My Unresolved Items when nothing matches.
 */
import { toSfDate } from '../clock';
import type { OrgUser } from '../org-model';
import { findWhoMatches, openOpportunitiesWithRole } from './match-records';
import { selectRecipients } from './recipients';
import type { EmailToSalesforceStore } from './store-port';
import { taskDescription, taskSubject, type EmailContent } from './task-content';

export interface LoggedTask {
  id: string;
  whoId: string | null;
  whatId: string | null;
  status: string;
}

export interface LogResult {
  tasks: LoggedTask[];
  /** Addresses looked up (To then Cc, unique, at most 50). */
  considered: string[];
  /** Unique addresses past the 50th, not looked up. */
  ignored: string[];
  /** Nothing matched: the Task went to My Unresolved Items. */
  unresolved: boolean;
}

export interface IncomingEmail extends EmailContent {
  /** The Date header, or the time of receipt without one. */
  sentAtMs: number;
}

export function logEmail(store: EmailToSalesforceStore, user: OrgUser, email: IncomingEmail): LogResult {
  const settings = store.getEmailToSalesforceSettings(user.orgId);
  const { considered, ignored } = selectRecipients(email.to, email.cc, (a) => store.findUserByEmailToSalesforceAddress(a) !== undefined);
  const whos = findWhoMatches(store, user.orgId, considered, settings.multipleMatch);

  const base = {
    OwnerId: user.id,
    Subject: taskSubject(email.subject),
    Type: 'Email',
    TaskSubtype: 'Email',
    Priority: 'Normal',
    // A date without time; the emulator takes the UTC day of the Date header.
    ActivityDate: toSfDate(email.sentAtMs),
    Description: taskDescription(email),
  };
  const create = (fields: Record<string, unknown>): LoggedTask => {
    const id = String(store.createRecord(user.orgId, user.id, 'Task', { ...base, ...fields }).Id);
    return { id, whoId: (fields.WhoId as string | undefined) ?? null, whatId: (fields.WhatId as string | undefined) ?? null, status: String(fields.Status) };
  };

  if (whos.length === 0) {
    // My Unresolved Items: an open Task the user assigns by hand, linked to nothing yet.
    return { tasks: [create({ Status: 'Not Started' })], considered, ignored, unresolved: true };
  }

  // One Task per matched person; a contact's Task also goes on each open opportunity where the
  // contact has a role (a Task has one WhatId, so a further opportunity gets its own Task).
  // An opportunity reached through two matched contacts is logged once.
  const tasks: LoggedTask[] = [];
  const loggedOpportunities = new Set<string>();
  const seenWhos = new Set<string>();
  for (const who of whos) {
    if (seenWhos.has(who.id)) continue;
    seenWhos.add(who.id);
    const opps = who.sobject === 'Contact' ? openOpportunitiesWithRole(store, user.orgId, who.id).filter((o) => !loggedOpportunities.has(o)) : [];
    if (opps.length === 0) tasks.push(create({ Status: 'Completed', WhoId: who.id }));
    for (const opp of opps) {
      loggedOpportunities.add(opp);
      tasks.push(create({ Status: 'Completed', WhoId: who.id, WhatId: opp }));
    }
  }
  return { tasks, considered, ignored, unresolved: false };
}

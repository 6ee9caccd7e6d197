import { renderSubject } from '../../sync/email-subject';
import { cutText } from '../../sync/text-limits';

/**
 * The Tasks one email becomes (API logging), as plain data.
 *
 * - One Task per matched Contact/Lead (`WhoId`). With opportunity linking, a contact's Task goes
 *   on each open opportunity where the contact has a role (`WhatId`; a Task has one WhatId, so a
 *   second opportunity gets its own Task), and an opportunity reached through two contacts is
 *   logged once: the same spread as Salesforce's Email to Salesforce.
 * - Type `Email` (replies `Reply`), TaskSubtype `Email` (so the task sync knows it is a logged
 *   activity, not a to-do), Status Completed, Priority Normal.
 * - Subject from the admin's template; Description the text body cut to 32,000 characters.
 * - ActivityDate is the calendar date of the Date header in UTC, copied as `YYYY-MM-DD`
 *   (Salesforce stores a date without a time; no user time zone is applied). An email without a
 *   readable Date takes the UTC day it was handed over.
 */

const maxDescriptionLength = 32_000;

export interface PlannedTask {
  whoId: string;
  whatId: string | null;
}

export function planTasks(whoIds: readonly string[], openOpportunities: ReadonlyMap<string, readonly string[]>): PlannedTask[] {
  const planned: PlannedTask[] = [];
  const logged = new Set<string>();
  for (const whoId of whoIds) {
    const opportunities = (openOpportunities.get(whoId) ?? []).filter((id) => !logged.has(id));
    if (opportunities.length === 0) planned.push({ whoId, whatId: null });
    for (const whatId of opportunities) {
      logged.add(whatId);
      planned.push({ whoId, whatId });
    }
  }
  return planned;
}

export interface TaskContent {
  type: 'Email' | 'Reply';
  subject: string;
  description: string;
  activityDate: string;
  subjectCut: boolean;
  descriptionCut: boolean;
}

export function taskContent(input: { template: string; subject: string; text: string; isReply: boolean; sentAt: string | null; handedOverAt: string }): TaskContent {
  const type = input.isReply ? 'Reply' : 'Email';
  const subject = renderSubject(input.template, { activityType: type, activitySubject: input.subject });
  const description = cutText(input.text, maxDescriptionLength);
  return {
    type,
    subject: subject.subject,
    description: description.text,
    activityDate: (input.sentAt ?? input.handedOverAt).slice(0, 10),
    subjectCut: subject.cut,
    descriptionCut: description.cut,
  };
}

export function taskRecord(content: TaskContent, task: PlannedTask): Record<string, unknown> {
  return {
    Subject: content.subject,
    Type: content.type,
    TaskSubtype: 'Email',
    Status: 'Completed',
    Priority: 'Normal',
    ActivityDate: content.activityDate,
    Description: content.description === '' ? null : content.description,
    WhoId: task.whoId,
    ...(task.whatId === null ? {} : { WhatId: task.whatId }),
  };
}

/** Salesforce ids compare on their first 15 characters (the rest is a case checksum). */
export function sameTask(a: PlannedTask, b: { WhoId: string | null; WhatId: string | null }): boolean {
  return id15(a.whoId) === id15(b.WhoId) && id15(a.whatId) === id15(b.WhatId);
}

/** Salesforce may give back line ends as CRLF and drops trailing blanks: compare without them. */
export function sameDescription(ours: string, theirs: string | null): boolean {
  const norm = (s: string) => s.replace(/\r\n?/g, '\n').trimEnd();
  return norm(ours) === norm(theirs ?? '');
}

function id15(id: string | null): string {
  return (id ?? '').slice(0, 15);
}

import { log } from '@temporalio/activity';
import { getEmailSubjectTemplate, getUser, ownAddressesOf, setEmailStatus } from '../../store';
import { ownAddressSet, peopleToLogOn } from '../../sync/email-direction';
import { matchRecipients, normalizeAddress, type LeadDraft, type MatchResult } from '../../sync/email-matching';
import { emailMessageRecord, planRelations } from '../../sync/email-message';
import { defaultSubjectTemplate } from '../../sync/email-subject';
import { chunks, type SalesforceClient } from '../salesforce/client';
import type { AccountClient } from '../salesforce/connections';
import { withSalesforce, type SalesforceDeps } from '../salesforce/with-salesforce';
import { emailProblem, type EmailProblem } from '../../contract/email-problems';
import { writeEmailMessage } from './email-message-writes';
import { loadEmail } from './load-email';
import type { ParsedEmail } from '../../mail/parse-email';
import { refusal, throwIfPassing, type Refusal } from './refusals';
import { findEarlierWrites, findPeople, openOpportunitiesByContact, withLastActivity } from './salesforce-lookups';
import { planTasks, sameDescription, sameTask, taskContent, taskRecord, type PlannedTask, type TaskContent } from './task-plan';
import { markWriting } from './writing-mark';
import type { ApiLoggingInput, EmailOutcome, EmailStatusDetail } from '../../contract/email';
import { nextStep } from '../heartbeat';

/**
 * Logs one email as Salesforce Tasks through the API: match To+Cc (for a reply the user
 * received: its sender and Cc, see sync/email-direction.ts) against Contacts and Leads,
 * create Leads where the rules say so, find open opportunities, create the Tasks, and write
 * where they went (or why not) on the stored email.
 *
 * No duplicates after a lost answer, without an external id: the email's row records when Task
 * writing began; an attempt that finds that mark first looks for the Tasks the earlier attempt
 * may have created (same owner, subject, type, date, person and body, created since the mark)
 * and creates only the missing ones. The Task external id (SIA_Task_Id__c) is not used: the
 * task sync reads it as "a SIA task", and a logged email is not one. Leads need no mark: the
 * next attempt's match finds a Lead the lost attempt created, and logs on it.
 *
 * Log as Email (the user's choice): the same people and opportunity, written as one EmailMessage
 * with a relation per person instead (email-message-writes.ts; Salesforce adds the activity).
 * An org without Enhanced Email refuses EmailMessage; the email is then logged as Tasks and its
 * status carries a note saying why. Falling back here rather than refusing the choice when the
 * settings are saved: Enhanced Email can be switched off (or the profile's access to email
 * messages taken away) at any time after a save, so logging has to meet it anyway; a save-time
 * check would tie saving settings to Salesforce being reachable; and the user's first wish is the
 * email logged, which a Task still does, with the note and its fix in plain sight.
 */

export async function logThroughApi(deps: SalesforceDeps, input: ApiLoggingInput): Promise<EmailOutcome> {
  const { email, parsed } = await loadEmail(deps.store, input);
  const user = await getUser(deps.store.db, input.userId);
  return withSalesforce(deps, { userId: input.userId }, async (sf) => {
    // A sent email's From is the user's too, whichever address it was sent from; a received reply's From is the person to log on.
    const own = [...(user ? ownAddressesOf(user) : []), ...(input.received ? [] : [parsed.from?.address])].filter((a): a is string => !!a);
    const senderAddresses = [...ownAddressSet(own)];
    const detail = await logOn(deps, sf, { ...input, parsed, senderAddresses, handedOverAt: email.createdAt });
    const status = detail.tasks?.length || detail.emailMessage ? 'logged' : detail.refusals?.length ? 'failed' : 'skipped';
    await setEmailStatus(deps.store.db, input.emailId, status, detail, deps.now());
    const written = detail.loggedAs === 'email' ? { loggedAs: detail.loggedAs } : { tasks: detail.tasks?.length ?? 0, ...(detail.loggedAs ? { loggedAs: detail.loggedAs } : {}) };
    return { status, summary: detail.summary, via: 'api', ...written, problem: detail.problem, stored: true };
  });
}

interface LogInput extends ApiLoggingInput {
  parsed: ParsedEmail;
  senderAddresses: string[];
  handedOverAt: string;
}

async function logOn(deps: SalesforceDeps, sf: AccountClient, input: LogInput): Promise<EmailStatusDetail> {
  const { parsed, rules } = input;
  const base = { via: 'api' as const, reply: input.isReply, ...(input.received ? { received: true } : {}) };
  const people = peopleToLogOn(parsed, input.received ?? false);
  const recipients = matchRecipients({ ...people, candidates: [], settings: rules, senderAddresses: input.senderAddresses }).recipients;
  if (recipients.length === 0) return skipped(base, emailProblem('NO_RECIPIENTS'));

  // Leads are read when a lead may be created too, so an existing one is never created twice.
  let candidates = await findPeople(sf, recipients, { contacts: rules.logToContacts, leads: rules.logToLeads || rules.noMatch === 'create_lead' });
  if (rules.multipleMatches === 'most_recent_activity' && sharesAnAddress(candidates)) candidates = await withLastActivity(sf, candidates);
  const match = matchRecipients({ ...people, candidates, settings: rules, senderAddresses: input.senderAddresses });

  // With "log to Leads" off an existing Lead is not logged on, and not duplicated either.
  const leadAddresses = new Set(candidates.filter((c) => c.type === 'Lead').map((c) => normalizeAddress(c.email)));
  const drafts = match.leadsToCreate.filter((d) => !leadAddresses.has(d.email));
  const unmatched = [...match.unmatched, ...match.leadsToCreate.filter((d) => leadAddresses.has(d.email)).map((d) => d.email)];
  const leads = await createLeads(sf, drafts);

  const whoIds = [...match.whoIds, ...leads.created.map((l) => l.id)];
  const contactIds = candidates.filter((c) => c.type === 'Contact' && whoIds.includes(c.id)).map((c) => c.id);
  const opportunities = rules.linkOpenOpportunities && contactIds.length ? await openOpportunitiesByContact(sf, contactIds) : new Map<string, string[]>();
  const planned = planTasks(whoIds, opportunities);

  const context = { ...base, leadsCreated: leads.created, unmatched, overLimit: match.overLimit };
  if (planned.length === 0) {
    if (leads.refusals.length) return { ...context, summary: `Not logged: Salesforce refused the new lead (${leads.refusals[0]?.code})`, refusals: leads.refusals, problem: leads.refusals[0] };
    return skipped(context, emailProblem('NO_MATCHING_RECORD'));
  }

  let note: EmailProblem | undefined;
  if (rules.logAs === 'email') {
    const matched = [...match.matches, ...leads.created.map((l) => ({ address: l.email, whoIds: [l.id] }))];
    const asEmail = await logAsEmailMessage(deps, sf, input, { matched, relatedToId: planned.find((p) => p.whatId !== null)?.whatId ?? null });
    if (asEmail) {
      const refusals = [...leads.refusals, ...asEmail.refusals];
      const on = asEmail.emailMessage?.relations.filter((r) => r.relationId !== sf.sfUserId).length ?? 0;
      return {
        ...context,
        loggedAs: 'email',
        summary: summarize(asEmail.emailMessage ? `Logged as a Salesforce email on ${on} record${on === 1 ? '' : 's'}` : 'Not logged', refusals, unmatched),
        ...(asEmail.emailMessage ? { emailMessage: asEmail.emailMessage } : { problem: refusals[refusals.length - 1] }),
        refusals,
      };
    }
    note = emailProblem('ENHANCED_EMAIL_OFF');
  }

  const template = (await getEmailSubjectTemplate(deps.store.db)) ?? defaultSubjectTemplate;
  const content = taskContent({ template, subject: parsed.subject, text: parsed.text, isReply: input.isReply, sentAt: parsed.date, handedOverAt: input.handedOverAt });
  const written = await writeTasks(deps, sf, input.emailId, content, planned);
  const refusals = [...leads.refusals, ...written.refusals];
  const tasks = written.tasks.length;
  const summary = summarize(tasks ? `Logged on ${tasks} Salesforce task${tasks === 1 ? '' : 's'}` : 'Not logged', refusals, unmatched);
  return {
    ...context,
    loggedAs: 'task',
    summary: note && tasks ? `${summary}, not as an email: Enhanced Email is off` : summary,
    tasks: written.tasks,
    refusals,
    ...(tasks ? {} : { problem: refusals[0] }),
    ...(note ? { note } : {}),
  };
}

/** The email as an EmailMessage on the matched people; null when the org has no EmailMessage (nothing written). */
async function logAsEmailMessage(
  deps: SalesforceDeps,
  sf: AccountClient,
  input: LogInput,
  found: { matched: MatchResult['matches']; relatedToId: string | null },
): Promise<{ emailMessage: EmailStatusDetail['emailMessage'] | null; refusals: Refusal[] } | null> {
  const { parsed } = input;
  const received = input.received ?? false;
  const people = peopleToLogOn(parsed, received);
  const { record, cut } = emailMessageRecord({ ...parsed, sentAt: parsed.date, handedOverAt: input.handedOverAt, received, relatedToId: found.relatedToId });
  if (cut.length) log.info('Email cut to fit Salesforce', { emailId: input.emailId, fields: cut });
  const relations = planRelations({ to: people.to, cc: people.cc, received, matches: found.matched, user: { id: sf.sfUserId, address: parsed.from?.address ?? null } });
  const written = await writeEmailMessage(deps, sf, input.emailId, {
    record,
    relations,
    messageIdentifier: (record.MessageIdentifier as string | null) ?? null,
    subject: (record.Subject as string | null) ?? null,
  });
  return written.unavailable ? null : written;
}

function skipped(base: Partial<EmailStatusDetail>, problem: EmailProblem): EmailStatusDetail {
  return { ...base, summary: `Not logged: ${problem.title.toLowerCase()}`, problem };
}

function sharesAnAddress(candidates: ReadonlyArray<{ email: string }>): boolean {
  const seen = new Set<string | null>();
  return candidates.some((c) => {
    const a = normalizeAddress(c.email);
    return seen.has(a) || !seen.add(a);
  });
}

async function createLeads(sf: SalesforceClient, drafts: readonly LeadDraft[]): Promise<{ created: Array<{ id: string; email: string }>; refusals: Refusal[] }> {
  const created: Array<{ id: string; email: string }> = [];
  const refusals: Refusal[] = [];
  for (const batch of chunks(drafts)) {
    nextStep();
    const results = await sf.create('Lead', batch.map((d) => ({ FirstName: d.firstName, LastName: d.lastName, Company: d.company, Email: d.email })));
    results.forEach((result, i) => {
      const email = (batch[i] as LeadDraft).email;
      if (result.success && result.id) created.push({ id: result.id, email });
      else refusals.push({ ...refusal(result), email });
    });
  }
  throwIfPassing(refusals);
  return { created, refusals };
}

async function writeTasks(
  deps: SalesforceDeps,
  sf: AccountClient,
  emailId: string,
  content: TaskContent,
  planned: PlannedTask[],
): Promise<{ tasks: NonNullable<EmailStatusDetail['tasks']>; refusals: Refusal[] }> {
  const mark = await markWriting(deps, emailId);
  const earlierAttempt = mark.earlier ? mark.since : null;
  const earlier = earlierAttempt
    ? (
        await findEarlierWrites(sf, {
          ownerId: sf.sfUserId,
          type: content.type,
          subject: content.subject,
          activityDate: content.activityDate,
          createdSince: earlierAttempt,
          whoIds: [...new Set(planned.map((p) => p.whoId))],
        })
      ).filter((t) => sameDescription(content.description, t.Description))
    : [];

  const tasks: NonNullable<EmailStatusDetail['tasks']> = [];
  const missing: PlannedTask[] = [];
  for (const task of planned) {
    const found = earlier.find((t) => sameTask(task, t) && !tasks.some((k) => k.id === t.Id));
    if (found) tasks.push({ id: found.Id, ...task });
    else missing.push(task);
  }
  const refusals: Refusal[] = [];
  for (const batch of chunks(missing)) {
    nextStep();
    const results = await sf.create('Task', batch.map((task) => taskRecord(content, task)));
    results.forEach((result, i) => {
      const task = batch[i] as PlannedTask;
      if (result.success && result.id) tasks.push({ id: result.id, ...task });
      else refusals.push({ ...refusal(result), whoId: task.whoId });
    });
  }
  throwIfPassing(refusals);
  return { tasks, refusals };
}

function summarize(what: string, refusals: readonly Refusal[], unmatched: readonly string[]): string {
  const parts = [what];
  if (refusals.length) parts.push(`Salesforce refused ${refusals.length} record${refusals.length === 1 ? '' : 's'} (${[...new Set(refusals.map((r) => r.code))].join(', ')})`);
  if (unmatched.length) parts.push(`${unmatched.length} recipient${unmatched.length === 1 ? '' : 's'} without a matching Contact or Lead`);
  return parts.join('; ');
}

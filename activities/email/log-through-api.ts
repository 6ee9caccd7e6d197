import { getEmail, getEmailSubjectTemplate, getUser, ownAddressesOf, setEmailStatus } from '../../store';
import { ownAddressSet, peopleToLogOn } from '../../sync/email-direction';
import { matchRecipients, normalizeAddress, type LeadDraft } from '../../sync/email-matching';
import { defaultSubjectTemplate } from '../../sync/email-subject';
import { classifySalesforceError } from '../../sync/salesforce-errors';
import { chunks, type CollectionResult, type SalesforceClient } from '../salesforce/client';
import type { AccountClient } from '../salesforce/connections';
import { refusalFailure } from '../salesforce/errors';
import { withSalesforce, type SalesforceDeps } from '../salesforce/with-salesforce';
import { emailProblem, type EmailProblem } from '../../contract/email-problems';
import { loadEmail } from './load-email';
import type { ParsedEmail } from '../../mail/parse-email';
import { findEarlierWrites, findPeople, openOpportunitiesByContact, withLastActivity } from './salesforce-lookups';
import { planTasks, sameDescription, sameTask, taskContent, taskRecord, type PlannedTask, type TaskContent } from './task-plan';
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
 */


type Refusal = NonNullable<EmailStatusDetail['refusals']>[number];

export async function logThroughApi(deps: SalesforceDeps, input: ApiLoggingInput): Promise<EmailOutcome> {
  const { email, parsed } = await loadEmail(deps.store, input);
  const user = await getUser(deps.store.db, input.userId);
  return withSalesforce(deps, { userId: input.userId }, async (sf) => {
    // A sent email's From is the user's too, whichever address it was sent from; a received reply's From is the person to log on.
    const own = [...(user ? ownAddressesOf(user) : []), ...(input.received ? [] : [parsed.from?.address])].filter((a): a is string => !!a);
    const senderAddresses = [...ownAddressSet(own)];
    const detail = await logOn(deps, sf, { ...input, parsed, senderAddresses, handedOverAt: email.createdAt });
    const status = detail.tasks?.length ? 'logged' : detail.refusals?.length ? 'failed' : 'skipped';
    await setEmailStatus(deps.store.db, input.emailId, status, detail, deps.now());
    return { status, summary: detail.summary, via: 'api', tasks: detail.tasks?.length ?? 0, problem: detail.problem, stored: true };
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

  const template = (await getEmailSubjectTemplate(deps.store.db)) ?? defaultSubjectTemplate;
  const content = taskContent({ template, subject: parsed.subject, text: parsed.text, isReply: input.isReply, sentAt: parsed.date, handedOverAt: input.handedOverAt });
  const written = await writeTasks(deps, sf, input.emailId, content, planned);
  const refusals = [...leads.refusals, ...written.refusals];
  return { ...context, summary: summarize(written.tasks.length, refusals, unmatched), tasks: written.tasks, refusals, ...(written.tasks.length ? {} : { problem: refusals[0] }) };
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
  const earlierAttempt = await markWriting(deps, emailId);
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

/** Marks the email as "Tasks being written" unless an earlier attempt did; answers that attempt's start. */
async function markWriting(deps: SalesforceDeps, emailId: string): Promise<string | null> {
  const current = await getEmail(deps.store.db, emailId);
  const since = (current?.statusDetail as EmailStatusDetail | null)?.writingSince;
  if (current?.status === 'pending' && since) return since;
  const detail: EmailStatusDetail = { summary: 'Logging to Salesforce…', via: 'api', writingSince: deps.now().toISOString() };
  await setEmailStatus(deps.store.db, emailId, 'pending', detail, deps.now());
  return null;
}

function refusal(result: CollectionResult): EmailProblem {
  const error = result.errors[0];
  const advice = classifySalesforceError({ errorCode: error?.statusCode ?? null });
  const fields = error?.fields?.length ? ` (${error.fields.join(', ')})` : '';
  return { code: advice.code, title: advice.title, explanation: advice.explanation, fix: advice.fix, message: `${error?.message ?? 'no message'}${fields}` };
}

/** A refusal that passes (a locked row, maintenance, the allowance spent) fails the activity; the next attempt finds what was written. */
function throwIfPassing(refusals: readonly Refusal[]): void {
  for (const r of refusals) {
    const failure = refusalFailure({ code: r.code, message: r.message ?? '' });
    if (failure) throw failure;
  }
}

function summarize(tasks: number, refusals: readonly Refusal[], unmatched: readonly string[]): string {
  const parts = [tasks ? `Logged on ${tasks} Salesforce task${tasks === 1 ? '' : 's'}` : 'Not logged'];
  if (refusals.length) parts.push(`Salesforce refused ${refusals.length} record${refusals.length === 1 ? '' : 's'} (${[...new Set(refusals.map((r) => r.code))].join(', ')})`);
  if (unmatched.length) parts.push(`${unmatched.length} recipient${unmatched.length === 1 ? '' : 's'} without a matching Contact or Lead`);
  return parts.join('; ');
}

import { missingRelations, type PlannedRelation } from '../../sync/email-message';
import { chunks } from '../salesforce/client';
import type { AccountClient } from '../salesforce/connections';
import { describeSalesforceError } from '../salesforce/errors';
import type { SalesforceDeps } from '../salesforce/with-salesforce';
import { refusal, throwIfPassing, type Refusal } from './refusals';
import { findLoggedMessages, relationsOf, type LoggedMessage } from './salesforce-lookups';
import { markWriting } from './writing-mark';
import type { EmailStatusDetail } from '../../contract/email';

/**
 * Writes one email as an EmailMessage and its relations, exactly once. Salesforce creates the
 * activity Task itself (TaskSubtype Email, which the task sync never imports).
 *
 * Before creating, the user's message for this email is looked for by its Message-ID
 * (MessageIdentifier, created by the user): after a lost answer the retry finds it and adds only
 * the relations it lacks; a lost answer on the relations is found the same way. An email without
 * a Message-ID is looked for like Tasks are: by subject, among the user's messages without one
 * created since the first attempt began writing (the email's mark), ten minutes' slack for
 * clocks on a retry.
 *
 * That lookup is also how an org without Enhanced Email shows: Salesforce answers a query on
 * EmailMessage with INVALID_TYPE ("sObject type 'EmailMessage' is not supported"), as for any
 * object the org or the user's profile does not have. Nothing was written then: `unavailable`.
 */

const retrySlackMs = 10 * 60_000;

export interface EmailMessagePlan {
  record: Record<string, unknown>;
  relations: PlannedRelation[];
  /** MessageIdentifier as written (the cut Message-ID), or null. */
  messageIdentifier: string | null;
  subject: string | null;
}

export type EmailMessageWrite =
  | { unavailable: true }
  | { unavailable: false; emailMessage: NonNullable<EmailStatusDetail['emailMessage']> | null; refusals: Refusal[] };

export async function writeEmailMessage(deps: SalesforceDeps, sf: AccountClient, emailId: string, plan: EmailMessagePlan): Promise<EmailMessageWrite> {
  let found: LoggedMessage[];
  try {
    found = await lookUp(deps, sf, emailId, plan);
  } catch (error) {
    if (describeSalesforceError(error).errorCode === 'INVALID_TYPE') return { unavailable: true };
    throw error;
  }

  let message = found[0];
  let existing: Array<{ Id: string; RelationId: string | null; RelationType: string }> = [];
  if (message) {
    existing = await relationsOf(sf, message.Id);
  } else {
    if (plan.messageIdentifier !== null) await markWriting(deps, emailId);
    const [result] = await sf.create('EmailMessage', [plan.record]);
    if (!result?.success || !result.id) {
      const refused = [refusal(result)];
      throwIfPassing(refused);
      return { unavailable: false, emailMessage: null, refusals: refused };
    }
    message = { Id: result.id, RelatedToId: (plan.record.RelatedToId as string | undefined) ?? null };
  }

  const refusals: Refusal[] = [];
  const written: Array<{ id: string; relationId: string; relationType: string }> = [];
  for (const p of plan.relations) {
    const had = existing.find((r) => missingRelations([p], [r]).length === 0);
    if (had) written.push({ id: had.Id, relationId: p.relationId, relationType: p.relationType });
  }
  for (const batch of chunks(missingRelations(plan.relations, existing))) {
    const results = await sf.create(
      'EmailMessageRelation',
      batch.map((r) => ({ EmailMessageId: message.Id, RelationId: r.relationId, RelationAddress: r.relationAddress, RelationType: r.relationType })),
    );
    results.forEach((result, i) => {
      const r = batch[i] as PlannedRelation;
      if (result.success && result.id) written.push({ id: result.id, relationId: r.relationId, relationType: r.relationType });
      else refusals.push({ ...refusal(result), whoId: r.relationId });
    });
  }
  throwIfPassing(refusals);
  return { unavailable: false, emailMessage: { id: message.Id, relatedToId: message.RelatedToId, relations: written }, refusals };
}

/** The user's message for this email, if one was written; INVALID_TYPE when the org has no EmailMessage. */
async function lookUp(deps: SalesforceDeps, sf: AccountClient, emailId: string, plan: EmailMessagePlan): Promise<LoggedMessage[]> {
  if (plan.messageIdentifier !== null) return findLoggedMessages(sf, { createdById: sf.sfUserId, messageIdentifier: plan.messageIdentifier });
  const mark = await markWriting(deps, emailId);
  // A first attempt looks only from its own mark: that answers the org's question, and no other email matches.
  const since = mark.earlier ? new Date(Date.parse(mark.since) - retrySlackMs).toISOString() : mark.since;
  return findLoggedMessages(sf, { createdById: sf.sfUserId, messageIdentifier: null, subject: plan.subject, createdSince: since });
}

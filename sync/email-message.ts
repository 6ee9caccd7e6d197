import { normalizeAddress, type Recipient } from './email-matching';
import { cutText } from './text-limits';

/**
 * An email logged as a Salesforce email (Enhanced Email's EmailMessage) instead of a Task, as
 * plain data: the record, and one EmailMessageRelation per Contact or Lead it is logged on.
 *
 * - Subject: the email's own subject, not the Task subject template. The EmailMessage is the
 *   email itself (Salesforce shows it as an email, with Reply and Forward), and Salesforce writes
 *   the activity's subject from it (its Task reads "Email: <subject>"); a templated subject would
 *   show twice over ("Email: Email: …") and no longer be the subject the recipients saw.
 * - Status: a sent email is Sent (3). A reply the user received is Incoming and Read (1):
 *   Salesforce's codes for an incoming message are New, Read and Replied, and the user has it.
 * - MessageDate: the Date header, else when the email was handed over. MessageIdentifier: the
 *   Message-ID as sent (how a retry finds the message again).
 * - ToAddress and CcAddress: the addresses of those headers, joined by "; " as Salesforce
 *   stores them; past 4,000 characters whole addresses are left out, never half of one.
 * - TextBody is cut at 32,000 characters, the limit every version of the documentation allows
 *   (and a Task's Description, so both ways of logging keep the same text); HtmlBody at 131,072,
 *   the current field reference's limit. Cuts never split a character (text-limits.ts).
 * - RelatedToId: the open opportunity the Task rule would have linked first, when that rule is
 *   on (an EmailMessage relates to one record).
 * - Relations: a sent email relates its To recipients as ToAddress and Cc as CcAddress, and the
 *   user as FromAddress (Salesforce offers Reply and Forward only when the From address has a
 *   FromAddress relation). A received reply relates its sender as FromAddress and Cc as CcAddress.
 */

export const emailMessageLimits = {
  subject: 3000,
  name: 1000,
  address: 1000,
  addressList: 4000,
  textBody: 32_000,
  htmlBody: 131_072,
  messageIdentifier: 255,
} as const;

export const sentStatus = '3';
export const readStatus = '1';

export type RelationType = 'ToAddress' | 'CcAddress' | 'FromAddress';

export interface EmailMessageInput {
  subject: string;
  from: { address: string; name: string | null } | null;
  to: ReadonlyArray<{ address: string }>;
  cc: ReadonlyArray<{ address: string }>;
  text: string;
  html: string | null;
  messageId: string | null;
  /** The Date header (ISO instant), or null. */
  sentAt: string | null;
  handedOverAt: string;
  received: boolean;
  relatedToId: string | null;
}

export interface EmailMessageRecord {
  record: Record<string, unknown>;
  /** Fields shortened to fit (for the log line). */
  cut: string[];
}

export function emailMessageRecord(input: EmailMessageInput): EmailMessageRecord {
  const cut: string[] = [];
  const fit = (field: string, text: string | null, max: number): string | null => {
    if (text === null || text === '') return null;
    const c = cutText(text, max);
    if (c.cut) cut.push(field);
    return c.text;
  };
  const list = (field: string, addresses: ReadonlyArray<{ address: string }>): string | null => {
    const joined = joinAddresses(addresses.map((a) => a.address), emailMessageLimits.addressList);
    if (joined.cut) cut.push(field);
    return joined.text;
  };
  const record = {
    Subject: fit('Subject', input.subject, emailMessageLimits.subject),
    Status: input.received ? readStatus : sentStatus,
    Incoming: input.received,
    MessageDate: input.sentAt ?? input.handedOverAt,
    FromAddress: input.from && input.from.address.length <= emailMessageLimits.address ? input.from.address : null,
    FromName: fit('FromName', input.from?.name ?? null, emailMessageLimits.name),
    ToAddress: list('ToAddress', input.to),
    CcAddress: list('CcAddress', input.cc),
    TextBody: fit('TextBody', input.text, emailMessageLimits.textBody),
    HtmlBody: fit('HtmlBody', input.html, emailMessageLimits.htmlBody),
    MessageIdentifier: fit('MessageIdentifier', input.messageId, emailMessageLimits.messageIdentifier),
    ...(input.relatedToId === null ? {} : { RelatedToId: input.relatedToId }),
  };
  return { record, cut };
}

/** Addresses joined by "; ", as many whole ones as fit in `max` characters; null for none. */
export function joinAddresses(addresses: readonly string[], max: number): { text: string | null; cut: boolean } {
  let text = '';
  for (const address of addresses) {
    const next = text === '' ? address : `${text}; ${address}`;
    if (next.length > max) return { text: text || null, cut: true };
    text = next;
  }
  return { text: text || null, cut: false };
}

export interface PlannedRelation {
  relationId: string;
  relationAddress: string;
  relationType: RelationType;
}

export interface RelationInput {
  /** The people logged on, as matching saw them: To and Cc of a sent email; the sender and Cc of a received one. */
  to: readonly Recipient[];
  cc: readonly Recipient[];
  received: boolean;
  /** Per address, the Contacts and Leads chosen for it (created Leads included), in recipient order. */
  matches: ReadonlyArray<{ address: string; whoIds: readonly string[] }>;
  /** The user, related as FromAddress on a sent email. */
  user: { id: string; address: string | null };
}

/** One relation per Contact or Lead (its first address decides the type), then the user's. */
export function planRelations(input: RelationInput): PlannedRelation[] {
  const inTo = new Set(input.to.map((r) => normalizeAddress(typeof r === 'string' ? r : r.address)));
  const planned: PlannedRelation[] = [];
  const seen = new Set<string>();
  for (const { address, whoIds } of input.matches) {
    const type: RelationType = inTo.has(normalizeAddress(address)) ? (input.received ? 'FromAddress' : 'ToAddress') : 'CcAddress';
    for (const relationId of whoIds) {
      if (seen.has(id15(relationId))) continue;
      seen.add(id15(relationId));
      planned.push({ relationId, relationAddress: address, relationType: type });
    }
  }
  if (!input.received && input.user.address) planned.push({ relationId: input.user.id, relationAddress: input.user.address, relationType: 'FromAddress' });
  return planned;
}

/** The planned relations a message does not have yet (same record and type). */
export function missingRelations(planned: readonly PlannedRelation[], existing: ReadonlyArray<{ RelationId: string | null; RelationType: string }>): PlannedRelation[] {
  const have = new Set(existing.map((r) => `${id15(r.RelationId)}|${r.RelationType}`));
  return planned.filter((p) => !have.has(`${id15(p.relationId)}|${p.relationType}`));
}

/** Salesforce ids compare on their first 15 characters (the rest is a case checksum). */
function id15(id: string | null): string {
  return (id ?? '').slice(0, 15);
}

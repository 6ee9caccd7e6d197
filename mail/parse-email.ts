import { simpleParser, type AddressObject, type EmailAddress } from 'mailparser';
import { cleanText } from '../sync/clean-text';
import { normalizeAddress } from '../sync/email-matching';

/**
 * What logging needs from a raw RFC 822 message, read with mailparser.
 *
 * - Encoded words (RFC 2047) and body charsets (ISO-8859-1, Windows-1252, Shift_JIS …) are
 *   decoded by mailparser; unencoded 8-bit header bytes are read as UTF-8 (RFC 6532), so a
 *   stray Latin-1 byte becomes U+FFFD instead of failing the email.
 * - The text body is the text/plain part; without one, mailparser's text rendering of the HTML.
 *   The HTML body is the text/html part as sent, or null when there is none.
 * - `date` is read from the Date header here: mailparser puts the current time in place of a
 *   Date it cannot read, which would log the email on the wrong day. An unreadable or missing
 *   Date gives null.
 * - Texts are cleaned of control characters and lone surrogates (sync/clean-text.ts): they go
 *   to Salesforce and SQL. The raw message itself is kept byte for byte.
 * - Group syntax in address lists (`Team: a@x, b@y;`) is flattened; unusable addresses dropped.
 */

export interface MailAddress {
  address: string;
  name: string | null;
}

export interface ParsedEmail {
  /** False when no message header (From, To, Subject, Date, Message-ID …) is there: not an email. */
  hasHeaders: boolean;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  /** ISO-8601 instant of the Date header, or null when missing or unreadable. */
  date: string | null;
  text: string;
  html: string | null;
  attachments: number;
}

export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const dateLine = mail.headerLines.find((h) => h.key === 'date')?.line;
  const references = mail.references === undefined ? [] : Array.isArray(mail.references) ? mail.references : [mail.references];
  return {
    hasHeaders: mail.headerLines.some((h) => messageHeaders.has(h.key)),
    messageId: cleanText(mail.messageId ?? '').trim() || null,
    inReplyTo: cleanText(mail.inReplyTo ?? '').trim() || null,
    references: references.map(cleanText),
    from: addresses(mail.from)[0] ?? null,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject: cleanText(mail.subject ?? ''),
    date: dateLine === undefined ? null : readDate(dateLine.slice(dateLine.indexOf(':') + 1)),
    text: cleanText(mail.text ?? ''),
    html: typeof mail.html === 'string' ? cleanText(mail.html) : null,
    attachments: mail.attachments.length,
  };
}

/** Headers every sent message has some of; mailparser also takes stray binary lines for headers. */
const messageHeaders = new Set(['from', 'sender', 'to', 'cc', 'bcc', 'subject', 'date', 'message-id', 'in-reply-to', 'references', 'mime-version']);

/** A reply names the message it answers (RFC 5322 §3.6.4). */
export function looksLikeReply(email: Pick<ParsedEmail, 'inReplyTo' | 'references'>): boolean {
  return email.inReplyTo !== null || email.references.length > 0;
}

function readDate(value: string): string | null {
  const ms = Date.parse(value.trim().replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function addresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!field) return [];
  const out: MailAddress[] = [];
  const visit = (entry: EmailAddress): void => {
    if (entry.group) return entry.group.forEach(visit);
    const address = entry.address ? normalizeAddress(entry.address) : null;
    if (address) out.push({ address, name: cleanText(entry.name).trim() || null });
  };
  for (const object of Array.isArray(field) ? field : [field]) object.value.forEach(visit);
  return out;
}

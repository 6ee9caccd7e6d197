import { formatInstant, millisPerSecond, parseInstant } from '../sync/instants';
import { createHash } from 'node:crypto';

/**
 * A stable key for one sent email of one user: the same email handed over twice gets the same
 * key (and so the same `email-log:<user>:<key>` workflow), two different emails never share one.
 *
 * From the Message-ID when there is one. Normalised: the first `<…>` is taken, whitespace and
 * the angle brackets dropped; the part after `@` is a domain and is lower-cased, the part before
 * is kept as is (RFC 5322 does not make it case-insensitive).
 *
 * Without a Message-ID: from the Date (to the second, as the header carries it), From, the
 * sorted To/Cc recipients, the subject and a digest of the body that the caller computes (the
 * body is too large to travel in workflow input).
 *
 * The key is the first 32 hex digits (128 bits) of SHA-256 over a versioned, unambiguous
 * encoding of those parts, tagged with which source was used, so the two kinds never collide.
 */

export interface EmailKeyFallback {
  /** The Date header as an ISO-8601 instant. */
  date: string;
  from: string;
  /** To and Cc addresses. */
  recipients: readonly string[];
  subject: string;
  /** Hex digest of the body (e.g. SHA-256 of the raw text part), computed by the caller. */
  bodyDigest: string;
}

export interface EmailKeyInput {
  userId: string;
  messageId?: string | null;
  fallback?: EmailKeyFallback | null;
}

export interface EmailKey {
  key: string;
  source: 'message-id' | 'fallback';
}

const emailKeyLength = 32;

export function normalizeMessageId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const bracketed = /<([^<>]*)>/.exec(raw);
  const id = (bracketed ? bracketed[1] ?? '' : raw).replace(/\s+/g, '');
  if (id === '') return null;
  const at = id.lastIndexOf('@');
  return at < 0 ? id : `${id.slice(0, at)}@${id.slice(at + 1).toLowerCase()}`;
}

export function emailKey({ userId, messageId, fallback }: EmailKeyInput): EmailKey {
  if (userId === '') throw new RangeError('userId is empty');
  const id = normalizeMessageId(messageId);
  if (id !== null) return { key: hash(['sia-email-key/1', userId, 'message-id', id]), source: 'message-id' };
  if (!fallback) throw new RangeError('An email without Message-ID needs the fallback parts (date, from, recipients, subject, body digest)');
  return { key: hash(['sia-email-key/1', userId, 'fallback', ...fallbackParts(fallback)]), source: 'fallback' };
}

function fallbackParts({ date, from, recipients, subject, bodyDigest }: EmailKeyFallback): string[] {
  const ms = parseInstant(date);
  if (ms === null) throw new RangeError(`Date is not an ISO-8601 instant: ${JSON.stringify(date)}`);
  const digest = bodyDigest.trim().toLowerCase();
  if (!/^[0-9a-f]{16,}$/.test(digest)) throw new RangeError('bodyDigest must be a hex digest');
  const sortedRecipients = [...new Set(recipients.map(address))].filter(Boolean).sort();
  return [
    formatInstant(Math.floor(ms / millisPerSecond) * millisPerSecond),
    address(from),
    sortedRecipients.join(','),
    subject.replace(/\s+/g, ' ').trim(),
    digest,
  ];
}

function address(text: string): string {
  return text.trim().replace(/^<(.*)>$/, '$1').trim().toLowerCase();
}

function hash(parts: string[]): string {
  // JSON of an array: no separator inside a part can be confused with the next part.
  return createHash('sha256').update(JSON.stringify(parts), 'utf8').digest('hex').slice(0, emailKeyLength);
}

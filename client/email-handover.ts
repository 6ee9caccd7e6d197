import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { looksLikeReply, parseEmail, type ParsedEmail } from '../mail/parse-email';
import { getEmail, getUser, insertEmailIfAbsent, type Email, type EmailDirection, type Store } from '../store';
import { emailKey } from '../mail/email-key';
import type { emailLog } from '../workflows/email-log';
import { emailLogWorkflowId, emailTaskQueue } from '../contract/ids';
import { SiaUserId } from '../contract/search-attributes';
import { msg, t, type Language, type Localized } from '../i18n';

/**
 * Hands a sent email over for logging: store the raw message once per (user, key), then start
 * its `emailLog` workflow. Handing the same email over again changes nothing and answers its
 * status ("already logged", or "in progress" while the first run works).
 *
 * - Size: at most 10 MiB (`maxEmailBytes`), a limit of this product: the message is kept in the
 *   store and relayed whole for BCC logging, while only its first 32,000 characters of text
 *   reach Salesforce. Larger messages are refused (413) before anything is stored.
 * - Key: from the Message-ID; without one, from Date, From, To/Cc, Subject and a SHA-256 of the
 *   raw bytes (an unreadable Date counts as 1970-01-01, the digest still tells messages apart).
 * - Direction: as given (`sent`, `reply` = a reply the user sent, `received` = a reply the user
 *   received), else a reply when the message has In-Reply-To or References; whether the user
 *   received it is then told when it is logged, by its From address (sync/email-direction.ts).
 */

export const handOverDirections = ['sent', 'reply', 'received'] as const;
export type HandOverDirection = (typeof handOverDirections)[number];

export const maxEmailBytes = 10 * 1024 * 1024;

export class EmailHandOverError extends Error {
  override readonly name = 'EmailHandOverError';
  constructor(
    readonly statusCode: 400 | 404 | 413,
    readonly code: 'EMPTY_EMAIL' | 'EMAIL_TOO_LARGE' | 'UNKNOWN_USER',
    /** What went wrong, in the reader's language; `message` holds it in English. */
    readonly text: Localized,
  ) {
    super(text('en'));
  }
}

export interface EmailTemporal {
  client: Client;
  taskQueue: string;
}

export interface HandOverInput {
  userId: string;
  /** The message exactly as sent (RFC 822). */
  raw: Buffer;
  direction?: HandOverDirection;
}

export type HandOverOutcome = 'started' | 'in-progress' | 'already-done';

export interface HandOverResult {
  outcome: HandOverOutcome;
  emailId: string;
  workflowId: string;
  /** One line for people: what happened to this hand-over. */
  message: string;
  email: Email;
}

export async function handOverEmail(temporal: EmailTemporal, store: Store, input: HandOverInput): Promise<HandOverResult> {
  const { userId, raw } = input;
  if (raw.length === 0) throw new EmailHandOverError(400, 'EMPTY_EMAIL', msg('api.emails.empty'));
  if (raw.length > maxEmailBytes) throw new EmailHandOverError(413, 'EMAIL_TOO_LARGE', msg('api.emails.emailTooLarge', { size: raw.length, limit: maxEmailBytes }));
  if (!(await getUser(store.db, userId))) throw new EmailHandOverError(404, 'UNKNOWN_USER', msg('api.emails.unknownUser', { userId }));

  const parsed = await parseEmail(raw);
  const { key } = emailKey({ userId, messageId: parsed.messageId, fallback: fallbackKeyParts(parsed, raw) });
  const direction: EmailDirection = input.direction === undefined ? (looksLikeReply(parsed) ? 'reply' : 'sent') : input.direction === 'sent' ? 'sent' : 'reply';
  const received = input.direction === undefined ? null : input.direction === 'received';
  const { created, email } = await insertEmailIfAbsent(store.db, userId, { messageKey: key, messageIdHeader: parsed.messageId, direction, received, raw });
  const workflowId = emailLogWorkflowId(userId, key);
  // A finished email is never logged again, even once Temporal has forgotten its workflow.
  if (!created && email.status !== 'pending') return answer('already-done', workflowId, email);

  try {
    await temporal.client.workflow.start<typeof emailLog>('emailLog', {
      workflowId,
      taskQueue: emailTaskQueue(temporal.taskQueue),
      args: [{ userId, emailId: email.id }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      workflowIdConflictPolicy: 'FAIL',
      typedSearchAttributes: [{ key: SiaUserId, value: userId }],
    });
    return answer('started', workflowId, email);
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    const now = (await getEmail(store.db, email.id)) ?? email;
    return answer(now.status === 'pending' ? 'in-progress' : 'already-done', workflowId, now);
  }
}

function fallbackKeyParts(parsed: ParsedEmail, raw: Buffer) {
  return {
    date: parsed.date ?? new Date(0).toISOString(),
    from: parsed.from?.address ?? '',
    recipients: [...parsed.to, ...parsed.cc].map((r) => r.address),
    subject: parsed.subject,
    bodyDigest: createHash('sha256').update(raw).digest('hex'),
  };
}

function answer(outcome: HandOverOutcome, workflowId: string, email: Email): HandOverResult {
  const summary = (email.statusDetail as { summary?: string } | null)?.summary;
  return { outcome, emailId: email.id, workflowId, message: handOverMessage(outcome, email.status, summary ?? null, 'en'), email };
}

/** The hand-over's one line in `lang`, with the email's summary (already in `lang`) when it was handled before. */
export function handOverMessage(outcome: HandOverOutcome, status: Email['status'], summary: string | null, lang: Language): string {
  if (outcome === 'started') return t(lang, 'handover.started');
  if (outcome === 'in-progress') return t(lang, 'handover.inProgress');
  const label = t(lang, status === 'logged' || status === 'skipped' || status === 'failed' ? `handover.${status}` : 'handover.pending');
  return summary ? t(lang, 'handover.withSummary', { label, summary }) : t(lang, 'handover.withoutSummary', { label });
}

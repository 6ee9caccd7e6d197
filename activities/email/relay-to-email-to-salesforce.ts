import { ApplicationFailure } from '@temporalio/activity';
import nodemailer from 'nodemailer';
import { getUser, setEmailStatus, type Store } from '../../store';
import { emailFailure } from './email-failures';
import { emailFailureTypes, emailProblem, type EmailProblem } from '../../contract/email-problems';
import { loadEmail, loadLoggingSettings } from './load-email';
import type { EmailOutcome, EmailRef, EmailStatusDetail } from '../../contract/email';

/**
 * BCC logging: the stored message, byte for byte (`raw`, so headers and body stay as sent), goes
 * to the user's Email to Salesforce address through the SMTP relay; Salesforce then logs it by
 * its own rules. The envelope sender is the From address (Salesforce accepts mail only from the
 * user's "My Acceptable Email Addresses"), or the user's own address without one.
 *
 * SMTP answers decide: 4xx and connection trouble are retried; 5xx is final and shown with the
 * server's reply. A copy whose acceptance was lost on the wire (250 never read) is sent again on
 * retry: SMTP has no way to ask whether the first copy arrived.
 */

export interface SmtpRelayConfig {
  host: string;
  port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  secure?: boolean;
  requireTLS?: boolean;
  ignoreTLS?: boolean;
  auth?: { user: string; pass: string };
}

export interface RelayDeps {
  store: Store;
  smtp: SmtpRelayConfig;
  now: () => Date;
}

const relayFailureType = 'EmailRelayTransient';

export async function relayToEmailToSalesforce(deps: RelayDeps, ref: EmailRef): Promise<EmailOutcome> {
  const settings = await loadLoggingSettings(deps.store, ref.userId);
  if (settings.mode !== 'bcc') {
    const problem = emailProblem('EMAIL_LOGGING_OFF', `BCC logging was switched to “${settings.mode}” before this email was sent on.`);
    return { status: 'skipped', summary: 'Not logged: BCC logging was switched off meanwhile', problem, stored: false };
  }
  const { raw, parsed } = await loadEmail(deps.store, ref);
  const sender = parsed.from?.address ?? (await getUser(deps.store.db, ref.userId))?.email;
  if (!sender) throw emailFailure(emailFailureTypes.malformed, emailProblem('MALFORMED_EMAIL', 'The email has no From address to send the copy from.'));

  const transport = nodemailer.createTransport({ ...deps.smtp, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
  try {
    const info = await transport.sendMail({ envelope: { from: sender, to: [settings.address] }, raw });
    const detail: EmailStatusDetail = { summary: 'Sent to your Email to Salesforce address; Salesforce logs it on the matching records', via: 'bcc', relayedTo: settings.address, smtpReply: info.response };
    await setEmailStatus(deps.store.db, ref.emailId, 'logged', detail, deps.now());
    return { status: 'logged', summary: detail.summary, via: 'bcc', stored: true };
  } catch (error) {
    throw smtpFailure(error);
  } finally {
    transport.close();
  }
}

interface SmtpError {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

function smtpFailure(error: unknown): ApplicationFailure {
  const e = (error ?? {}) as SmtpError;
  const reply = e.response ?? e.message ?? String(error);
  if (e.responseCode !== undefined && e.responseCode >= 500) return emailFailure(emailFailureTypes.refused, refusalProblem(e, reply));
  // 4xx (try later) and connection trouble: the activity's retry policy sends it again.
  return ApplicationFailure.create({ type: relayFailureType, message: `SMTP ${e.responseCode ?? e.code ?? 'error'}: ${reply}`, nonRetryable: false });
}

/** RFC 3463 enhanced status codes tell an unknown address (5.1.x at RCPT) from a refused sender (5.7.1). */
function refusalProblem(e: SmtpError, reply: string): EmailProblem {
  const enhanced = /\b5\.(\d{1,3})\.(\d{1,3})\b/.exec(reply);
  if (enhanced?.[1] === '7' && enhanced[2] === '1') return emailProblem('SENDER_NOT_ACCEPTABLE', reply);
  if (enhanced?.[1] === '1' && (e.command === 'RCPT TO' || e.code === 'EENVELOPE')) return emailProblem('EMAIL_TO_SALESFORCE_ADDRESS_REFUSED', reply);
  return emailProblem('SMTP_REFUSED', reply);
}

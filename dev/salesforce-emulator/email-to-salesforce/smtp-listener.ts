/**
 * An SMTP listener that plays Salesforce's Email to Salesforce for the emulator's org.
 *
 * Refusals happen in the SMTP dialogue (550) so a sender sees them at once; Salesforce itself
 * does not document whether it bounces or silently drops such mail (see NOTES.md).
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { OrgUser } from '../org-model';
import { Inbox, type InboxEntry, type InboxEntryInput } from './inbox';
import { logEmail, type LogResult } from './log-email';
import { addressesOf } from './recipients';
import type { EmailToSalesforceStore } from './store-port';

export interface EmailToSalesforceOptions {
  port: number;
  host?: string;
  store: EmailToSalesforceStore;
  /** The emulator's clock; defaults to the wall clock. */
  now?: () => number;
}

export interface EmailToSalesforceServer {
  port: number;
  close(): Promise<void>;
  inbox(): InboxEntry[];
}

/** Salesforce's limit on an email it processes is not documented for Email to Salesforce. */
const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

type Refusal = { code: number; reason: string };

/** Why a user's Email to Salesforce address would not take mail from `sender`, if it would not. */
function refusalFor(store: EmailToSalesforceStore, user: OrgUser | undefined, address: string, sender: string | null): Refusal | undefined {
  if (!user || !user.isActive || !store.getEmailToSalesforceSettings(user.orgId).active) {
    return { code: 550, reason: `5.1.1 <${address}>: no such Email to Salesforce address` };
  }
  const acceptable = user.acceptableEmailAddresses.map((a) => a.toLowerCase());
  if (sender === null || !acceptable.includes(sender.toLowerCase())) {
    return { code: 550, reason: `5.7.1 <${sender ?? ''}> is not one of My Acceptable Email Addresses for <${address}>` };
  }
  return undefined;
}

export async function startEmailToSalesforce(options: EmailToSalesforceOptions): Promise<EmailToSalesforceServer> {
  const { store } = options;
  const now = options.now ?? Date.now;
  const inbox = new Inbox();

  const envelopeOf = (session: SMTPServerSession): InboxEntry['envelope'] => ({
    mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
    rcptTo: session.envelope.rcptTo.map((r) => r.address),
  });
  const record = (partial: Partial<InboxEntryInput> & Pick<InboxEntryInput, 'envelope' | 'recipient' | 'outcome' | 'reason'>): void => {
    inbox.add({
      receivedAtMs: now(),
      orgId: null,
      userId: null,
      smtpCode: null,
      messageId: null,
      from: null,
      subject: null,
      to: [],
      cc: [],
      considered: [],
      ignored: [],
      unresolved: false,
      tasks: [],
      ...partial,
    });
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: MAX_MESSAGE_BYTES,
    banner: 'Email to Salesforce (emulator)',

    onRcptTo(address, session, callback) {
      const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
      const user = store.findUserByEmailToSalesforceAddress(address.address);
      const refusal = refusalFor(store, user, address.address, sender);
      if (!refusal) return callback();
      const envelope = envelopeOf(session);
      record({
        envelope: { ...envelope, rcptTo: [...envelope.rcptTo, address.address] },
        recipient: address.address,
        orgId: user?.orgId ?? null,
        userId: user?.id ?? null,
        outcome: 'refused',
        reason: refusal.reason,
        smtpCode: refusal.code,
      });
      callback(smtpError(refusal.code, refusal.reason));
    },

    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (stream.sizeExceeded) throw smtpError(552, '5.3.4 Message exceeds the maximum size');
          const accepted = handleMessage(mail, session);
          if (accepted === 0) throw smtpError(550, '5.7.1 The From address is not one of My Acceptable Email Addresses');
          callback(null, `Logged for ${accepted} Email to Salesforce address(es)`);
        })
        .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
    },
  });

  /** Logs the message for each accepted recipient; returns how many accepted it. */
  function handleMessage(mail: ParsedMail, session: SMTPServerSession): number {
    const envelope = envelopeOf(session);
    const from = addressesOf(mail.from)[0] ?? null;
    const to = addressesOf(mail.to);
    const cc = addressesOf(mail.cc);
    const common = { envelope, messageId: mail.messageId ?? null, from, subject: mail.subject ?? '', to, cc };
    let accepted = 0;
    for (const rcpt of envelope.rcptTo) {
      const user = store.findUserByEmailToSalesforceAddress(rcpt);
      // The envelope sender passed at RCPT; the From header must be acceptable as well.
      const refusal = refusalFor(store, user, rcpt, from);
      if (refusal || !user) {
        record({ ...common, recipient: rcpt, orgId: user?.orgId ?? null, userId: user?.id ?? null, outcome: 'refused', reason: refusal?.reason ?? '', smtpCode: refusal?.code ?? 550 });
        continue;
      }
      accepted++;
      let result: LogResult;
      try {
        result = logEmail(store, user, {
          subject: mail.subject ?? '',
          to,
          cc,
          attachments: mail.attachments.map((a) => a.filename ?? 'attachment'),
          body: mail.text ?? '',
          sentAtMs: mail.date ? mail.date.getTime() : now(),
        });
      } catch (err) {
        // The mail was taken; logging it failed inside the org (a validation rule, say).
        const code = (err as { errorCode?: string }).errorCode ?? 'UNKNOWN_EXCEPTION';
        record({ ...common, recipient: rcpt, orgId: user.orgId, userId: user.id, outcome: 'failed', reason: `${code}: ${(err as Error).message}` });
        continue;
      }
      record({
        ...common,
        recipient: rcpt,
        orgId: user.orgId,
        userId: user.id,
        outcome: 'accepted',
        reason: result.unresolved ? 'no matching contact or lead: sent to My Unresolved Items' : `logged on ${result.tasks.length} task(s)`,
        considered: result.considered,
        ignored: result.ignored,
        unresolved: result.unresolved,
        tasks: result.tasks,
      });
    }
    return accepted;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Connection-level faults (a client dropping mid-dialogue) must not bring the emulator down.
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    inbox: () => inbox.list(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

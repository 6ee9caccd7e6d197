/** The emulator's record of every message offered to Email to Salesforce, for tests to read. */
import type { LoggedTask } from './log-email';

export interface InboxEntry {
  seq: number;
  receivedAt: string;
  envelope: { mailFrom: string | null; rcptTo: string[] };
  /** The Email to Salesforce address this entry is about. */
  recipient: string;
  orgId: string | null;
  userId: string | null;
  /** refused: turned away in the SMTP dialogue; failed: taken, but creating the Task failed. */
  outcome: 'accepted' | 'refused' | 'failed';
  /** Why it was refused or failed, or what was done with it. */
  reason: string;
  /** The SMTP reply code given for a refusal. */
  smtpCode: number | null;
  messageId: string | null;
  from: string | null;
  subject: string | null;
  to: string[];
  cc: string[];
  /** Addresses looked up / left out beyond the 50th. */
  considered: string[];
  ignored: string[];
  unresolved: boolean;
  tasks: LoggedTask[];
}

export type InboxEntryInput = Omit<InboxEntry, 'seq' | 'receivedAt'> & { receivedAtMs: number };

export class Inbox {
  private readonly entries: InboxEntry[] = [];

  add(input: InboxEntryInput): InboxEntry {
    const { receivedAtMs, ...rest } = input;
    const entry = { seq: this.entries.length + 1, receivedAt: new Date(receivedAtMs).toISOString(), ...rest };
    this.entries.push(entry);
    return entry;
  }

  /** A copy, oldest first. */
  list(): InboxEntry[] {
    return this.entries.map((e) => ({ ...e, tasks: [...e.tasks] }));
  }
}

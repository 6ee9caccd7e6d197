import type { MatchSettings } from '../sync/email-matching';
import type { EmailLoggingMode, EmailLogAs } from '../sync/settings';
import type { EmailProblem } from './email-problems';

/**
 * What travels between the email workflow and its activities. No addresses, subjects or
 * bodies: those stay in the store and are read by the activities.
 */

export interface EmailRef {
  userId: string;
  emailId: string;
}

/** The user's API logging rules, as saved (plain choices, no personal data). */
export interface ApiLoggingRules extends MatchSettings {
  logReplies: boolean;
  linkOpenOpportunities: boolean;
  /** Task, or an EmailMessage with its relations. Absent in older histories: task. */
  logAs?: EmailLogAs;
}

/** What the workflow decides on. */
export interface EmailFacts {
  mode: EmailLoggingMode;
  /** Present when mode is `api`. */
  rules: ApiLoggingRules | null;
  isReply: boolean;
  /** The user received it (a reply from someone else): logged on its sender, never relayed by BCC. Absent in older histories. */
  received?: boolean;
  /** Distinct To and Cc addresses. */
  recipients: number;
}

export type EmailOutcomeStatus = 'logged' | 'skipped' | 'failed';

export interface EmailOutcome {
  status: EmailOutcomeStatus;
  /** One line for people, without personal data (it is kept in workflow history). */
  summary: string;
  via?: 'api' | 'bcc';
  tasks?: number;
  /** Through the API: written as Tasks or as an EmailMessage. Absent in older histories. */
  loggedAs?: EmailLogAs;
  problem?: EmailProblem;
  /** The activity already wrote this outcome (with its details) to the store. */
  stored: boolean;
}

/** The `statusDetail` of a stored email: where it was logged, or why not. */
export interface EmailStatusDetail {
  summary: string;
  via?: 'api' | 'bcc';
  reply?: boolean;
  /** A reply the user received, logged on its sender. */
  received?: boolean;
  tasks?: Array<{ id: string; whoId: string; whatId: string | null }>;
  /** Through the API: written as Tasks or as an EmailMessage (Enhanced Email). */
  loggedAs?: EmailLogAs;
  /** The EmailMessage written (Salesforce makes its Task) and its relations to the people it is logged on. */
  emailMessage?: { id: string; relatedToId: string | null; relations: Array<{ id: string; relationId: string; relationType: string }> };
  /** Logged, but not quite as chosen (as Tasks because the org has no Enhanced Email). */
  note?: EmailProblem;
  leadsCreated?: Array<{ id: string; email: string }>;
  /** Recipients with no Contact or Lead, not logged. */
  unmatched?: string[];
  /** Recipients past the 50th, not considered (Salesforce's own limit). */
  overLimit?: string[];
  /** Records Salesforce refused, each with its code and what to do. */
  refusals?: Array<EmailProblem & { whoId?: string; email?: string }>;
  relayedTo?: string;
  smtpReply?: string;
  problem?: EmailProblem;
  /** Pending: when the first attempt started writing Tasks (a retry then looks for them first). */
  writingSince?: string;
}

/** What the API-logging activity needs: the email, the user's rules, and whether it is a reply. */
export type ApiLoggingInput = EmailRef & { rules: ApiLoggingRules; isReply: boolean; received?: boolean };

/** The activities of the `emailLog` workflow. */
export interface EmailActivities {
  readEmailForLogging(ref: EmailRef): Promise<EmailFacts>;
  logEmailThroughApi(input: ApiLoggingInput): Promise<EmailOutcome>;
  relayEmailToSalesforce(ref: EmailRef): Promise<EmailOutcome>;
  recordEmailOutcome(input: { emailId: string; outcome: EmailOutcome }): Promise<void>;
}

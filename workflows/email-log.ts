import { ActivityFailure, ApplicationFailure, defineQuery, proxyActivities, setHandler, sleep, TimeoutFailure } from '@temporalio/workflow';
import type { EmailActivities, EmailFacts, EmailOutcome } from '../contract/email';
import { emailFailureTypes, emailProblem, loggingFailed, loggingTimedOut, notLoggedSummary, type EmailProblem, type EmailProblemCode } from '../contract/email-problems';
import { failureTypes } from '../contract/failure-types';

/**
 * One workflow per sent email (`email-log:<user>:<message key>`): read the email and the user's
 * current settings → decide (off, reply not wanted, nobody to log on) → log through the API or
 * by BCC to Email to Salesforce → record the outcome on the stored email. Only ids and choices
 * travel through history; addresses, subjects and bodies stay in the store.
 *
 * Every path ends with a recorded status: a failure the activities cannot get past becomes a
 * `failed` status with its cause and fix, never a stuck workflow.
 */

export interface EmailLogInput {
  userId: string;
  emailId: string;
}

export type EmailLogStage = 'reading' | 'logging' | 'waiting-for-api-allowance' | 'recording' | 'done';

export interface EmailLogStatus {
  stage: EmailLogStage;
  via: 'api' | 'bcc' | null;
  outcome: EmailOutcome | null;
}

export const emailLogStatusQuery = defineQuery<EmailLogStatus>('status');

// Bad input and what needs a person are final; everything else is retried with backoff.
const nonRetryableErrorTypes = [...Object.values(emailFailureTypes), failureTypes.needsUser, failureTypes.allowanceSpent];

// A store read: a worker that dies meanwhile costs its 30 seconds, no more.
const { readEmailForLogging } = proxyActivities<EmailActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10, nonRetryableErrorTypes },
});

// About two hours of retries (Salesforce or the mail relay down) before the email is marked failed.
// Both heartbeat every 2 seconds, also while one call runs: a worker that dies mid-log is noticed
// in 15 seconds, and the retry finds the Tasks the lost attempt created.
const { logEmailThroughApi, relayEmailToSalesforce } = proxyActivities<EmailActivities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '15 minutes', maximumAttempts: 14, nonRetryableErrorTypes },
});

// The store is ours: keep trying until the outcome is written.
const { recordEmailOutcome } = proxyActivities<EmailActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** The org's daily API allowance is a rolling 24 hours: wait for it hour by hour, a day at most. */
const allowanceWaits = 24;

export async function emailLog(input: EmailLogInput): Promise<EmailOutcome> {
  const status: EmailLogStatus = { stage: 'reading', via: null, outcome: null };
  setHandler(emailLogStatusQuery, () => status);

  const outcome = await readAndLog(input, status).catch(failed);
  status.stage = 'recording';
  if (!outcome.stored) await recordEmailOutcome({ emailId: input.emailId, outcome });
  status.stage = 'done';
  status.outcome = outcome;
  return outcome;
}

async function readAndLog(input: EmailLogInput, status: EmailLogStatus): Promise<EmailOutcome> {
  const facts = await readEmailForLogging(input);
  const skip = reasonToSkip(facts);
  if (skip) return skipped(skip);

  status.stage = 'logging';
  status.via = facts.mode === 'api' ? 'api' : 'bcc';
  for (let waits = 0; ; waits++) {
    try {
      if (facts.mode === 'api' && facts.rules) return await logEmailThroughApi({ ...input, rules: facts.rules, isReply: facts.isReply, ...(facts.received ? { received: true } : {}) });
      return await relayEmailToSalesforce(input);
    } catch (error) {
      if (failureTypeOf(error) !== failureTypes.allowanceSpent || waits >= allowanceWaits) throw error;
      status.stage = 'waiting-for-api-allowance';
      await sleep('1 hour');
      status.stage = 'logging';
    }
  }
}

function reasonToSkip(facts: EmailFacts): EmailProblemCode | null {
  if (facts.mode === 'off') return 'EMAIL_LOGGING_OFF';
  // Only what the user sent goes to Email to Salesforce; of what they received, only replies are logged.
  if (facts.received && facts.mode === 'bcc') return 'RECEIVED_NOT_RELAYED';
  if (facts.received && !facts.isReply) return 'RECEIVED_NOT_A_REPLY';
  if (facts.recipients === 0) return 'NO_RECIPIENTS';
  if (facts.mode === 'api' && facts.isReply && !facts.rules?.logReplies) return 'REPLY_NOT_LOGGED';
  return null;
}

function skipped(code: EmailProblemCode): EmailOutcome {
  const problem = emailProblem(code);
  return { status: 'skipped', summary: notLoggedSummary(problem, { lowerCase: true }), problem, stored: false };
}

function failed(error: unknown): EmailOutcome {
  const problem = problemOf(error);
  return { status: 'failed', summary: notLoggedSummary(problem, { lowerCase: false }), problem, stored: false };
}

/** The type of the failure an activity ended with, as contract/failure-types.ts names it. */
function failureTypeOf(error: unknown): string | undefined {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  return cause instanceof ApplicationFailure ? (cause.type ?? undefined) : undefined;
}

/** The cause and fix an activity attached to its failure (Salesforce or email problem), or a plain account of it. */
function problemOf(error: unknown): EmailProblem {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure) {
    const detail = cause.details?.[0] as Partial<EmailProblem> | undefined;
    if (detail?.code && detail.title && detail.explanation && detail.fix) return { code: detail.code, title: detail.title, explanation: detail.explanation, fix: detail.fix, message: detail.message ?? cause.message };
    return loggingFailed(cause.type ?? 'ERROR', cause.message);
  }
  if (cause instanceof TimeoutFailure) {
    return loggingTimedOut();
  }
  const message = error instanceof Error ? error.message : String(error);
  return loggingFailed('ERROR', message);
}

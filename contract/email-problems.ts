import { t, translate } from '../i18n';

/**
 * Why an email was not logged (or not completely), in the same shape as Salesforce failures
 * (`SalesforceFailureDetails`), so the workflow, the store and the HTTP answer treat both alike.
 * Plain data and the catalogue's English (pure data too): the workflow uses it.
 */
export interface EmailProblem {
  code: string;
  title: string;
  explanation: string;
  fix: string;
  /** The other side's own words (Salesforce message, SMTP reply), when there are some. */
  message?: string;
}

/**
 * Every email problem; its title, explanation and fix are in the catalogue (i18n/en.ts):
 * emailProblem.<code>.title, .explanation, .fix (a code without them fails the type check).
 */
export const emailProblemCodes = [
  'EMAIL_LOGGING_OFF',
  'REPLY_NOT_LOGGED',
  'RECEIVED_NOT_RELAYED',
  'RECEIVED_NOT_A_REPLY',
  'NO_RECIPIENTS',
  'NO_MATCHING_RECORD',
  'MALFORMED_EMAIL',
  'EMAIL_NOT_FOUND',
  'SETTINGS_INVALID',
  'EMAIL_TO_SALESFORCE_ADDRESS_MISSING',
  'EMAIL_TO_SALESFORCE_ADDRESS_REFUSED',
  'SENDER_NOT_ACCEPTABLE',
  'ENHANCED_EMAIL_OFF',
  'SMTP_REFUSED',
] as const;

export type EmailProblemCode = (typeof emailProblemCodes)[number];

/** Where the user finds, or an admin enables, the Email to Salesforce address (Salesforce Help). */
export const emailToSalesforceSteps = t('en', 'emailProblem.steps');

/**
 * The problem as stored (on the email, in the workflow's history): in English. The API tells it
 * in the reader's language from its code (api/problem-texts.ts).
 */
export function emailProblem(code: EmailProblemCode, message?: string): EmailProblem {
  const steps = emailToSalesforceSteps;
  return {
    code,
    title: translate('en', `emailProblem.${code}.title`),
    explanation: translate('en', `emailProblem.${code}.explanation`),
    fix: translate('en', `emailProblem.${code}.fix`, { steps }),
    ...(message === undefined ? {} : { message }),
  };
}

/** A failure no activity explained: its code and its own words, with what to do. */
export function loggingFailed(code: string, explanation: string): EmailProblem {
  return { code, title: t('en', 'problem.loggingFailed.title'), explanation, fix: t('en', 'problem.loggingFailed.fix') };
}

/** Logging did not finish in time, retries included. */
export function loggingTimedOut(): EmailProblem {
  return { code: 'TIMEOUT', title: t('en', 'problem.TIMEOUT.title'), explanation: t('en', 'problem.TIMEOUT.explanation'), fix: t('en', 'problem.TIMEOUT.fix') };
}

/** The line stored for an email that was not logged, in English: "Not logged: <the problem's title>". */
export function notLoggedSummary(problem: EmailProblem, { lowerCase }: { lowerCase: boolean }): string {
  return t('en', 'emailStatus.notLoggedBecause', { reason: lowerCase ? problem.title.toLowerCase() : problem.title });
}

/** Failure types the email workflow does not retry: a person must act, or the input cannot change. */
export const emailFailureTypes = {
  malformed: 'EmailMalformed',
  needsUser: 'EmailNeedsUser',
  refused: 'EmailRelayRefused',
} as const;

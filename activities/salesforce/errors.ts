import { ApplicationFailure, CancelledFailure } from '@temporalio/activity';
import { classifySalesforceError, type ClassifiedError } from '../../sync/salesforce-errors';
import { failureTypes } from '../../contract/failure-types';

/** The pieces of a jsforce/Node error the classification needs. */
export function describeSalesforceError(error: unknown): { errorCode?: string; httpStatus?: number; networkCode?: string; message: string } {
  const e = (error ?? {}) as { errorCode?: unknown; name?: unknown; code?: unknown; statusCode?: unknown; message?: unknown; data?: { error?: unknown } };
  const message = typeof e.message === 'string' ? e.message : String(error);
  const oauthError = typeof e.data?.error === 'string' ? e.data.error : undefined;
  const errorCode = typeof e.errorCode === 'string' ? e.errorCode : oauthError ?? (typeof e.name === 'string' && /^[A-Z_]+$|^invalid_grant$/.test(e.name) ? e.name : undefined);
  const networkCode = typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code) ? e.code : undefined;
  const httpStatus = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  // jsforce reports a refused refresh as a plain Error whose message names the OAuth error.
  const grant = !errorCode && /invalid_grant|expired access\/refresh token/i.test(message) ? 'invalid_grant' : undefined;
  return { errorCode: errorCode ?? grant, httpStatus, networkCode, message };
}

export function classify(error: unknown): ClassifiedError & { message: string } {
  const d = describeSalesforceError(error);
  return { ...classifySalesforceError({ errorCode: d.errorCode, httpStatus: d.httpStatus, networkCode: d.networkCode }), message: d.message };
}

export interface SalesforceFailureDetails {
  code: string;
  title: string;
  explanation: string;
  fix: string;
  message: string;
}

/**
 * Turns a whole-call Salesforce failure into the Temporal failure that gets the right handling:
 * needs-user and an exhausted allowance stop retrying (the workflow pauses and tells the user);
 * everything else is retried by the activity's retry policy. A whole call classified bad-record
 * (an unknown code, a 400 without one) is retried too: nothing tells it apart from trouble that
 * passes, and a record Salesforce refuses is answered per record, never by failing the call.
 */
export function toActivityFailure(error: unknown): ApplicationFailure | CancelledFailure {
  // A cancelled activity (worker stopping, workflow cancelling) must stay a cancellation: it is
  // no Salesforce failure, and Temporal retries a shutdown-cancelled attempt on another worker.
  if (error instanceof ApplicationFailure || error instanceof CancelledFailure) return error;
  const c = classify(error);
  return failureOf(c, c.message);
}

/**
 * A record Salesforce refused for a reason that passes (a locked row, maintenance, the allowance
 * spent) fails the activity once the rest is recorded, so a later attempt sends only that one;
 * a refusal of the record itself (bad-record, needs-user) stays with the record: undefined.
 */
export function refusalFailure(refused: { code: string; message: string }): ApplicationFailure | undefined {
  const c = classifySalesforceError({ errorCode: refused.code });
  if (c.handling !== 'retry' && c.handling !== 'wait-for-allowance') return undefined;
  return failureOf(c, refused.message);
}

function failureOf(c: ClassifiedError, message: string): ApplicationFailure {
  const details: SalesforceFailureDetails = { code: c.code, title: c.title, explanation: c.explanation, fix: c.fix, message };
  const text = `${c.code}: ${c.title}. ${message}`;
  switch (c.handling) {
    case 'needs-user':
      return ApplicationFailure.create({ type: failureTypes.needsUser, message: text, nonRetryable: true, details: [details] });
    case 'wait-for-allowance':
      return ApplicationFailure.create({ type: failureTypes.allowanceSpent, message: text, nonRetryable: true, details: [details] });
    case 'bad-record':
      return ApplicationFailure.create({ type: failureTypes.badRecord, message: text, nonRetryable: false, details: [details] });
    case 'retry':
      return ApplicationFailure.create({ type: failureTypes.transient, message: text, nonRetryable: false, details: [details] });
  }
}

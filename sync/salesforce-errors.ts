import { translate, type Language, type Params } from '../i18n';

/**
 * What to do about a Salesforce failure, and what to tell the user.
 *
 * Four ways to handle one:
 * - `retry`: passing trouble (network, lock, maintenance, 5xx). Retry with backoff; an expired
 *   session is retried after refreshing it (`refreshSession`).
 * - `wait-for-allowance`: the org's daily API allowance is spent. Stop calling SF for this org
 *   until it frees up (the allowance is a rolling 24 h), then resume.
 * - `needs-user`: nothing will change until a person acts (reconnect, licence, admin setting).
 *   Stop the sync for this user and show the message.
 * - `bad-record`: this one record cannot be written as it is. Record it in the error list,
 *   skip it, go on with the others.
 *
 * Every entry names the cause and the fix, in words a sales user or their admin can act on.
 */

export type ErrorHandling = 'retry' | 'wait-for-allowance' | 'needs-user' | 'bad-record';

export interface ErrorAdvice {
  handling: ErrorHandling;
  /** Short label for an error card, e.g. "Salesforce API not available". */
  title: string;
  /** What happened, in plain words. */
  explanation: string;
  /** What to do about it (who does what, where). */
  fix: string;
  /** Refresh the OAuth session before the retry (expired access token). */
  refreshSession?: true;
  /** The record is already gone: a delete has nothing left to do; an update means "deleted in SF". */
  recordGone?: true;
}

export interface ClassifiedError extends ErrorAdvice {
  /** The code the advice was chosen by (SF errorCode, OAuth error, network code or `HTTP_<status>`). */
  code: string;
}

export interface SalesforceFailure {
  /** `errorCode` of an SF error body, or `error` of an OAuth token answer (`invalid_grant`). */
  errorCode?: string | null;
  httpStatus?: number | null;
  /** Node's error `code` for network failures (ECONNRESET, ETIMEDOUT, …). */
  networkCode?: string | null;
}

/**
 * How each known code is handled; its words are in the catalogue (i18n/en.ts):
 * salesforceError.<code>.title, .explanation, .fix (a code without them fails the type check).
 */
const rules = {
  // ---- access and validation: this record cannot be written as it is
  FIELD_CUSTOM_VALIDATION_EXCEPTION: { handling: 'bad-record' },
  REQUIRED_FIELD_MISSING: { handling: 'bad-record' },
  INSUFFICIENT_ACCESS_OR_READONLY: { handling: 'bad-record' },
  INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: { handling: 'bad-record' },
  FIELD_INTEGRITY_EXCEPTION: { handling: 'bad-record' },
  INVALID_FIELD_FOR_INSERT_UPDATE: { handling: 'bad-record' },
  ENTITY_IS_LOCKED: { handling: 'bad-record' },
  CANNOT_UPDATE_CONVERTED_LEAD: { handling: 'bad-record' },
  STRING_TOO_LONG: { handling: 'bad-record' },
  NOT_FOUND: { handling: 'bad-record', recordGone: true },
  ENTITY_IS_DELETED: { handling: 'bad-record', recordGone: true },
  INVALID_CROSS_REFERENCE_KEY: { handling: 'bad-record' },

  // ---- authentication: a person must act
  INVALID_SESSION_ID: { handling: 'retry', refreshSession: true },
  invalid_grant: { handling: 'needs-user' },
  INACTIVE_USER: { handling: 'needs-user' },
  INACTIVE_OWNER_OR_USER: { handling: 'needs-user' },
  INACTIVE_ORGANIZATION: { handling: 'needs-user' },
  API_CURRENTLY_DISABLED: { handling: 'needs-user' },
  API_DISABLED_FOR_ORG: { handling: 'needs-user' },

  // ---- passing trouble: retry
  UNABLE_TO_LOCK_ROW: { handling: 'retry' },
  SERVER_UNAVAILABLE: { handling: 'retry' },
  QUERY_TIMEOUT: { handling: 'retry' },
  UNKNOWN_EXCEPTION: { handling: 'retry' },
  INSERT_UPDATE_DELETE_NOT_ALLOWED_DURING_MAINTENANCE: { handling: 'retry' },
  REQUEST_LIMIT_EXCEEDED: { handling: 'wait-for-allowance' },

  // ---- beyond the codes: a network failure, an HTTP status saying Salesforce is unavailable, a refusal the sync does not know
  network: { handling: 'retry' },
  unavailable: { handling: 'retry' },
  unknown: { handling: 'bad-record' },
} as const satisfies Record<string, Pick<ErrorAdvice, 'handling' | 'refreshSession' | 'recordGone'>>;

type AdviceId = keyof typeof rules;
const beyondCodes: ReadonlySet<string> = new Set<AdviceId>(['network', 'unavailable', 'unknown']);

/** Network failures by Node's `code`. */
const networkCodes = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

export const knownSalesforceErrorCodes: readonly string[] = Object.keys(rules).filter((id) => !beyondCodes.has(id));

/** Which advice, with which params, for a Salesforce error code. */
interface Chosen {
  id: AdviceId;
  params?: Params;
}

function knownCode(code: string): AdviceId | undefined {
  for (const candidate of [code, code.toUpperCase()]) if (Object.hasOwn(rules, candidate) && !beyondCodes.has(candidate)) return candidate as AdviceId;
  return undefined;
}

function byStatus(status: number): Chosen {
  if (status === 401) return { id: 'INVALID_SESSION_ID' };
  if (status === 408 || status === 429 || status >= 500) return { id: 'unavailable', params: { status } };
  if (status === 404) return { id: 'NOT_FOUND' };
  // 400, 403 and others without a known code: something about this request.
  return { id: 'unknown' };
}

/** The advice for a failure, and the code it is recorded by (SF errorCode, OAuth error, network code or `HTTP_<status>`). */
function choose({ errorCode, httpStatus, networkCode }: SalesforceFailure): Chosen & { code: string } {
  const known = errorCode ? knownCode(errorCode) : undefined;
  if (errorCode && known) return { id: known, code: errorCode };
  if (networkCode && networkCodes.has(networkCode)) return { id: 'network', code: networkCode };
  if (httpStatus != null) return { ...byStatus(httpStatus), code: errorCode || `HTTP_${httpStatus}` };
  if (networkCode) return { id: 'network', code: networkCode };
  return { id: 'unknown', code: errorCode || 'UNKNOWN' };
}

/** The title, explanation and fix of an advice in a language. */
export interface AdviceTexts {
  title: string;
  explanation: string;
  fix: string;
}

function texts({ id, params }: Chosen, lang: Language): AdviceTexts {
  return {
    title: translate(lang, `salesforceError.${id}.title`, params),
    explanation: translate(lang, `salesforceError.${id}.explanation`, params),
    fix: translate(lang, `salesforceError.${id}.fix`, params),
  };
}

export function classifySalesforceError(failure: SalesforceFailure): ClassifiedError {
  const chosen = choose(failure);
  return { code: chosen.code, ...rules[chosen.id], ...texts(chosen, 'en') };
}

/**
 * What a recorded error code means and what to do, in `lang`: the advice classifySalesforceError
 * gave for it (an `HTTP_<status>` code by its status, a network code as a network failure).
 */
export function describeSalesforceError(code: string, lang: Language): AdviceTexts {
  const known = knownCode(code);
  if (known) return texts({ id: known }, lang);
  if (networkCodes.has(code)) return texts({ id: 'network' }, lang);
  const http = /^HTTP_(\d{3})$/.exec(code);
  return texts(http ? byStatus(Number(http[1])) : { id: 'unknown' }, lang);
}

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

const advice: Record<string, ErrorAdvice> = {
  // ---- access and validation: this record cannot be written as it is
  FIELD_CUSTOM_VALIDATION_EXCEPTION: {
    handling: 'bad-record',
    title: 'Blocked by a Salesforce validation rule',
    explanation: 'A validation rule in your Salesforce org refused this task (its message is shown with the error).',
    fix: 'Change the task so it meets the rule, or ask your Salesforce admin to adjust the rule (Setup → Object Manager → Activity/Task → Validation Rules); then choose Resync.',
  },
  REQUIRED_FIELD_MISSING: {
    handling: 'bad-record',
    title: 'A field Salesforce requires is empty',
    explanation: 'Your org requires a Task field that the sync does not fill (the field is named with the error).',
    fix: 'Ask your Salesforce admin to give that field a default value or make it optional for tasks created through the API; then choose Resync.',
  },
  INSUFFICIENT_ACCESS_OR_READONLY: {
    handling: 'bad-record',
    title: 'No permission to change this task',
    explanation: 'Your Salesforce user may not create or edit this task (sharing rules, or a read-only profile).',
    fix: 'Ask your Salesforce admin for Edit access to Tasks (profile or permission set, and sharing on the related record); then choose Resync.',
  },
  INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: {
    handling: 'bad-record',
    title: 'No access to a related record',
    explanation: 'The task points at a record (owner, contact, lead or opportunity) your Salesforce user cannot see or use.',
    fix: 'Ask your Salesforce admin to share the related record with you, or relate the task to a record you can access; then choose Resync.',
  },
  FIELD_INTEGRITY_EXCEPTION: {
    handling: 'bad-record',
    title: 'A value does not fit the field',
    explanation: 'Salesforce refused a value, for example a status or priority your org does not offer, or a related record of the wrong type.',
    fix: 'Check the field named with the error; your admin can add the value to the picklist (Setup → Object Manager → Task → Fields); then choose Resync.',
  },
  INVALID_FIELD_FOR_INSERT_UPDATE: {
    handling: 'bad-record',
    title: 'A field cannot be written',
    explanation: 'Your Salesforce user may not set one of the task fields (field-level security), or the SIA_Task_Id__c field is missing.',
    fix: 'Ask your Salesforce admin to make the Task fields Subject, Status, Priority, Due Date, Comments, Reminder and SIA_Task_Id__c editable for your profile; then choose Resync.',
  },
  ENTITY_IS_LOCKED: {
    handling: 'bad-record',
    title: 'The record is locked',
    explanation: 'The task or its related record is locked, usually by an approval process.',
    fix: 'Wait until the approval finishes or ask the approver or your admin to unlock it; then choose Resync.',
  },
  CANNOT_UPDATE_CONVERTED_LEAD: {
    handling: 'bad-record',
    title: 'The lead was converted',
    explanation: 'The task is related to a lead that has been converted to a contact, and converted leads cannot change.',
    fix: 'Relate the task to the contact the lead became; new emails are logged on the contact automatically.',
  },
  STRING_TOO_LONG: {
    handling: 'bad-record',
    title: 'Text too long for Salesforce',
    explanation: 'A text is longer than your org allows for that field (the sync already cuts Subject to 255 and Comments to 32,000 characters; your org may allow less).',
    fix: 'Shorten the task name or details, or ask your admin whether the field length was reduced; then choose Resync.',
  },
  NOT_FOUND: {
    handling: 'bad-record',
    title: 'The task is no longer in Salesforce',
    explanation: 'The Salesforce task was deleted (or you lost access to it).',
    fix: 'Nothing to do: the sync treats it as deleted in Salesforce.',
    recordGone: true,
  },
  ENTITY_IS_DELETED: {
    handling: 'bad-record',
    title: 'The task was deleted in Salesforce',
    explanation: 'The Salesforce task is in the recycle bin.',
    fix: 'Nothing to do: the sync treats it as deleted. To keep it, restore it from the Salesforce recycle bin.',
    recordGone: true,
  },
  INVALID_CROSS_REFERENCE_KEY: {
    handling: 'bad-record',
    title: 'A related record does not exist',
    explanation: 'The task refers to a record id that does not exist in this org (or you cannot see it).',
    fix: 'Check the contact, lead or opportunity the task is related to; then choose Resync.',
  },

  // ---- authentication: a person must act
  INVALID_SESSION_ID: {
    handling: 'retry',
    title: 'Salesforce session expired',
    explanation: 'The Salesforce session ended (timeout, logout or password change).',
    fix: 'Nothing to do: the session is renewed automatically. If renewal fails you will be asked to reconnect.',
    refreshSession: true,
  },
  invalid_grant: {
    handling: 'needs-user',
    title: 'Reconnect Salesforce',
    explanation: 'Salesforce no longer accepts this connection (the access was revoked, expired by your org’s policy, or the password changed).',
    fix: 'Open Settings → Salesforce and connect your Salesforce account again. Syncing resumes where it stopped.',
  },
  INACTIVE_USER: {
    handling: 'needs-user',
    title: 'Salesforce user is inactive',
    explanation: 'Your Salesforce user has been deactivated.',
    fix: 'Ask your Salesforce admin to reactivate your user (Setup → Users), or connect an active Salesforce user in Settings → Salesforce.',
  },
  INACTIVE_OWNER_OR_USER: {
    handling: 'needs-user',
    title: 'Salesforce user is inactive',
    explanation: 'The owner of the task, or your own Salesforce user, is inactive.',
    fix: 'Ask your Salesforce admin to reactivate the user or reassign the task to an active user.',
  },
  INACTIVE_ORGANIZATION: {
    handling: 'needs-user',
    title: 'Salesforce org is inactive',
    explanation: 'The Salesforce organization is suspended or its subscription has ended.',
    fix: 'Your Salesforce admin must reactivate the org with Salesforce; then reconnect in Settings → Salesforce.',
  },
  API_CURRENTLY_DISABLED: {
    handling: 'needs-user',
    title: 'Salesforce API not available',
    explanation:
      'Your Salesforce edition does not include API access, or API access is switched off for your user. Salesforce Enterprise/Unlimited, or Professional with the Web Services API add-on, is needed.',
    fix: 'Ask your Salesforce admin to check the edition (Professional needs the Web Services API add-on) and that your profile or a permission set has “API Enabled” (Setup → Users → Profiles). Until then you can log emails with the Email to Salesforce (BCC) option.',
  },
  API_DISABLED_FOR_ORG: {
    handling: 'needs-user',
    title: 'Salesforce API not available',
    explanation:
      'Your Salesforce edition does not include API access. Salesforce Enterprise/Unlimited, or Professional with the Web Services API add-on, is needed.',
    fix: 'Ask your Salesforce admin or account executive about API access. Until then you can log emails with the Email to Salesforce (BCC) option.',
  },

  // ---- passing trouble: retry
  UNABLE_TO_LOCK_ROW: {
    handling: 'retry',
    title: 'Salesforce record busy',
    explanation: 'Another process was changing the same record at that moment.',
    fix: 'Nothing to do: the sync retries shortly.',
  },
  SERVER_UNAVAILABLE: {
    handling: 'retry',
    title: 'Salesforce unavailable',
    explanation: 'Salesforce’s servers did not answer (busy or restarting).',
    fix: 'Nothing to do: the sync retries shortly. status.salesforce.com shows incidents.',
  },
  QUERY_TIMEOUT: {
    handling: 'retry',
    title: 'Salesforce query took too long',
    explanation: 'Salesforce stopped a query that ran too long, usually because the org is very busy.',
    fix: 'Nothing to do: the sync retries with a smaller page.',
  },
  UNKNOWN_EXCEPTION: {
    handling: 'retry',
    title: 'Salesforce internal error',
    explanation: 'Salesforce hit an internal error.',
    fix: 'Nothing to do: the sync retries. If it keeps failing, the error id shown can be given to Salesforce support.',
  },
  INSERT_UPDATE_DELETE_NOT_ALLOWED_DURING_MAINTENANCE: {
    handling: 'retry',
    title: 'Salesforce maintenance',
    explanation: 'Your Salesforce org is in a maintenance window and is read-only.',
    fix: 'Nothing to do: changes are written when maintenance ends (see status.salesforce.com).',
  },
  REQUEST_LIMIT_EXCEEDED: {
    handling: 'wait-for-allowance',
    title: 'Salesforce daily API limit reached',
    explanation: 'Your org has used its API calls for the last 24 hours (the limit is shared by every integration in the org).',
    fix: 'Nothing to do: syncing resumes when calls free up. If this happens often, your admin can lower other integrations’ usage, lower this product’s share, or buy more API calls.',
  },
};

/** Network failures by Node's `code`. */
const networkCodes = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

const networkAdvice: ErrorAdvice = {
  handling: 'retry',
  title: 'Could not reach Salesforce',
  explanation: 'The connection to Salesforce failed or timed out.',
  fix: 'Nothing to do: the sync retries shortly.',
};

export const knownSalesforceErrorCodes: readonly string[] = Object.keys(advice);

export interface SalesforceFailure {
  /** `errorCode` of an SF error body, or `error` of an OAuth token answer (`invalid_grant`). */
  errorCode?: string | null;
  httpStatus?: number | null;
  /** Node's error `code` for network failures (ECONNRESET, ETIMEDOUT, …). */
  networkCode?: string | null;
}

export function classifySalesforceError({ errorCode, httpStatus, networkCode }: SalesforceFailure): ClassifiedError {
  if (errorCode) {
    const known = advice[errorCode] ?? advice[errorCode.toUpperCase()];
    if (known) return { code: errorCode, ...known };
  }
  if (networkCode && networkCodes.has(networkCode)) return { code: networkCode, ...networkAdvice };
  if (httpStatus != null) return { code: errorCode || `HTTP_${httpStatus}`, ...byStatus(httpStatus) };
  if (networkCode) return { code: networkCode, ...networkAdvice };
  return { code: errorCode || 'UNKNOWN', ...unknownRecordError };
}

const unknownRecordError: ErrorAdvice = {
  handling: 'bad-record',
  title: 'Salesforce refused the change',
  explanation: 'Salesforce refused this task with an error the sync does not know (its message is shown with it).',
  fix: 'Read the Salesforce message; fix the task or ask your Salesforce admin; then choose Resync.',
};

function byStatus(status: number): ErrorAdvice {
  if (status === 401) return advice.INVALID_SESSION_ID as ErrorAdvice;
  if (status === 408 || status === 429 || status >= 500) return { ...networkAdvice, title: 'Salesforce unavailable', explanation: `Salesforce answered HTTP ${status}.` };
  if (status === 404) return advice.NOT_FOUND as ErrorAdvice;
  // 400, 403 and others without a known code: something about this request.
  return unknownRecordError;
}

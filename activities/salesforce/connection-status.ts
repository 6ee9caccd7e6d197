import { getUser, recordSyncError, resolveSyncError, setOrgIntegrationStatus, setSalesforceStatus, type Db, type SalesforceStatus } from '../../store';
import { classify, toActivityFailure, type SalesforceFailureDetails } from './errors';
import { failureTypes } from '../../contract/failure-types';
import type { SalesforceAccount } from './connections';

/** The connection problems a person must fix, as the user's Salesforce status shows them. */
const statusByCode: Record<string, Exclude<SalesforceStatus, 'connected' | 'not_connected'>> = {
  invalid_grant: 'needs_reconnect',
  API_CURRENTLY_DISABLED: 'api_disabled',
  API_DISABLED_FOR_ORG: 'api_disabled',
  INACTIVE_USER: 'inactive',
  INACTIVE_OWNER_OR_USER: 'inactive',
  INACTIVE_ORGANIZATION: 'inactive',
};

const troubleStatuses = new Set<SalesforceStatus>(Object.values(statusByCode));
const connectionKey = 'connection';

/**
 * Turns a whole-call failure into the Temporal failure (see errors.ts) and, when a person must
 * act, records it where the API and pages read it: the user's Salesforce status and an open
 * `connection` sync error with the explanation and the fix. For the org's integration user, its
 * status: an integration that is not connected is no longer opened, so the org's users poll
 * Salesforce themselves again until an admin reconnects it.
 */
export async function reportCallFailure(db: Db, account: SalesforceAccount, error: unknown, now: Date): Promise<Error> {
  const failure = toActivityFailure(error);
  if (!('type' in failure) || failure.type !== failureTypes.needsUser) return failure;
  const details = (failure.details?.[0] ?? classify(error)) as Partial<SalesforceFailureDetails>;
  const status = details.code ? statusByCode[details.code] : undefined;
  if (!status) return failure;
  const reason = `${details.title ?? details.code}: ${details.fix ?? ''}`.trim();
  if ('orgId' in account) {
    await setOrgIntegrationStatus(db, account.orgId, status, reason);
  } else {
    const { userId } = account;
    await setSalesforceStatus(db, userId, status, reason, now);
    await recordSyncError(db, userId, { key: connectionKey, code: details.code ?? 'UNKNOWN', message: details.message ?? failure.message, explanation: `${details.explanation ?? ''} ${details.fix ?? ''}`.trim() }, now);
  }
  return failure;
}

/**
 * A call went through: a connection marked as broken works again. The connection error is
 * closed even when the status already says connected (reconnecting sets it). An integration
 * user is only opened while connected: nothing to clear.
 */
export async function reportCallSuccess(db: Db, account: SalesforceAccount, now: Date): Promise<void> {
  if (!('userId' in account)) return;
  const { userId } = account;
  const user = await getUser(db, userId);
  if (user && troubleStatuses.has(user.salesforce.status)) await setSalesforceStatus(db, userId, 'connected', null, now);
  await resolveSyncError(db, userId, connectionKey, now);
}

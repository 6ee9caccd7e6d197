import type { SalesforceStatus, User } from '../../store/users';

/** The Salesforce connection as the API shows it: state, identity and, when something is wrong, what to do. */
export interface ConnectionView {
  status: SalesforceStatus;
  /** An account is connected (its token is stored), whatever its health. */
  connected: boolean;
  needsReconnect: boolean;
  /** Why the state is not "connected", and the fix; null when all is well. */
  reason: string | null;
  username: string | null;
  orgId: string | null;
  sfUserId: string | null;
  instanceUrl: string | null;
  connectedAt: string | null;
  statusAt: string | null;
}

const reasons: Record<SalesforceStatus, string | null> = {
  connected: null,
  not_connected: 'No Salesforce account is connected. Connect one under Settings → Salesforce.',
  needs_reconnect: 'Salesforce no longer accepts this connection (the access was revoked, expired, or the password policy ended it). Connect again under Settings → Salesforce.',
  api_disabled:
    'Your Salesforce org or user has no API access (API_CURRENTLY_DISABLED): the org needs Enterprise or Unlimited edition, or Professional with the Web Services API bought, and your user needs the "API Enabled" permission.',
  inactive: 'Your Salesforce user or organization is inactive (INACTIVE_USER / INACTIVE_ORGANIZATION): a Salesforce admin must reactivate it.',
};

export function connectionView(user: User): ConnectionView {
  const sf = user.salesforce;
  const reason = reasons[sf.status];
  return {
    status: sf.status,
    connected: hasSalesforceAccount(user),
    needsReconnect: sf.status === 'needs_reconnect',
    reason: reason === null ? null : sf.statusDetail ? `${reason} (${sf.statusDetail})` : reason,
    username: sf.username,
    orgId: sf.orgId,
    sfUserId: sf.sfUserId,
    instanceUrl: sf.instanceUrl,
    connectedAt: sf.connectedAt,
    statusAt: sf.statusAt,
  };
}

export function hasSalesforceAccount(user: User): boolean {
  return user.salesforce.status !== 'not_connected' && user.salesforce.orgId !== null;
}

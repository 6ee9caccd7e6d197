import { z } from 'zod';
import type { SalesforceStatus, User } from '../../store/users';
import { instantSchema } from './schemas';
import { salesforceStatusSchema } from './views';

/** The Salesforce connection as the API shows it: state, identity and, when something is wrong, what to do. */
export const connectionViewSchema = z.strictObject({
  status: salesforceStatusSchema,
  connected: z.boolean().describe('An account is connected (its token is stored), whatever its health.'),
  needsReconnect: z.boolean(),
  reason: z.string().nullable().describe('Why the state is not "connected", and the fix; null when all is well.'),
  username: z.string().nullable(),
  orgId: z.string().nullable(),
  sfUserId: z.string().nullable(),
  instanceUrl: z.string().nullable(),
  connectedAt: instantSchema.nullable(),
  statusAt: instantSchema.nullable(),
}).meta({ id: 'SalesforceConnection' });
export type ConnectionView = z.infer<typeof connectionViewSchema>;

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

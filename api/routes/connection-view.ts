import { z } from 'zod';
import { t, type Language } from '../../i18n';
import type { User } from '../../store/users';
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

/** The connection in the reader's language (its `reason`). */
export function connectionView(user: User, lang: Language): ConnectionView {
  const sf = user.salesforce;
  const reason = sf.status === 'connected' ? null : t(lang, `connection.${sf.status}`);
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

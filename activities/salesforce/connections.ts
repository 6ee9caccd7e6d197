import { ApplicationFailure } from '@temporalio/activity';
import type { SalesforceAppConfig } from '../../config/salesforce';
import { getOrgIntegrationCredentials, getSalesforceCredentials, type Store } from '../../store';
import { failureTypes } from '../../contract/failure-types';
import { SalesforceClient, userConnection } from './client';
import { t } from '../../i18n';

/** Whose connection a call goes on: a SIA user's own, or the org's integration user's (View All Data). */
export type SalesforceAccount = { userId: string } | { orgId: string };

/** A client on an account's session, with the Salesforce user and org it belongs to. */
export type AccountClient = SalesforceClient & { sfUserId: string; orgId: string };

/**
 * One jsforce connection per user per worker process, opened from the user's stored (encrypted)
 * refresh token. Access tokens stay in memory; jsforce refreshes them on INVALID_SESSION_ID.
 */
export class SalesforceConnections {
  private readonly sessions = new Map<string, { instanceUrl: string; refreshToken: string; accessToken?: string; sfUserId: string; orgId: string }>();

  constructor(
    private readonly store: Store,
    private readonly secretKey: Buffer,
    private readonly app: SalesforceAppConfig,
  ) {}

  /**
   * A fresh client (its own call counter) on the user's session. The stored credentials are read
   * every time (one indexed row): a reconnect through the API takes effect at the next call,
   * while the access token is kept as long as the refresh token is the same.
   */
  async forUser(userId: string): Promise<AccountClient> {
    const credentials = await getSalesforceCredentials(this.store.db, this.secretKey, userId);
    if (!credentials) {
      this.sessions.delete(userId);
      throw ApplicationFailure.create({
        type: failureTypes.needsUser,
        nonRetryable: true,
        message: 'SALESFORCE_NOT_CONNECTED: this user has not connected a Salesforce account. Connect it under Settings → Salesforce.',
        details: [
          {
            code: 'SALESFORCE_NOT_CONNECTED',
            title: t('en', 'problem.SALESFORCE_NOT_CONNECTED.title'),
            explanation: t('en', 'problem.SALESFORCE_NOT_CONNECTED.explanation'),
            fix: t('en', 'problem.SALESFORCE_NOT_CONNECTED.fix'),
            message: 'not connected',
          },
        ],
      });
    }
    return this.client(userId, credentials);
  }

  /** A client on the org's integration user (View All Data), or undefined when the org has none connected. */
  async forOrg(orgId: string): Promise<AccountClient | undefined> {
    const credentials = await getOrgIntegrationCredentials(this.store.db, this.secretKey, orgId);
    if (!credentials) return undefined;
    return this.client(`org:${orgId}`, { ...credentials, sfUserId: credentials.sfUserId, orgId });
  }

  private client(key: string, credentials: { instanceUrl: string; refreshToken: string; sfUserId: string; orgId: string }): AccountClient {
    let session = this.sessions.get(key);
    if (!session || session.refreshToken !== credentials.refreshToken || session.instanceUrl !== credentials.instanceUrl) {
      session = { instanceUrl: credentials.instanceUrl, refreshToken: credentials.refreshToken, sfUserId: credentials.sfUserId, orgId: credentials.orgId };
      this.sessions.set(key, session);
    }
    const connection = userConnection(this.app, session);
    const current = session;
    connection.on('refresh', (accessToken: string) => {
      current.accessToken = accessToken;
    });
    return Object.assign(new SalesforceClient(connection, this.app.apiVersion), { sfUserId: session.sfUserId, orgId: session.orgId });
  }
}

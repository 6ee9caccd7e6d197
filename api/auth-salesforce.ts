import { OAuth2 } from 'jsforce';
import type { SalesforceAppConfig } from '../config/salesforce';
import type { SalesforceConnectionInput } from '../store/users';

/**
 * The OAuth 2.0 web server flow with the product's connected app: the authorize URL the user's
 * browser goes to, the code exchange, the identity read, and token revocation.
 */

export class SalesforceOAuthError extends Error {
  override readonly name = 'SalesforceOAuthError';
  constructor(
    /** Salesforce's error (invalid_grant …) or ours (no_refresh_token, identity_failed). */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Full API access and a refresh token: the sync runs while the user is away. */
const scope = 'api refresh_token';

function oauth2(app: SalesforceAppConfig): OAuth2 {
  return new OAuth2({ loginUrl: app.loginUrl, clientId: app.clientId, clientSecret: app.clientSecret, redirectUri: app.redirectUri });
}

export function salesforceAuthorizeUrl(app: SalesforceAppConfig, state: string, loginHint?: string): string {
  return oauth2(app).getAuthorizationUrl({ state, scope, ...(loginHint ? { login_hint: loginHint } : {}) });
}

interface Identity {
  user_id?: unknown;
  organization_id?: unknown;
  username?: unknown;
  email?: unknown;
}

/** Trades the code for tokens and reads who connected. Throws SalesforceOAuthError. */
export async function exchangeAuthorizationCode(app: SalesforceAppConfig, code: string): Promise<SalesforceConnectionInput> {
  let token;
  try {
    token = await oauth2(app).requestToken(code);
  } catch (error) {
    const e = error as { name?: string; message?: string };
    const name = e.name && e.name !== 'Error' ? e.name : 'token_request_failed';
    throw new SalesforceOAuthError(name, `Salesforce refused the sign-in (${name}: ${e.message ?? 'no reason given'}). An authorization code works once and only for a few minutes: connect again from Settings → Salesforce.`);
  }
  if (!token.refresh_token) {
    throw new SalesforceOAuthError(
      'no_refresh_token',
      'Salesforce gave no refresh token, so the sync could not run while you are away. A Salesforce admin must add the OAuth scope "Perform requests at any time (refresh_token, offline_access)" to the connected app, then connect again.',
    );
  }
  const response = await fetch(token.id, { headers: { authorization: `Bearer ${token.access_token}`, accept: 'application/json' } }).catch((error: unknown) => {
    throw new SalesforceOAuthError('identity_failed', `Could not reach Salesforce to read who signed in (${(error as Error).message}). Connect again in a moment.`);
  });
  if (!response.ok) throw new SalesforceOAuthError('identity_failed', `Salesforce would not say who signed in (HTTP ${response.status}). Connect again in a moment.`);
  const identity = (await response.json()) as Identity;
  const { user_id, organization_id, username, email } = identity;
  if (typeof user_id !== 'string' || typeof organization_id !== 'string' || typeof username !== 'string') {
    throw new SalesforceOAuthError('identity_failed', 'Salesforce answered the identity request without user id, organization id and username. Connect again; if it keeps happening, report it.');
  }
  return { instanceUrl: token.instance_url, sfUserId: user_id, orgId: organization_id, username, email: typeof email === 'string' ? email : null, refreshToken: token.refresh_token };
}

/** Revokes a refresh token (and the sessions made from it). */
export async function revokeSalesforceToken(app: SalesforceAppConfig, refreshToken: string): Promise<void> {
  await oauth2(app).revokeToken(refreshToken);
}

import { OAuth2 } from 'jsforce';
import type { SalesforceAppConfig } from '../config/salesforce';
import type { SalesforceConnectionInput } from '../store/users';
import { msg, t, type Localized } from '../i18n';

/**
 * The OAuth 2.0 web server flow with the product's connected app: the authorize URL the user's
 * browser goes to, the code exchange, the identity read, and token revocation.
 */

export class SalesforceOAuthError extends Error {
  override readonly name = 'SalesforceOAuthError';
  constructor(
    /** Salesforce's error (invalid_grant …) or ours (no_refresh_token, identity_failed). */
    readonly code: string,
    /** What happened and what to do, in the reader's language; `message` holds it in English. */
    readonly text: Localized,
  ) {
    super(text('en'));
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
    throw new SalesforceOAuthError(name, (lang) => t(lang, 'oauth.tokenRefused', { name, reason: e.message ?? t(lang, 'oauth.noReason') }));
  }
  if (!token.refresh_token) {
    throw new SalesforceOAuthError('no_refresh_token', msg('oauth.noRefreshToken'));
  }
  const response = await fetch(token.id, { headers: { authorization: `Bearer ${token.access_token}`, accept: 'application/json' } }).catch((error: unknown) => {
    throw new SalesforceOAuthError('identity_failed', msg('oauth.identityUnreachable', { reason: (error as Error).message }));
  });
  if (!response.ok) throw new SalesforceOAuthError('identity_failed', msg('oauth.identityRefused', { status: response.status }));
  const identity = (await response.json()) as Identity;
  const { user_id, organization_id, username, email } = identity;
  if (typeof user_id !== 'string' || typeof organization_id !== 'string' || typeof username !== 'string') {
    throw new SalesforceOAuthError('identity_failed', msg('oauth.identityIncomplete'));
  }
  return { instanceUrl: token.instance_url, sfUserId: user_id, orgId: organization_id, username, email: typeof email === 'string' ? email : null, refreshToken: token.refresh_token };
}

/** Revokes a refresh token (and the sessions made from it). */
export async function revokeSalesforceToken(app: SalesforceAppConfig, refreshToken: string): Promise<void> {
  await oauth2(app).revokeToken(refreshToken);
}

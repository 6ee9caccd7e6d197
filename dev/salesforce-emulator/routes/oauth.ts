/**
 * OAuth 2.0 endpoints: token (password, refresh_token, authorization_code grants), authorize
 * (auto-approves: no consent page), revoke, userinfo and the identity URL.
 */
import { createHmac } from 'node:crypto';
import type { EmulatorState } from '../emulator-state';
import { json, type Reply, type RequestInfo } from '../http-types';
import { normalizeId } from '../ids';
import type { ConnectedApp, OrgUser } from '../org-model';
import type { Session } from '../tokens';

const oauthError = (error: string, description: string, status = 400): Reply => json(status, { error, error_description: description });

function findApp(state: EmulatorState, clientId: string | null): ConnectedApp | undefined {
  if (!clientId) return undefined;
  for (const org of state.store.allOrgs()) {
    const app = org.apps.get(clientId);
    if (app) return app;
  }
  return undefined;
}

function tokenResponse(info: RequestInfo, app: ConnectedApp, session: Session, extra: Record<string, string> = {}): Reply {
  const id = `${info.baseUrl}/id/${session.orgId}/${session.userId}`;
  const issuedAt = String(session.issuedMs);
  const signature = createHmac('sha256', app.clientSecret).update(id + issuedAt).digest('base64');
  return json(200, {
    access_token: session.token,
    ...extra,
    signature,
    instance_url: info.baseUrl,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
  });
}

/** Checks client_id and client_secret the way the token endpoint does. */
function authenticateClient(state: EmulatorState, form: URLSearchParams): ConnectedApp | Reply {
  const app = findApp(state, form.get('client_id'));
  if (!app) return oauthError('invalid_client_id', 'client identifier invalid');
  const secret = form.get('client_secret');
  if (secret !== null && secret !== app.clientSecret) return oauthError('invalid_client', 'invalid client credentials');
  return app;
}

function checkLogin(state: EmulatorState, username: string | null, password: string | null): OrgUser | undefined {
  const user = username ? state.store.userByUsername(username) : undefined;
  return user && user.isActive && user.password === password ? user : undefined;
}

export function token(state: EmulatorState, info: RequestInfo): Reply {
  const form = new URLSearchParams(info.bodyText);
  const grant = form.get('grant_type');
  const now = state.clock.now();
  const appOrReply = authenticateClient(state, form);
  if ('status' in appOrReply) return appOrReply;
  const app = appOrReply;
  switch (grant) {
    case 'password': {
      // The username-password flow needs the secret and gives no refresh token.
      if (form.get('client_secret') === null) return oauthError('invalid_client', 'invalid client credentials');
      const user = checkLogin(state, form.get('username'), form.get('password'));
      if (!user) return oauthError('invalid_grant', 'authentication failure');
      return tokenResponse(info, app, state.tokens.issueSession(user.orgId, user.id, app.clientId, now));
    }
    case 'authorization_code': {
      const code = state.tokens.redeemCode(form.get('code') ?? '', now);
      if (!code || code.clientId !== app.clientId) return oauthError('invalid_grant', 'invalid authorization code');
      if (form.get('redirect_uri') !== code.redirectUri) return oauthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
      const grantRec = state.tokens.issueRefresh(code.orgId, code.userId, app.clientId, now, app.refreshTokenLifetimeSeconds);
      const session = state.tokens.issueSession(code.orgId, code.userId, app.clientId, now, grantRec.token);
      return tokenResponse(info, app, session, { refresh_token: grantRec.token, scope: 'refresh_token api' });
    }
    case 'refresh_token': {
      const g = state.tokens.refreshGrant(form.get('refresh_token') ?? '', now);
      if (!g || g.clientId !== app.clientId) return oauthError('invalid_grant', 'expired access/refresh token');
      const user = state.store.findOrg(g.orgId)?.users.get(g.userId);
      if (!user?.isActive) return oauthError('invalid_grant', 'inactive user');
      return tokenResponse(info, app, state.tokens.issueSession(g.orgId, g.userId, app.clientId, now, g.token), { scope: 'refresh_token api' });
    }
    default:
      return oauthError('unsupported_grant_type', 'grant type not supported');
  }
}

function loginPage(params: URLSearchParams, failed: boolean): Reply {
  const hidden = [...params.entries()]
    .filter(([k]) => k !== 'username' && k !== 'password')
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const text = `<!doctype html><title>Salesforce emulator login</title><form method="post" action="/services/oauth2/authorize">${hidden}${
    failed ? '<p>Please check your username and password.</p>' : ''
  }<label>Username <input name="username"></label><label>Password <input name="password" type="password"></label><button>Log In</button></form>`;
  return { status: 200, raw: { contentType: 'text/html;charset=UTF-8', text } };
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function redirectWith(target: string, params: Record<string, string>): Reply {
  const url = new URL(target);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return { status: 302, headers: { location: url.toString() }, raw: { contentType: 'text/plain', text: '' } };
}

/**
 * GET: with `login_hint` naming a user, approves at once (a dev emulator has nobody to click
 * "Allow"); otherwise shows a login form. POST: the form's username and password.
 */
export function authorize(state: EmulatorState, info: RequestInfo): Reply {
  const params = info.method === 'POST' ? new URLSearchParams(info.bodyText) : info.query;
  const app = findApp(state, params.get('client_id'));
  const redirectUri = params.get('redirect_uri');
  if (!app) return { status: 400, raw: { contentType: 'text/plain', text: 'error=invalid_client_id&error_description=client%20identifier%20invalid' } };
  if (!redirectUri || (app.callbackUrls.length > 0 && !app.callbackUrls.includes(redirectUri))) {
    return { status: 400, raw: { contentType: 'text/plain', text: 'error=redirect_uri_mismatch&error_description=redirect_uri%20must%20match%20configuration' } };
  }
  if (params.get('response_type') !== 'code') return redirectWith(redirectUri, { error: 'unsupported_response_type', error_description: 'response type not supported' });
  let user: OrgUser | undefined;
  if (info.method === 'POST') {
    user = checkLogin(state, params.get('username'), params.get('password'));
    if (!user) return loginPage(params, true);
  } else {
    const hint = params.get('login_hint');
    user = hint ? state.store.userByUsername(hint) : undefined;
    if (!user?.isActive) return loginPage(params, false);
  }
  const code = state.tokens.issueCode(user.orgId, user.id, app.clientId, redirectUri, state.clock.now());
  const state_ = params.get('state');
  return redirectWith(redirectUri, { code: code.code, ...(state_ ? { state: state_ } : {}) });
}

export function revoke(state: EmulatorState, info: RequestInfo): Reply {
  const form = info.method === 'POST' ? new URLSearchParams(info.bodyText) : info.query;
  const tokenValue = form.get('token') ?? '';
  if (!state.tokens.revoke(tokenValue)) return oauthError('unsupported_token_type', 'this token type is not supported');
  return { status: 200, raw: { contentType: 'text/plain', text: '' } };
}

/** The session behind `Authorization: Bearer …` or `?oauth_token=` (identity URLs accept both). */
export function bearerSession(state: EmulatorState, info: RequestInfo): Session | undefined {
  const header = info.req.headers.authorization;
  const fromHeader = typeof header === 'string' ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header)?.[1] : undefined;
  const tokenValue = fromHeader ?? info.query.get('oauth_token') ?? undefined;
  return tokenValue ? state.tokens.session(tokenValue.trim(), state.clock.now()) : undefined;
}

const badToken = (): Reply => ({ status: 403, raw: { contentType: 'text/plain', text: 'Bad_OAuth_Token' } });

function userUrls(info: RequestInfo, orgId: string, userId: string): Record<string, string> {
  const data = `${info.baseUrl}/services/data/v{version}`;
  return {
    enterprise: `${info.baseUrl}/services/Soap/c/{version}/${orgId}`,
    metadata: `${info.baseUrl}/services/Soap/m/{version}/${orgId}`,
    partner: `${info.baseUrl}/services/Soap/u/{version}/${orgId}`,
    rest: `${data}/`,
    sobjects: `${data}/sobjects/`,
    search: `${data}/search/`,
    query: `${data}/query/`,
    recent: `${data}/recent/`,
    profile: `${info.baseUrl}/${userId}`,
    users: `${data}/chatter/users`,
    custom_domain: info.baseUrl,
  };
}

export function identity(state: EmulatorState, info: RequestInfo, rawOrgId: string, rawUserId: string): Reply {
  const session = bearerSession(state, info);
  if (!session) return badToken();
  const orgId = normalizeId(rawOrgId);
  const userId = normalizeId(rawUserId);
  if (orgId !== session.orgId || userId !== session.userId) return { status: 403, raw: { contentType: 'text/plain', text: 'Bad_Id' } };
  const user = state.store.user(orgId, userId);
  return json(200, {
    id: `${info.baseUrl}/id/${orgId}/${userId}`,
    asserted_user: true,
    user_id: userId,
    organization_id: orgId,
    username: user.username,
    nick_name: user.username.split('@')[0],
    display_name: [user.firstName, user.lastName].filter(Boolean).join(' '),
    email: user.email,
    email_verified: true,
    first_name: user.firstName,
    last_name: user.lastName,
    timezone: user.timeZone,
    active: user.isActive,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0,
    urls: userUrls(info, orgId, userId),
    is_app_installed: true,
  });
}

export function userinfo(state: EmulatorState, info: RequestInfo): Reply {
  const session = bearerSession(state, info);
  if (!session) return badToken();
  const user = state.store.user(session.orgId, session.userId);
  return json(200, {
    sub: `${info.baseUrl}/id/${session.orgId}/${session.userId}`,
    user_id: session.userId,
    organization_id: session.orgId,
    preferred_username: user.username,
    nickname: user.username.split('@')[0],
    name: [user.firstName, user.lastName].filter(Boolean).join(' '),
    email: user.email,
    email_verified: true,
    given_name: user.firstName,
    family_name: user.lastName,
    zoneinfo: user.timeZone,
    active: user.isActive,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0,
    urls: userUrls(info, session.orgId, session.userId),
  });
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { resolveSyncError } from '../../store/sync-errors';
import { getOrgIntegration, setOrgIntegration } from '../../store/org-integrations';
import { clearSalesforceConnection, getSalesforceCredentials, getUser, setSalesforceConnection, type SalesforceCredentials } from '../../store/users';
import { me } from '../auth';
import { exchangeAuthorizationCode, revokeSalesforceToken, salesforceAuthorizeUrl, SalesforceOAuthError } from '../auth-salesforce';
import { createOAuthState, nonceCookie, oauthNonceCookie, oauthStateLifetimeMs, readCookie, verifyOAuthState } from '../auth-salesforce-state';
import type { ApiDeps, ApiPlugin } from '../http/api-deps';
import { connectionView, connectionViewSchema } from './connection-view';
import { ensureOrgPoller } from '../../client/org-poller';
import { ApiError } from '../http/api-error';
import { msg, t, type Language, type Localized } from '../../i18n';
import { requestLanguage } from '../language';
import { errorAnswer, noBody } from '../http/responses';
import { nudgeBestEffort } from './nudge';
import { bearerSecurity, instantSchema } from './schemas';

const tags = ['salesforce'];

const authorizeSchema = z.strictObject({
  authorizeUrl: z.string().describe('Send the browser here; Salesforce sends it back to /oauth/salesforce/callback.'),
  expiresAt: instantSchema.describe('The sign-in must be finished by then.'),
});

const orgIntegrationSchema = z.strictObject({ orgId: z.string(), instanceUrl: z.string(), sfUserId: z.string(), username: z.string(), connectedAt: instantSchema, status: z.string() });
/** The settings page the browser returns to after connecting. */
export const salesforceSettingsPath = '/settings/salesforce';

/** `/api/salesforce/*`: start connecting, see the connection, disconnect. */
export const salesforceConnectionRoutes: ApiPlugin = async (app, deps) => {
  app.get(
    '/salesforce/connect',
    {
      schema: {
        tags,
        security: bearerSecurity,
        summary: 'Start connecting a Salesforce account',
        description:
          'Answers the Salesforce authorize URL to send the browser to (OAuth 2.0 web server flow) and sets a short-lived cookie that ties the flow to this browser. Salesforce then redirects to /oauth/salesforce/callback.',
        querystring: z.object({ loginHint: z.string().optional() }),
        response: { 200: authorizeSchema },
      },
    },
    async (request, reply) => {
      const now = deps.now();
      const { state, nonce, expiresAt } = createOAuthState(me(request).id, deps.secretKey, now);
      reply.header('set-cookie', nonceCookie(nonce, { secure: deps.salesforceApp.redirectUri.startsWith('https:'), maxAgeSeconds: oauthStateLifetimeMs / 1000 }));
      return { authorizeUrl: salesforceAuthorizeUrl(deps.salesforceApp, state, request.query.loginHint), expiresAt: new Date(expiresAt).toISOString() };
    },
  );

  app.get(
    '/admin/salesforce/integration/connect',
    {
      schema: {
        tags,
        security: bearerSecurity,
        summary: "Start connecting the org's integration user (admin)",
        description:
          'An administrator signs in to Salesforce as a user with "View All Data". One poll per org then covers every syncing user of it and wakes only those whose tasks changed, instead of each user polling with their own connection.',
        querystring: z.object({ loginHint: z.string().optional() }),
        response: { 200: authorizeSchema, 403: errorAnswer('Only an administrator can connect the integration user (admin_only).') },
      },
    },
    async (request, reply) => {
      const user = me(request);
      if (!user.isAdmin) throw new ApiError(403, 'admin_only', msg('api.admin.integrationAdminOnly'));
      const now = deps.now();
      const { state, nonce, expiresAt } = createOAuthState(user.id, deps.secretKey, now, 'integration');
      reply.header('set-cookie', nonceCookie(nonce, { secure: deps.salesforceApp.redirectUri.startsWith('https:'), maxAgeSeconds: oauthStateLifetimeMs / 1000 }));
      return { authorizeUrl: salesforceAuthorizeUrl(deps.salesforceApp, state, request.query.loginHint), expiresAt: new Date(expiresAt).toISOString() };
    },
  );

  app.get(
    '/salesforce/connection',
    { schema: { tags, security: bearerSecurity, summary: 'The Salesforce connection', description: 'connected, username, org, and needsReconnect with the reason.', response: { 200: connectionViewSchema } } },
    async (request) => connectionView(me(request), requestLanguage(request, me(request))),
  );

  app.delete(
    '/salesforce/connection',
    {
      schema: {
        tags,
        security: bearerSecurity,
        summary: 'Disconnect Salesforce',
        description: 'Revokes the refresh token at Salesforce (best effort) and forgets it. Tasks stay.',
        response: {
          200: z.strictObject({
            connection: connectionViewSchema.nullable(),
            wasConnected: z.boolean(),
            revoked: z.boolean().describe('Salesforce confirmed the revocation.'),
            revokeError: z.string().nullable().describe('Why Salesforce did not confirm it, and what to do; the token is forgotten all the same.'),
          }),
        },
      },
    },
    async (request) => {
      const user = me(request);
      const lang = requestLanguage(request, user);
      const credentials = await readCredentials(deps, user.id, request);
      let revoked = false;
      let revokeError: string | null = null;
      if (credentials) {
        try {
          await revokeSalesforceToken(deps.salesforceApp, credentials.refreshToken);
          revoked = true;
        } catch (error) {
          // The token is forgotten either way; a failed revoke only means Salesforce still lists the grant.
          revokeError = t(lang, 'connection.revokeFailed', { reason: (error as Error).message });
          request.log.warn({ err: error, userId: user.id }, 'Salesforce token revocation failed');
        }
      }
      await clearSalesforceConnection(deps.store.db, user.id, deps.now());
      await nudgeBestEffort(deps, request.log, user.id, 'resync');
      const after = await getUser(deps.store.db, user.id);
      return { connection: after ? connectionView(after, lang) : null, wasConnected: credentials !== undefined, revoked, revokeError };
    },
  );
};

/** `/oauth/salesforce/callback`: Salesforce's redirect. No bearer token: the signed state says whose it is. */
export const salesforceCallbackRoutes: ApiPlugin = async (app, deps) => {
  app.get(
    '/oauth/salesforce/callback',
    {
      schema: {
        tags,
        summary: 'Salesforce OAuth callback',
        description:
          'Exchanges the authorization code, reads the Salesforce identity and stores the connection with its refresh token encrypted. Redirects to /settings/salesforce, or answers JSON when the request accepts application/json.',
        querystring: z.object({ code: z.string().optional(), state: z.string().optional(), error: z.string().optional(), error_description: z.string().optional() }),
        response: {
          200: z
            .union([
              z.strictObject({ connected: z.literal(true), connection: connectionViewSchema.nullable() }),
              z.strictObject({ connected: z.literal(true), integration: orgIntegrationSchema.nullable().describe("The org's integration user.") }),
            ])
            .describe('Connected (asked with Accept: application/json): the user\'s connection, or the org\'s integration user.'),
          303: noBody('Connected: back to the settings page.', { location: { type: 'string', format: 'uri', description: `${salesforceSettingsPath}?salesforce=connected (or ?integration=connected) on the pages' site.` } }),
          400: {
            description: 'Not connected: the code and what to do, as the error shape to a request accepting application/json, else as a page.',
            content: { 'application/json': { schema: errorAnswer('Not connected.') }, 'text/html': { schema: z.string() } },
          },
        },
      },
    },
    async (request, reply) => {
      const { code, state, error, error_description: errorDescription } = request.query;
      // The browser's language until the signed state names the user, then the user's.
      let lang = requestLanguage(request);
      const fail = (code_: string, text: Localized) => answerFailure(request, reply, deps, code_, text(lang), lang);
      if (error) return fail(`salesforce_${error}`, msg('oauth.denied', { error: `${error}${errorDescription ? `: ${errorDescription}` : ''}` }));
      if (!state) return fail('missing_state', msg('oauth.missingState'));
      if (!code) return fail('missing_code', msg('oauth.missingCode'));
      const now = deps.now();
      const check = verifyOAuthState(state, deps.secretKey, now);
      if (!check.ok) {
        return fail(check.reason === 'expired' ? 'state_expired' : 'invalid_state', msg(check.reason === 'expired' ? 'oauth.stateExpired' : 'oauth.invalidState'));
      }
      if (readCookie(request.headers.cookie, oauthNonceCookie) !== check.state.nonce) return fail('state_not_bound', msg('oauth.notBound'));
      const userId = check.state.userId;
      const signingIn = await getUser(deps.store.db, userId);
      if (!signingIn) return fail('unknown_user', msg('oauth.unknownUser'));
      lang = requestLanguage(request, signingIn);

      let connection;
      try {
        connection = await exchangeAuthorizationCode(deps.salesforceApp, code);
      } catch (e) {
        if (e instanceof SalesforceOAuthError) return fail(e.code, e.text);
        throw e;
      }
      if (check.state.purpose === 'integration') {
        const admin = await getUser(deps.store.db, userId);
        if (!admin?.isAdmin) return fail('not_admin', msg('api.admin.integrationAdminOnly'));
        await setOrgIntegration(deps.store.db, deps.secretKey, { ...connection, connectedBy: userId }, now);
        await ensureOrgPoller(deps.temporal, connection.orgId, deps.taskQueue);
        reply.header('set-cookie', nonceCookie('', { secure: deps.salesforceApp.redirectUri.startsWith('https:'), maxAgeSeconds: 0 }));
        const integration = await getOrgIntegration(deps.store.db, connection.orgId);
        if (wantsJson(request)) return { connected: true as const, integration: integration ?? null };
        return reply.redirect(`${deps.publicUrl}${salesforceSettingsPath}?integration=connected`, 303);
      }
      const previous = await readCredentials(deps, userId, request);
      await setSalesforceConnection(deps.store.db, deps.secretKey, userId, connection, now);
      await resolveSyncError(deps.store.db, userId, 'connection', now);
      if (previous && previous.refreshToken !== connection.refreshToken) {
        // A replaced grant would stay valid at Salesforce for nothing.
        await revokeSalesforceToken(deps.salesforceApp, previous.refreshToken).catch((err: unknown) => request.log.warn({ err, userId }, 'revoking the replaced Salesforce token failed'));
      }
      await nudgeBestEffort(deps, request.log, userId, 'resync');
      reply.header('set-cookie', nonceCookie('', { secure: deps.salesforceApp.redirectUri.startsWith('https:'), maxAgeSeconds: 0 }));
      const user = await getUser(deps.store.db, userId);
      if (wantsJson(request)) return { connected: true as const, connection: user ? connectionView(user, lang) : null };
      return reply.redirect(`${deps.publicUrl}${salesforceSettingsPath}?salesforce=connected`, 303);
    },
  );
};

function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

function answerFailure(request: FastifyRequest, reply: FastifyReply, deps: ApiDeps, code: string, message: string, lang: Language): FastifyReply {
  request.log.info({ code }, 'Salesforce connect refused');
  if (wantsJson(request)) return reply.status(400).send({ error: { code, message } });
  const back = `${deps.publicUrl}${salesforceSettingsPath}`;
  const title = escapeHtml(t(lang, 'oauth.page.title'));
  const html = `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${escapeHtml(message)}</p><p><small>${escapeHtml(code)}</small></p><p><a href="${escapeHtml(back)}">${escapeHtml(t(lang, 'oauth.page.back'))}</a></p></html>`;
  return reply.status(400).type('text/html; charset=utf-8').send(html);
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The stored credentials, or undefined when none can be read (a key change is logged, not fatal here). */
async function readCredentials(deps: ApiDeps, userId: string, request: FastifyRequest): Promise<SalesforceCredentials | undefined> {
  try {
    return await getSalesforceCredentials(deps.store.db, deps.secretKey, userId);
  } catch (error) {
    request.log.warn({ err: error, userId }, 'stored Salesforce token cannot be opened');
    return undefined;
  }
}

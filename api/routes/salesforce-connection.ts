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
      if (!user.isAdmin) throw new ApiError(403, 'admin_only', 'Only an administrator can connect the integration user.');
      const now = deps.now();
      const { state, nonce, expiresAt } = createOAuthState(user.id, deps.secretKey, now, 'integration');
      reply.header('set-cookie', nonceCookie(nonce, { secure: deps.salesforceApp.redirectUri.startsWith('https:'), maxAgeSeconds: oauthStateLifetimeMs / 1000 }));
      return { authorizeUrl: salesforceAuthorizeUrl(deps.salesforceApp, state, request.query.loginHint), expiresAt: new Date(expiresAt).toISOString() };
    },
  );

  app.get(
    '/salesforce/connection',
    { schema: { tags, security: bearerSecurity, summary: 'The Salesforce connection', description: 'connected, username, org, and needsReconnect with the reason.', response: { 200: connectionViewSchema } } },
    async (request) => connectionView(me(request)),
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
      const credentials = await readCredentials(deps, user.id, request);
      let revoked = false;
      let revokeError: string | null = null;
      if (credentials) {
        try {
          await revokeSalesforceToken(deps.salesforceApp, credentials.refreshToken);
          revoked = true;
        } catch (error) {
          // The token is forgotten either way; a failed revoke only means Salesforce still lists the grant.
          revokeError = `Salesforce did not confirm the revocation (${(error as Error).message}); you can also remove the app under Salesforce → Settings → Connected Apps OAuth Usage.`;
          request.log.warn({ err: error, userId: user.id }, 'Salesforce token revocation failed');
        }
      }
      await clearSalesforceConnection(deps.store.db, user.id, deps.now());
      await nudgeBestEffort(deps, request.log, user.id, 'resync');
      const after = await getUser(deps.store.db, user.id);
      return { connection: after ? connectionView(after) : null, wasConnected: credentials !== undefined, revoked, revokeError };
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
      const fail = (code_: string, message: string) => answerFailure(request, reply, deps, code_, message);
      if (error) return fail(`salesforce_${error}`, `Salesforce did not grant access (${error}${errorDescription ? `: ${errorDescription}` : ''}). Start again from Settings → Salesforce → Connect and choose Allow.`);
      if (!state) return fail('missing_state', 'The callback has no state parameter: open it only through Settings → Salesforce → Connect.');
      if (!code) return fail('missing_code', 'The callback has no authorization code: start again from Settings → Salesforce → Connect.');
      const now = deps.now();
      const check = verifyOAuthState(state, deps.secretKey, now);
      if (!check.ok) {
        return fail(
          check.reason === 'expired' ? 'state_expired' : 'invalid_state',
          check.reason === 'expired'
            ? 'This Salesforce sign-in took longer than 10 minutes and expired. Start again from Settings → Salesforce → Connect.'
            : 'The sign-in link was altered or does not come from this server. Start again from Settings → Salesforce → Connect.',
        );
      }
      if (readCookie(request.headers.cookie, oauthNonceCookie) !== check.state.nonce) {
        return fail('state_not_bound', 'This Salesforce sign-in was started in another browser, or cookies are blocked. Start again from Settings → Salesforce → Connect in this browser.');
      }
      const userId = check.state.userId;
      if (!(await getUser(deps.store.db, userId))) return fail('unknown_user', 'The SIA user who started this sign-in no longer exists.');

      let connection;
      try {
        connection = await exchangeAuthorizationCode(deps.salesforceApp, code);
      } catch (e) {
        if (e instanceof SalesforceOAuthError) return fail(e.code, e.message);
        throw e;
      }
      if (check.state.purpose === 'integration') {
        const admin = await getUser(deps.store.db, userId);
        if (!admin?.isAdmin) return fail('not_admin', 'Only an administrator can connect the integration user.');
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
      if (wantsJson(request)) return { connected: true as const, connection: user ? connectionView(user) : null };
      return reply.redirect(`${deps.publicUrl}${salesforceSettingsPath}?salesforce=connected`, 303);
    },
  );
};

function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

function answerFailure(request: FastifyRequest, reply: FastifyReply, deps: ApiDeps, code: string, message: string): FastifyReply {
  request.log.info({ code }, 'Salesforce connect refused');
  if (wantsJson(request)) return reply.status(400).send({ error: { code, message } });
  const back = `${deps.publicUrl}${salesforceSettingsPath}`;
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Salesforce was not connected</title><h1>Salesforce was not connected</h1><p>${escapeHtml(message)}</p><p><small>${escapeHtml(code)}</small></p><p><a href="${escapeHtml(back)}">Back to Settings → Salesforce</a></p></html>`;
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

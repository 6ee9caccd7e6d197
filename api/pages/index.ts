import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { verifyApiToken } from '../../store/api-tokens';
import type { User } from '../../store/users';
import { clearedSessionCookie, passesCsrfCheck, sessionCookie, sessionToken } from '../auth-session';
import type { ApiPlugin } from '../http/api-deps';
import { ApiError } from '../http/api-error';
import { assets } from './assets';
import { commandCenterView } from './command-center-view';
import { pagePaths, publicPage, signedInPage, type PageInput, type PageName } from './layout';
import { setPageHeaders } from './security-headers';
import { settingsView } from './settings-view';
import { signInView } from './sign-in-view';
import { syncHealthView } from './sync-health-view';
import { requestLanguage } from '../language';
import { msg, type Language } from '../../i18n';
import { messageKey } from '../../i18n/zod-issues';

const views: Record<PageName, (user: User, lang: Language) => PageInput> = {
  settings: settingsView,
  commandCenter: (_user, lang) => commandCenterView(lang),
  syncHealth: syncHealthView,
};

/** Left out of the OpenAPI document: pages are for browsers, not API clients. */
const pagesOnly = 'A page, its assets or its session, for browsers; API clients use /api with a bearer token.';
const hidden = { config: { undocumented: pagesOnly } };

function csrfChecked(request: FastifyRequest): void {
  if (!passesCsrfCheck(request)) throw new ApiError(403, 'csrf_header_missing', msg('api.signIn.csrf'));
}

/**
 * The web pages and their session. A page without a valid session cookie redirects to /sign-in;
 * the API behind the pages keeps answering 401 to requests without a credential.
 */
export const pagesRoutes: ApiPlugin = async (app, deps) => {
  const secure = deps.publicUrl.startsWith('https:');
  const sessionUser = async (request: FastifyRequest): Promise<User | undefined> => {
    const token = sessionToken(request);
    return token === undefined ? undefined : (await verifyApiToken(deps.store.db, token, deps.now()))?.user;
  };
  const html = (reply: FastifyReply, markup: string) => setPageHeaders(reply).type('text/html; charset=utf-8').send(markup);

  app.get('/', hidden, async (_request, reply) => reply.redirect(pagePaths.commandCenter, 303));

  for (const [name, path] of Object.entries(pagePaths) as Array<[PageName, string]>) {
    app.get(path, hidden, async (request, reply) => {
      const user = await sessionUser(request);
      // A stale cookie (revoked token) is dropped so that the sign-in page starts clean.
      if (!user) {
        if (sessionToken(request) !== undefined) reply.header('set-cookie', clearedSessionCookie({ secure }));
        return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
      }
      const lang = requestLanguage(request, user);
      return html(reply, signedInPage(lang, user, name, views[name](user, lang)));
    });
  }

  app.get('/sign-in', hidden, async (request, reply) => {
    const lang = requestLanguage(request);
    return html(reply, publicPage(lang, signInView(lang)));
  });

  app.post('/sign-in', { config: { undocumented: pagesOnly }, schema: { body: z.object({ token: z.string({ error: messageKey('api.signIn.pasteToken') }) }) } }, async (request, reply) => {
    csrfChecked(request);
    const token = request.body.token.trim();
    if (token === '') throw new ApiError(400, 'invalid_request', msg('api.signIn.pasteToken'), [{ field: 'token', message: msg('api.signIn.pasteToken') }]);
    const verified = await verifyApiToken(deps.store.db, token, deps.now());
    if (!verified) {
      throw new ApiError(401, 'invalid_token', msg('api.signIn.unknownToken'), [{ field: 'token', message: msg('api.signIn.unknownTokenHint') }]);
    }
    reply.header('set-cookie', sessionCookie(token, { secure }));
    return { user: { id: verified.user.id, displayName: verified.user.displayName, email: verified.user.email } };
  });

  app.post('/sign-out', hidden, async (request, reply) => {
    csrfChecked(request);
    reply.header('set-cookie', clearedSessionCookie({ secure }));
    return reply.status(204).send();
  });

  app.get('/assets/:name', { config: { undocumented: pagesOnly }, schema: { params: z.object({ name: z.string() }) } }, async (request, reply) => {
    const asset = assets().get(request.params.name);
    if (!asset) throw new ApiError(404, 'not_found', msg('api.notFound.asset', { name: request.params.name }));
    reply.header('etag', asset.etag).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
    return reply.type(asset.contentType).send(asset.body);
  });
};

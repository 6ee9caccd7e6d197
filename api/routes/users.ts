import { z } from 'zod';
import { issueApiToken, listApiTokens, revokeApiToken } from '../../store/api-tokens';
import { setOwnAddresses, setUserLanguage, upsertUser } from '../../store/users';
import { languages, msg } from '../../i18n';
import { messageKey } from '../../i18n/zod-issues';
import { normalizeAddress } from '../../sync/email-matching';
import { me } from '../auth';
import type { ApiPlugin } from '../http/api-deps';
import { notFound } from '../http/api-error';
import { errorAnswer, noBody } from '../http/responses';
import { bearerSecurity, timeZoneSchema } from './schemas';
import { apiTokenSchema, issuedApiTokenSchema, userSchema } from './views';

const tags = ['me'];

const profilePatch = z.strictObject({
  displayName: z.string().max(200, messageKey('api.profile.displayNameTooLong')).nullable().optional(),
  timeZone: timeZoneSchema.optional(),
  ownAddresses: z
    .array(z.string().transform((a, ctx) => normalizeAddress(a) ?? (ctx.addIssue({ code: 'custom', message: messageKey('api.profile.notAnAddress'), params: { address: a } }), z.NEVER)))
    .max(20, messageKey('api.profile.tooManyAddresses'))
    .optional()
    .describe('Further addresses you send email from (aliases, another mailbox): an email from one of them counts as sent by you, one from anyone else as received.'),
  language: z.enum(languages).nullable().optional().describe("The language of pages and messages: en or es; null follows the browser's Accept-Language."),
});

const tokenRequest = z.strictObject({ label: z.string().max(200, messageKey('api.profile.labelTooLong')).optional() }).default({});

/** The signed-in user's profile and API tokens. */
export const usersRoutes: ApiPlugin = async (app, deps) => {
  app.get('/me', { schema: { tags, security: bearerSecurity, summary: 'The user behind the token', description: 'Profile, admin flag, time zone and Salesforce connection state (never the token).', response: { 200: userSchema } } }, async (request) => me(request));

  app.patch(
    '/me',
    {
      schema: {
        tags,
        security: bearerSecurity,
        summary: 'Change display name, time zone, own addresses or language',
        description:
          'The time zone decides which tasks are "today" and "tomorrow" in the Command Center; own addresses tell the emails you send from the replies you receive; the language is the one of the pages and of every message the API answers.',
        body: profilePatch,
        response: { 200: userSchema.describe('The user as changed.') },
      },
    },
    async (request) => {
      const user = me(request);
      const { displayName, timeZone, ownAddresses, language } = request.body;
      let changed = await upsertUser(
        deps.store.db,
        { id: user.id, email: user.email, isAdmin: user.isAdmin, displayName: displayName === undefined ? user.displayName : displayName, timeZone: timeZone ?? user.timeZone },
        deps.now(),
      );
      if (language !== undefined) {
        await setUserLanguage(deps.store.db, user.id, language, deps.now());
        changed = { ...changed, language };
      }
      if (ownAddresses === undefined) return changed;
      await setOwnAddresses(deps.store.db, user.id, ownAddresses, deps.now());
      return { ...changed, ownAddresses: [...new Set(ownAddresses)] };
    },
  );

  app.get('/me/tokens', { schema: { tags, security: bearerSecurity, summary: "The user's API tokens", description: 'Ids, labels and use times; the tokens themselves are never shown again.', response: { 200: z.strictObject({ tokens: z.array(apiTokenSchema) }) } } }, async (request) => ({
    tokens: await listApiTokens(deps.store.db, me(request).id),
  }));

  app.post(
    '/me/tokens',
    { schema: { tags, security: bearerSecurity, summary: 'Issue another API token', description: 'Answers the token once; only its SHA-256 is kept.', body: tokenRequest, response: { 201: issuedApiTokenSchema } } },
    async (request, reply) => {
      const issued = await issueApiToken(deps.store.db, me(request).id, { label: request.body.label ?? null, now: deps.now() });
      return reply.status(201).send(issued);
    },
  );

  app.delete(
    '/me/tokens/:tokenId',
    {
      schema: {
        tags,
        security: bearerSecurity,
        summary: 'Revoke one of my API tokens',
        params: z.object({ tokenId: z.string() }),
        response: { 204: noBody('Revoked: requests with it now answer 401.'), 404: errorAnswer('No live token of yours has this id.') },
      },
    },
    async (request, reply) => {
      const revoked = await revokeApiToken(deps.store.db, me(request).id, request.params.tokenId, deps.now());
      if (!revoked) throw notFound(msg('api.notFound.token', { id: request.params.tokenId }));
      return reply.status(204).send();
    },
  );
};

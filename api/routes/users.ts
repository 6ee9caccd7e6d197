import { z } from 'zod';
import { issueApiToken, listApiTokens, revokeApiToken } from '../../store/api-tokens';
import { upsertUser } from '../../store/users';
import { me } from '../auth';
import type { ApiPlugin } from '../http/api-deps';
import { notFound } from '../http/api-error';
import { bearerSecurity, timeZoneSchema } from './schemas';

const tags = ['me'];

const profilePatch = z.strictObject({
  displayName: z.string().max(200, 'A display name holds at most 200 characters.').nullable().optional(),
  timeZone: timeZoneSchema.optional(),
});

const tokenRequest = z.strictObject({ label: z.string().max(200, 'A label holds at most 200 characters.').optional() }).default({});

/** The signed-in user's profile and API tokens. */
export const usersRoutes: ApiPlugin = async (app, deps) => {
  app.get('/me', { schema: { tags, security: bearerSecurity, summary: 'The user behind the token', description: 'Profile, admin flag, time zone and Salesforce connection state (never the token).' } }, async (request) => me(request));

  app.patch(
    '/me',
    { schema: { tags, security: bearerSecurity, summary: 'Change display name or time zone', description: 'The time zone decides which tasks are "today" and "tomorrow" in the Command Center.', body: profilePatch } },
    async (request) => {
      const user = me(request);
      return upsertUser(
        deps.store.db,
        { id: user.id, email: user.email, isAdmin: user.isAdmin, displayName: request.body.displayName === undefined ? user.displayName : request.body.displayName, timeZone: request.body.timeZone ?? user.timeZone },
        deps.now(),
      );
    },
  );

  app.get('/me/tokens', { schema: { tags, security: bearerSecurity, summary: "The user's API tokens", description: 'Ids, labels and use times; the tokens themselves are never shown again.' } }, async (request) => ({
    tokens: await listApiTokens(deps.store.db, me(request).id),
  }));

  app.post(
    '/me/tokens',
    { schema: { tags, security: bearerSecurity, summary: 'Issue another API token', description: 'Answers the token once; only its SHA-256 is kept.', body: tokenRequest } },
    async (request, reply) => {
      const issued = await issueApiToken(deps.store.db, me(request).id, { label: request.body.label ?? null, now: deps.now() });
      return reply.status(201).send(issued);
    },
  );

  app.delete(
    '/me/tokens/:tokenId',
    { schema: { tags, security: bearerSecurity, summary: 'Revoke one of my API tokens', params: z.object({ tokenId: z.string() }) } },
    async (request, reply) => {
      const revoked = await revokeApiToken(deps.store.db, me(request).id, request.params.tokenId, deps.now());
      if (!revoked) throw notFound(`Live API token ${request.params.tokenId}`);
      return reply.status(204).send();
    },
  );
};

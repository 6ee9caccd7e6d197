import type { FastifyInstance, FastifyRequest } from 'fastify';
import { verifyApiToken } from '../store/api-tokens';
import type { Store } from '../store';
import type { User } from '../store/users';
import { passesCsrfCheck, sessionToken } from './auth-session';
import { ApiError } from './http/api-error';
import { msg } from '../i18n';

/**
 * Bearer-token access: every `/api/*` request carries `Authorization: Bearer <token>`; the token
 * names exactly one user, and routes act on that user ("me") only. Admin routes also check the flag.
 * The pages' session cookie (client/auth-session.ts) holds such a token and is accepted in its place.
 */

export interface AuthContext {
  user: User;
  tokenId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

const challenge = 'Bearer realm="sia"';

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) {
    throw new ApiError(401, 'unauthorized', msg('api.auth.badHeader'));
  }
  return match[1];
}

/** The request's token: the Authorization header first, else the pages' session cookie. */
function requestToken(request: FastifyRequest): { token: string; via: 'bearer' | 'session' } | undefined {
  const bearer = bearerToken(request);
  if (bearer !== undefined) return { token: bearer, via: 'bearer' };
  const session = sessionToken(request);
  return session === undefined ? undefined : { token: session, via: 'session' };
}

/** Adds the check to every route registered in `scope` (and its children). */
export function requireBearerToken(scope: FastifyInstance, store: Store, now: () => Date): void {
  if (!scope.hasRequestDecorator('auth')) scope.decorateRequest('auth', null);
  scope.addHook('onRequest', async (request, reply) => {
    try {
      const credential = requestToken(request);
      if (credential === undefined) throw new ApiError(401, 'unauthorized', msg('api.auth.tokenNeeded'));
      const verified = await verifyApiToken(store.db, credential.token, now());
      if (!verified) throw new ApiError(401, 'invalid_token', msg('api.auth.invalidToken'));
      if (credential.via === 'session' && !passesCsrfCheck(request)) {
        throw new ApiError(403, 'csrf_header_missing', msg('api.auth.csrf'));
      }
      request.auth = { user: verified.user, tokenId: verified.tokenId };
    } catch (error) {
      if (error instanceof ApiError && error.statusCode === 401) reply.header('www-authenticate', challenge);
      throw error;
    }
  });
}

/** The user behind the request's token. */
export function me(request: FastifyRequest): User {
  if (!request.auth) throw new ApiError(401, 'unauthorized', msg('api.auth.tokenNeededShort'));
  return request.auth.user;
}

/** preValidation hook of admin routes: the caller is checked before the body. */
export async function requireAdmin(request: FastifyRequest): Promise<void> {
  if (!me(request).isAdmin) throw new ApiError(403, 'forbidden', msg('api.auth.adminOnly'));
}

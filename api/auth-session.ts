import type { FastifyRequest } from 'fastify';
import { readCookie } from './auth-salesforce-state';

/**
 * The pages' credential: after signing in with an API token, the browser holds that token in an
 * HttpOnly cookie (scripts cannot read it) that SameSite=Strict keeps off cross-site requests.
 * Revoking the token ends the session too, so no session table is needed.
 */
export const sessionCookieName = 'sia_session';

/**
 * Cookie-authenticated requests that change something must carry this header. A cross-origin page
 * cannot add a custom header without a CORS preflight, which this server never grants.
 */
export const csrfHeader = 'x-requested-with';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionToken(request: FastifyRequest): string | undefined {
  const value = readCookie(request.headers.cookie, sessionCookieName);
  return value === undefined || value === '' ? undefined : value;
}

/** True when a cookie-authenticated request may go ahead: it reads only, or it carries the header. */
export function passesCsrfCheck(request: FastifyRequest): boolean {
  if (safeMethods.has(request.method)) return true;
  const header = request.headers[csrfHeader];
  return typeof header === 'string' && header.trim() !== '';
}

/** A browser-session cookie (gone when the browser closes); `secure` when the pages are served over HTTPS. */
export function sessionCookie(token: string, { secure }: { secure: boolean }): string {
  return [`${sessionCookieName}=${encodeURIComponent(token)}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])].join('; ');
}

export function clearedSessionCookie({ secure }: { secure: boolean }): string {
  return [`${sessionCookieName}=`, 'Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=0', ...(secure ? ['Secure'] : [])].join('; ');
}

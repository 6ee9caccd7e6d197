import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The OAuth `state` of the Salesforce connect flow: which SIA user started it, a nonce that is
 * also set as a cookie in that user's browser, and an expiry, signed with a key derived from the
 * server's secret key. The callback trusts the user id only when the signature holds, the state
 * has not expired and the browser returning from Salesforce carries the same nonce — otherwise a
 * connect link started by one SIA user and opened by another person would attach that person's
 * Salesforce account to the first user.
 */

export const oauthStateLifetimeMs = 10 * 60_000;
export const oauthNonceCookie = 'sia_sf_oauth';

/** `user`: a user connects their own account; `integration`: an admin connects the org's integration user. */
export type OAuthPurpose = 'user' | 'integration';

export interface OAuthState {
  userId: string;
  nonce: string;
  expiresAt: number;
  purpose: OAuthPurpose;
}

function stateKey(secretKey: Buffer): Buffer {
  // A key of its own: a signature must never be usable as, or reveal anything about, the encryption key.
  return createHmac('sha256', secretKey).update('sia salesforce oauth state v1').digest();
}

function sign(payload: string, secretKey: Buffer): Buffer {
  return createHmac('sha256', stateKey(secretKey)).update(payload).digest();
}

export function createOAuthState(userId: string, secretKey: Buffer, now: Date, purpose: OAuthPurpose = 'user'): { state: string; nonce: string; expiresAt: number } {
  const nonce = randomBytes(16).toString('base64url');
  const expiresAt = now.getTime() + oauthStateLifetimeMs;
  const payload = Buffer.from(JSON.stringify({ u: userId, n: nonce, e: expiresAt, ...(purpose === 'user' ? {} : { p: purpose }) }), 'utf8').toString('base64url');
  return { state: `${payload}.${sign(payload, secretKey).toString('base64url')}`, nonce, expiresAt };
}

export type StateCheck = { ok: true; state: OAuthState } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export function verifyOAuthState(state: string, secretKey: Buffer, now: Date): StateCheck {
  const [payload, signature, ...rest] = state.split('.');
  if (!payload || !signature || rest.length > 0) return { ok: false, reason: 'malformed' };
  const expected = sign(payload, secretKey);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const { u, n, e, p } = (parsed ?? {}) as Record<string, unknown>;
  if (typeof u !== 'string' || typeof n !== 'string' || typeof e !== 'number') return { ok: false, reason: 'malformed' };
  if (p !== undefined && p !== 'integration') return { ok: false, reason: 'malformed' };
  if (now.getTime() > e) return { ok: false, reason: 'expired' };
  return { ok: true, state: { userId: u, nonce: n, expiresAt: e, purpose: p === 'integration' ? 'integration' : 'user' } };
}

/** The value of one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function nonceCookie(nonce: string, { secure, maxAgeSeconds }: { secure: boolean; maxAgeSeconds: number }): string {
  // Lax: the cookie comes back on Salesforce's top-level redirect to the callback, not on cross-site subrequests.
  return [`${oauthNonceCookie}=${nonce}`, 'Path=/oauth/salesforce', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`, ...(secure ? ['Secure'] : [])].join('; ');
}

/**
 * Sessions as Salesforce hands them out: access tokens (`<orgId>!<opaque>`) that time out,
 * refresh tokens valid until revoked (or the connected app's lifetime), one-use
 * authorization codes.
 */
import { randomBytes } from 'node:crypto';

export interface Session {
  token: string;
  orgId: string;
  userId: string;
  clientId: string;
  issuedMs: number;
  expiresMs: number;
  /** The refresh token this session came from; revoking it ends the session too. */
  refreshToken?: string;
  revoked: boolean;
}

export interface RefreshGrant {
  token: string;
  orgId: string;
  userId: string;
  clientId: string;
  issuedMs: number;
  expiresMs?: number;
  revoked: boolean;
}

export interface AuthCode {
  code: string;
  orgId: string;
  userId: string;
  clientId: string;
  redirectUri: string;
  expiresMs: number;
  used: boolean;
}

const opaque = (bytes: number): string => randomBytes(bytes).toString('base64').replace(/\+/g, '.').replace(/\//g, '_').replace(/=+$/, '');

/** Authorization codes are good for 15 minutes. */
const CODE_LIFETIME_MS = 15 * 60_000;

export class TokenStore {
  private sessions = new Map<string, Session>();
  private refreshGrants = new Map<string, RefreshGrant>();
  private codes = new Map<string, AuthCode>();

  constructor(private lifetimeMs: number) {}

  get sessionLifetimeMs(): number {
    return this.lifetimeMs;
  }

  issueSession(orgId: string, userId: string, clientId: string, nowMs: number, refreshToken?: string): Session {
    const token = `${orgId.slice(0, 15)}!${opaque(72)}`;
    const s: Session = { token, orgId, userId, clientId, issuedMs: nowMs, expiresMs: nowMs + this.lifetimeMs, refreshToken, revoked: false };
    this.sessions.set(token, s);
    return s;
  }

  issueRefresh(orgId: string, userId: string, clientId: string, nowMs: number, lifetimeSeconds?: number): RefreshGrant {
    const token = `5Aep861${opaque(60)}`;
    const g: RefreshGrant = { token, orgId, userId, clientId, issuedMs: nowMs, expiresMs: lifetimeSeconds ? nowMs + lifetimeSeconds * 1000 : undefined, revoked: false };
    this.refreshGrants.set(token, g);
    return g;
  }

  issueCode(orgId: string, userId: string, clientId: string, redirectUri: string, nowMs: number): AuthCode {
    const code = `aPrx${opaque(40)}`;
    const c: AuthCode = { code, orgId, userId, clientId, redirectUri, expiresMs: nowMs + CODE_LIFETIME_MS, used: false };
    this.codes.set(code, c);
    return c;
  }

  /** Takes a code once; a second use, or a late one, finds nothing. */
  redeemCode(code: string, nowMs: number): AuthCode | undefined {
    const c = this.codes.get(code);
    if (!c || c.used || c.expiresMs < nowMs) return undefined;
    c.used = true;
    return c;
  }

  /**
   * The live session for a token. Salesforce's timeout counts inactivity: a session used in the
   * second half of its lifetime is extended by a full lifetime.
   */
  session(token: string, nowMs: number): Session | undefined {
    const s = this.sessions.get(token);
    if (!s || s.revoked || s.expiresMs <= nowMs) return undefined;
    const grant = s.refreshToken ? this.refreshGrants.get(s.refreshToken) : undefined;
    if (grant?.revoked) return undefined;
    if (s.expiresMs - nowMs < this.lifetimeMs / 2) s.expiresMs = nowMs + this.lifetimeMs;
    return s;
  }

  refreshGrant(token: string, nowMs: number): RefreshGrant | undefined {
    const g = this.refreshGrants.get(token);
    if (!g || g.revoked || (g.expiresMs !== undefined && g.expiresMs <= nowMs)) return undefined;
    return g;
  }

  /** Revokes an access or refresh token; a refresh token takes its sessions with it. Answers whether it existed. */
  revoke(token: string): boolean {
    const s = this.sessions.get(token);
    if (s) {
      s.revoked = true;
      return true;
    }
    const g = this.refreshGrants.get(token);
    if (!g) return false;
    g.revoked = true;
    for (const sess of this.sessions.values()) if (sess.refreshToken === token) sess.revoked = true;
    return true;
  }

  /** Revokes every refresh token of a user (the user "reconnect" case). */
  revokeUserRefreshTokens(userId: string): number {
    let n = 0;
    for (const g of this.refreshGrants.values()) if (g.userId === userId && !g.revoked && this.revoke(g.token)) n++;
    return n;
  }

  /** Ends every session now (optionally of one org or one user): the next call is INVALID_SESSION_ID. */
  expireSessions(filter: { orgId?: string; userId?: string } = {}): number {
    let n = 0;
    for (const s of this.sessions.values()) {
      if ((filter.orgId && s.orgId !== filter.orgId) || (filter.userId && s.userId !== filter.userId)) continue;
      if (!s.revoked) n++;
      s.revoked = true;
    }
    return n;
  }

  reset(): void {
    this.sessions.clear();
    this.refreshGrants.clear();
    this.codes.clear();
  }
}

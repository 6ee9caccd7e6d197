import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from './schema';
import { isoTime } from './time';
import { getUser, type User } from './users';

/**
 * Bearer tokens of the HTTP API. A token is 32 random bytes, shown once when issued; the store
 * keeps only its SHA-256, so a leaked database grants no access. A SHA-256 (not a slow password
 * hash) is enough because the token itself has 256 bits of entropy: nothing to brute-force.
 */

export interface ApiTokensTable {
  id: string;
  user_id: string;
  token_hash: string;
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** The store's handle with this table known to the query builder. */
const tokens = (db: Db) => db.withTables<{ api_tokens: ApiTokensTable }>();

/** `sia_` + base64url of 32 bytes: the prefix lets secret scanners and people recognise it. */
const apiTokenPrefix = 'sia_';
const TOKEN_SHAPE = /^sia_[A-Za-z0-9_-]{43}$/;

/** Used to throttle last_used_at writes: one per token per minute is plenty for an audit. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiTokenInfo {
  id: string;
  userId: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface IssuedApiToken extends ApiTokenInfo {
  /** The token itself: shown once, never stored. */
  token: string;
}

export function newApiToken(): string {
  return apiTokenPrefix + randomBytes(32).toString('base64url');
}

function isApiTokenShape(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface IssueApiTokenOptions {
  label?: string | null;
  /** Register this token instead of a random one (e.g. an operator's configured admin token). */
  token?: string;
  now?: Date;
}

export async function issueApiToken(db: Db, userId: string, options: IssueApiTokenOptions = {}): Promise<IssuedApiToken> {
  const token = options.token ?? newApiToken();
  if (!isApiTokenShape(token)) throw new RangeError(`An API token must look like ${apiTokenPrefix} followed by 43 base64url characters (32 random bytes); make one with newApiToken().`);
  const row = {
    id: randomUUID(),
    user_id: userId,
    token_hash: hashApiToken(token),
    label: options.label ?? null,
    created_at: isoTime(options.now ?? new Date()),
    last_used_at: null,
    revoked_at: null,
  };
  await tokens(db).insertInto('api_tokens').values(row).execute();
  return { ...toInfo(row), token };
}

export interface VerifiedApiToken {
  tokenId: string;
  user: User;
}

/** The live token's user, or undefined for an unknown, malformed or revoked token. */
export async function verifyApiToken(db: Db, token: string, now = new Date()): Promise<VerifiedApiToken | undefined> {
  if (!isApiTokenShape(token)) return undefined;
  const row = await tokens(db)
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'last_used_at'])
    .where('token_hash', '=', hashApiToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const user = await getUser(db, row.user_id);
  if (!user) return undefined;
  if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= LAST_USED_RESOLUTION_MS) {
    await tokens(db).updateTable('api_tokens').set({ last_used_at: isoTime(now) }).where('id', '=', row.id).execute();
  }
  return { tokenId: row.id, user };
}

/** Whose token this is and whether it was revoked, without touching it; undefined when unknown. */
export async function findApiToken(db: Db, token: string): Promise<{ userId: string; revoked: boolean } | undefined> {
  const row = await tokens(db).selectFrom('api_tokens').select(['user_id', 'revoked_at']).where('token_hash', '=', hashApiToken(token)).executeTakeFirst();
  return row && { userId: row.user_id, revoked: row.revoked_at !== null };
}

/** Revokes one of the user's tokens by id. False when the user has no such live token. */
export async function revokeApiToken(db: Db, userId: string, tokenId: string, now = new Date()): Promise<boolean> {
  const result = await tokens(db)
    .updateTable('api_tokens')
    .set({ revoked_at: isoTime(now) })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The user's tokens (without secrets), newest first, revoked ones included. */
export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenInfo[]> {
  const rows = await tokens(db).selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toInfo);
}

function toInfo(row: ApiTokensTable): ApiTokenInfo {
  return { id: row.id, userId: row.user_id, label: row.label, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
}

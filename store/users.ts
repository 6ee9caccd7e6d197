import type { Selectable } from 'kysely';
import type { Db, UsersTable } from './schema';
import { open, seal } from './secret-box';
import { isoTime } from './time';
import { toJsonColumn } from './json-column';
import { isLanguage, type Language } from '../i18n';

export const salesforceStatuses = [
  'not_connected',
  'connected',
  /** The refresh token was refused (invalid_grant) or revoked: the user must connect again. */
  'needs_reconnect',
  /** The org has no API access (API_CURRENTLY_DISABLED): an edition or permission matter. */
  'api_disabled',
  /** INACTIVE_USER / INACTIVE_ORGANIZATION: an admin must act in Salesforce. */
  'inactive',
] as const;
export type SalesforceStatus = (typeof salesforceStatuses)[number];

export interface User {
  id: string;
  email: string;
  displayName: string | null;
  timeZone: string;
  isAdmin: boolean;
  changeSeq: number;
  createdAt: string;
  updatedAt: string;
  salesforce: SalesforceConnectionInfo;
  /** Further addresses the user sends from (beside `email` and the Salesforce user's email). */
  ownAddresses: string[];
  /** The language chosen for pages and messages; null follows the browser's Accept-Language. */
  language: Language | null;
}

/** What may be shown about the connection: never the token. */
export interface SalesforceConnectionInfo {
  status: SalesforceStatus;
  statusDetail: string | null;
  statusAt: string | null;
  instanceUrl: string | null;
  sfUserId: string | null;
  orgId: string | null;
  username: string | null;
  /** The Salesforce user's email, as Salesforce's identity service gave it at connect. */
  email: string | null;
  connectedAt: string | null;
}

export interface UserInput {
  id: string;
  email: string;
  displayName?: string | null;
  /** IANA zone, e.g. Europe/Madrid. */
  timeZone?: string;
  isAdmin?: boolean;
}

export interface SalesforceConnectionInput {
  instanceUrl: string;
  sfUserId: string;
  orgId: string;
  username: string;
  /** The Salesforce user's email, when the identity service gave one. */
  email?: string | null;
  refreshToken: string;
}

export interface SalesforceCredentials {
  instanceUrl: string;
  sfUserId: string;
  orgId: string;
  username: string;
  refreshToken: string;
}

function checkTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new RangeError(`Unknown time zone "${zone}"`);
  }
  return zone;
}

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    timeZone: row.time_zone,
    isAdmin: row.is_admin === 1,
    changeSeq: row.change_seq,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    salesforce: {
      status: row.sf_status as SalesforceStatus,
      statusDetail: row.sf_status_detail,
      statusAt: row.sf_status_at,
      instanceUrl: row.sf_instance_url,
      sfUserId: row.sf_user_id,
      orgId: row.sf_org_id,
      username: row.sf_username,
      email: row.sf_email,
      connectedAt: row.sf_connected_at,
    },
    ownAddresses: row.own_addresses_json === null ? [] : (JSON.parse(row.own_addresses_json) as string[]),
    language: isLanguage(row.language) ? row.language : null,
  };
}

/** Creates the user or updates its profile; never touches change_seq or the Salesforce connection. */
export async function upsertUser(db: Db, input: UserInput, now = new Date()): Promise<User> {
  const at = isoTime(now);
  const profile = {
    email: input.email,
    display_name: input.displayName ?? null,
    time_zone: checkTimeZone(input.timeZone ?? 'UTC'),
    is_admin: input.isAdmin ? (1 as const) : (0 as const),
    updated_at: at,
  };
  const row = await db
    .insertInto('users')
    .values({ id: input.id, created_at: at, ...profile })
    .onConflict((oc) => oc.column('id').doUpdateSet(profile))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function getUser(db: Db, userId: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  return row && toUser(row);
}

/** Users with a Salesforce connection in the given org (the API budget is per org). */
export async function listUsersInOrg(db: Db, orgId: string): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().where('sf_org_id', '=', orgId).orderBy('id').execute();
  return rows.map(toUser);
}

/** Stores a fresh OAuth connection; the refresh token is sealed with the user id as context. */
export async function setSalesforceConnection(db: Db, key: Buffer, userId: string, conn: SalesforceConnectionInput, now = new Date()): Promise<void> {
  const at = isoTime(now);
  const result = await db
    .updateTable('users')
    .set({
      sf_instance_url: conn.instanceUrl,
      sf_user_id: conn.sfUserId,
      sf_org_id: conn.orgId,
      sf_username: conn.username,
      sf_email: conn.email ?? null,
      sf_refresh_token_enc: seal(conn.refreshToken, key, userId),
      sf_connected_at: at,
      sf_status: 'connected',
      sf_status_detail: null,
      sf_status_at: at,
      updated_at: at,
    })
    .where('id', '=', userId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new Error(`No user ${userId}`);
}

/** The connection with its refresh token opened, or undefined when the user has none. */
export async function getSalesforceCredentials(db: Db, key: Buffer, userId: string): Promise<SalesforceCredentials | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['sf_instance_url', 'sf_user_id', 'sf_org_id', 'sf_username', 'sf_refresh_token_enc'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row?.sf_refresh_token_enc || !row.sf_instance_url || !row.sf_user_id || !row.sf_org_id || !row.sf_username) return undefined;
  return {
    instanceUrl: row.sf_instance_url,
    sfUserId: row.sf_user_id,
    orgId: row.sf_org_id,
    username: row.sf_username,
    refreshToken: open(row.sf_refresh_token_enc, key, userId),
  };
}

/** Disconnect: forgets the token and the identity; the user's tasks and links stay. */
export async function clearSalesforceConnection(db: Db, userId: string, now = new Date()): Promise<void> {
  const at = isoTime(now);
  await db
    .updateTable('users')
    .set({
      sf_instance_url: null,
      sf_user_id: null,
      sf_org_id: null,
      sf_username: null,
      sf_email: null,
      sf_refresh_token_enc: null,
      sf_connected_at: null,
      sf_status: 'not_connected',
      sf_status_detail: null,
      sf_status_at: at,
      updated_at: at,
    })
    .where('id', '=', userId)
    .execute();
}

export async function setSalesforceStatus(db: Db, userId: string, status: SalesforceStatus, detail: string | null = null, now = new Date()): Promise<void> {
  const at = isoTime(now);
  await db
    .updateTable('users')
    .set({ sf_status: status, sf_status_detail: detail, sf_status_at: at, updated_at: at })
    .where('id', '=', userId)
    .execute();
}

/** Saves the further addresses the user sends from (normalised by the caller), replacing the old list. */
export async function setOwnAddresses(db: Db, userId: string, addresses: readonly string[], now = new Date()): Promise<void> {
  const result = await db
    .updateTable('users')
    .set({ own_addresses_json: toJsonColumn([...new Set(addresses)]), updated_at: isoTime(now) })
    .where('id', '=', userId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new Error(`No user ${userId}`);
}

/** Every address that is the user's own: the profile's, the Salesforce user's, and the saved ones. */
export function ownAddressesOf(user: User): string[] {
  return [user.email, user.salesforce.email, ...user.ownAddresses].filter((a): a is string => !!a);
}

/** Saves the language the user chose for pages and messages (null: follow the browser again). */
export async function setUserLanguage(db: Db, userId: string, language: Language | null, now = new Date()): Promise<void> {
  const result = await db.updateTable('users').set({ language, updated_at: isoTime(now) }).where('id', '=', userId).executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new Error(`No user ${userId}`);
}

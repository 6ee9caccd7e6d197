import type { Db } from './schema';
import { open, seal } from './secret-box';
import { isoTime } from './time';
import type { SalesforceStatus } from './users';

export interface OrgIntegrationInput {
  orgId: string;
  instanceUrl: string;
  sfUserId: string;
  username: string;
  refreshToken: string;
  connectedBy?: string | null;
}

export interface OrgIntegration {
  orgId: string;
  instanceUrl: string;
  sfUserId: string;
  username: string;
  connectedAt: string;
  status: string;
}

/** The sealing context names the org, so a token copied to another org's row does not open. */
const context = (orgId: string) => `org:${orgId}`;

export async function setOrgIntegration(db: Db, key: Buffer, input: OrgIntegrationInput, now = new Date()): Promise<void> {
  const row = {
    instance_url: input.instanceUrl,
    sf_user_id: input.sfUserId,
    sf_username: input.username,
    refresh_token_enc: seal(input.refreshToken, key, context(input.orgId)),
    connected_by: input.connectedBy ?? null,
    connected_at: isoTime(now),
    status: 'connected',
    status_detail: null,
  };
  await db
    .insertInto('org_integrations')
    .values({ org_id: input.orgId, ...row })
    .onConflict((oc) => oc.column('org_id').doUpdateSet(row))
    .execute();
}

export async function getOrgIntegration(db: Db, orgId: string): Promise<OrgIntegration | undefined> {
  const row = await db.selectFrom('org_integrations').select(['org_id', 'instance_url', 'sf_user_id', 'sf_username', 'connected_at', 'status']).where('org_id', '=', orgId).executeTakeFirst();
  return row && { orgId: row.org_id, instanceUrl: row.instance_url, sfUserId: row.sf_user_id, username: row.sf_username, connectedAt: row.connected_at, status: row.status };
}

/** The integration's session with its refresh token opened; undefined when the org has none or it needs reconnecting. */
export async function getOrgIntegrationCredentials(db: Db, key: Buffer, orgId: string): Promise<(OrgIntegration & { refreshToken: string }) | undefined> {
  const row = await db.selectFrom('org_integrations').selectAll().where('org_id', '=', orgId).where('status', '=', 'connected').executeTakeFirst();
  if (!row) return undefined;
  return { orgId, instanceUrl: row.instance_url, sfUserId: row.sf_user_id, username: row.sf_username, connectedAt: row.connected_at, status: row.status, refreshToken: open(row.refresh_token_enc, key, context(orgId)) };
}

/** Any status but `connected` stops the integration from being opened (see getOrgIntegrationCredentials). */
export async function setOrgIntegrationStatus(db: Db, orgId: string, status: Exclude<SalesforceStatus, 'not_connected'>, detail: string | null = null): Promise<void> {
  await db.updateTable('org_integrations').set({ status, status_detail: detail }).where('org_id', '=', orgId).execute();
}

/**
 * SIA users of an org whose task sync is on, keyed by their Salesforce user id: the users an
 * org poll can wake.
 */
export async function taskSyncUsersInOrg(db: Db, orgId: string): Promise<Map<string, string>> {
  const rows = await taskSyncUsersOf(db, orgId).select(['users.id', 'users.sf_user_id']).execute();
  const out = new Map<string, string>();
  for (const row of rows) if (row.sf_user_id) out.set(row.sf_user_id, row.id);
  return out;
}

/** How many users of the org have task sync on with a Salesforce connection (one count, for every pull's budget). */
export async function countTaskSyncUsersInOrg(db: Db, orgId: string): Promise<number> {
  const row = await taskSyncUsersOf(db, orgId)
    .select((eb) => eb.fn.countAll<number | string>().as('users'))
    .executeTakeFirst();
  return Number(row?.users ?? 0);
}

/** Task sync is on from the save that switched it on (enabled_at) until one switches it off (disabled_at). */
function taskSyncUsersOf(db: Db, orgId: string) {
  return db
    .selectFrom('users')
    .innerJoin('sync_settings', 'sync_settings.user_id', 'users.id')
    .where('users.sf_org_id', '=', orgId)
    .where('users.sf_refresh_token_enc', 'is not', null)
    .where('sync_settings.task_sync_enabled_at', 'is not', null)
    .where('sync_settings.task_sync_disabled_at', 'is', null);
}

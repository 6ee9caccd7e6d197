import type { Db } from './schema';
import { isoTime } from './time';

/**
 * Salesforce API calls counted per org and user in UTC hour buckets (daily limits are per org
 * over a rolling 24 h; users share them), plus the latest Sforce-Limit-Info the org reported.
 */

const HOUR_MS = 3_600_000;

export function hourBucket(at: Date): string {
  return isoTime(new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS));
}

export type ApiUsageScope = { orgId: string } | { userId: string };

export async function addApiCalls(db: Db, orgId: string, userId: string, calls: number, at = new Date()): Promise<void> {
  if (!Number.isInteger(calls) || calls < 0) throw new RangeError(`API calls must be a whole number ≥ 0, got ${calls}`);
  if (calls === 0) return;
  await db
    .insertInto('api_usage')
    .values({ org_id: orgId, user_id: userId, hour: hourBucket(at), calls })
    .onConflict((oc) => oc.columns(['org_id', 'user_id', 'hour']).doUpdateSet((eb) => ({ calls: eb(eb.ref('api_usage.calls'), '+', calls) })))
    .execute();
}

/** Calls in the 24 hour buckets ending with the current one (so up to an hour more than 24 h back). */
export async function apiCallsInLast24h(db: Db, scope: ApiUsageScope, now = new Date()): Promise<number> {
  const since = hourBucket(new Date(now.getTime() - 23 * HOUR_MS));
  let query = db
    .selectFrom('api_usage')
    .select((eb) => eb.fn.coalesce(eb.fn.sum('calls'), eb.lit(0)).as('calls'))
    .where('hour', '>=', since);
  query = 'orgId' in scope ? query.where('org_id', '=', scope.orgId) : query.where('user_id', '=', scope.userId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.calls);
}

/** Calls per hour bucket since `since`, oldest first, for a usage chart. */
export async function apiCallsByHour(db: Db, scope: ApiUsageScope, since: Date): Promise<Array<{ hour: string; calls: number }>> {
  let query = db
    .selectFrom('api_usage')
    .select(['hour', (eb) => eb.fn.sum('calls').as('calls')])
    .where('hour', '>=', hourBucket(since))
    .groupBy('hour')
    .orderBy('hour');
  query = 'orgId' in scope ? query.where('org_id', '=', scope.orgId) : query.where('user_id', '=', scope.userId);
  const rows = await query.execute();
  return rows.map((r) => ({ hour: r.hour, calls: Number(r.calls) }));
}

export interface ApiLimitInfo {
  orgId: string;
  used: number;
  limit: number;
  at: string;
}

/** Keeps the org's latest `Sforce-Limit-Info: api-usage=USED/LIMIT`; an older report (another worker's, late) is ignored. */
export async function setApiLimitInfo(db: Db, orgId: string, used: number, limit: number, at = new Date()): Promise<void> {
  const row = { used, limit_total: limit, at: isoTime(at) };
  await db
    .insertInto('api_limit_info')
    .values({ org_id: orgId, ...row })
    .onConflict((oc) => oc.column('org_id').doUpdateSet(row).where('api_limit_info.at', '<=', row.at))
    .execute();
}

export async function getApiLimitInfo(db: Db, orgId: string): Promise<ApiLimitInfo | undefined> {
  const row = await db.selectFrom('api_limit_info').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  return row && { orgId: row.org_id, used: row.used, limit: row.limit_total, at: row.at };
}

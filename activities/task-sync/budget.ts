import { budgetOf, defaultAllowanceConfig, type AllowanceConfig } from '../../sync/api-budget';
import { apiCallsInLast24h, countTaskSyncUsersInOrg, getApiLimitInfo, type Db } from '../../store';
import type { BudgetView } from '../../contract/sync-counts';

/**
 * SALESFORCE_API_SHARE: the fraction of each org's daily API allowance the sync may spend
 * (default 0.25), split evenly among the org's syncing users.
 */
export function allowanceConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AllowanceConfig {
  const raw = env.SALESFORCE_API_SHARE;
  if (raw === undefined || raw === '') return defaultAllowanceConfig;
  const share = Number(raw);
  if (!(share > 0 && share <= 1)) throw new Error(`SALESFORCE_API_SHARE must be a fraction above 0 and at most 1 (e.g. 0.25), got "${raw}".`);
  return { ...defaultAllowanceConfig, productShare: share };
}

/** The user's budget from the org's last reported usage and the calls the sync counted; unknown usage counts as plenty. */
export async function userBudget(db: Db, orgId: string, userId: string, now: Date, config: AllowanceConfig, latest?: { used: number; limit: number } | null): Promise<BudgetView> {
  // The answer just received is fresher than what the store holds (recorded when the call ends).
  const usage = latest ?? (await getApiLimitInfo(db, orgId));
  if (!usage) return { fractionLeft: 1, exhausted: false };
  const syncingUsers = Math.max(1, await countTaskSyncUsersInOrg(db, orgId));
  const userCallsLast24h = await apiCallsInLast24h(db, { userId }, now);
  const budget = budgetOf({ usage: { used: usage.used, limit: usage.limit }, syncingUsers, userCallsLast24h, config });
  return { fractionLeft: budget.fractionLeft, exhausted: budget.exhausted };
}

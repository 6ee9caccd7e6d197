/**
 * The org's daily Salesforce API allowance, and this user's share of it.
 *
 * Salesforce reports the org's use on every REST answer: `Sforce-Limit-Info: api-usage=USED/LIMIT`
 * (possibly with more `; name=value` parts, e.g. `api-bursts=1/750`). The limit is per org and
 * over a rolling 24 hours, and USED may exceed LIMIT when the org has burst allowance.
 *
 * The product may spend only a configured share of the org's allowance (the rest belongs to
 * people and other integrations), split evenly among the org's users who have sync on. A small
 * reserve of the org's allowance is never touched, so the product is not the integration that
 * uses the last call of the day.
 */

export interface ApiUsage {
  used: number;
  limit: number;
}

const API_USAGE = /(?:^|[;,]\s*)api-usage\s*=\s*(\d+)\s*\/\s*(\d+)/i;

/** `api-usage=18/5000; api-bursts=1/750` → `{used: 18, limit: 5000}`; null when absent or malformed. */
export function parseLimitInfo(header: string | null | undefined): ApiUsage | null {
  if (!header) return null;
  const m = API_USAGE.exec(header.trim());
  if (!m) return null;
  const used = Number(m[1]);
  const limit = Number(m[2]);
  if (!Number.isSafeInteger(used) || !Number.isSafeInteger(limit) || limit === 0) return null;
  return { used, limit };
}

export interface AllowanceConfig {
  /** Fraction of the org's daily allowance this product may spend, 0 < share ≤ 1. */
  productShare: number;
  /** Fraction of the org's allowance kept untouched for others. */
  orgReserve: number;
}

export const defaultAllowanceConfig: AllowanceConfig = { productShare: 0.25, orgReserve: 0.05 };

/** The calls one user may spend per 24 h: the product's share split among the users syncing. */
export function userDailyAllowance(orgLimit: number, syncingUsers: number, config: AllowanceConfig = defaultAllowanceConfig): number {
  checkFraction('productShare', config.productShare);
  return Math.floor((orgLimit * config.productShare) / Math.max(1, syncingUsers));
}

export interface BudgetInput {
  /** Latest org usage seen in Sforce-Limit-Info. */
  usage: ApiUsage;
  /** Users in the org with sync switched on (this one included). */
  syncingUsers: number;
  /** Calls this user's sync made in the last 24 h (counted by the product). */
  userCallsLast24h: number;
  config?: AllowanceConfig;
}

export interface Budget {
  userAllowance: number;
  userRemaining: number;
  /** Calls left for anyone before the org reserve (never below 0). */
  orgRemaining: number;
  /** The tighter of the user's and the org's fraction left, 0..1: drives the poll pace. */
  fractionLeft: number;
  /** No call should be made now (user share or org allowance down to the reserve). */
  exhausted: boolean;
}

export function budgetOf({ usage, syncingUsers, userCallsLast24h, config = defaultAllowanceConfig }: BudgetInput): Budget {
  checkFraction('orgReserve', config.orgReserve, true);
  const userAllowance = userDailyAllowance(usage.limit, syncingUsers, config);
  const userRemaining = Math.max(0, userAllowance - userCallsLast24h);
  const usable = usage.limit * (1 - config.orgReserve);
  const orgRemaining = Math.max(0, Math.floor(usable - usage.used));
  const userFraction = userAllowance === 0 ? 0 : userRemaining / userAllowance;
  const orgFraction = usable <= 0 ? 0 : orgRemaining / usable;
  return {
    userAllowance,
    userRemaining,
    orgRemaining,
    fractionLeft: Math.min(userFraction, orgFraction),
    exhausted: userRemaining === 0 || orgRemaining === 0,
  };
}

function checkFraction(name: string, value: number, zeroAllowed = false): void {
  if (!(value <= 1 && (zeroAllowed ? value >= 0 : value > 0))) throw new RangeError(`${name} must be in ${zeroAllowed ? '[0, 1]' : '(0, 1]'}, got ${value}`);
}

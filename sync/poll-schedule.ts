import type { Budget } from './api-budget';
import { formatInstant, millisPerSecond, requireInstant } from './instants';

/**
 * How long to wait before asking Salesforce for changes again.
 *
 * SIA changes do not need polling (each one nudges the workflow); polling only finds SF changes,
 * and each poll costs at least one API call from the org's shared daily allowance.
 *
 * - Pace by recent activity (the last change seen on either side): just active → every 30 s;
 *   then 1 min, 3 min, and after an hour of quiet every 10 min. An idle user thus costs at most
 *   144 polls a day (≤ 150), a fraction of an Enterprise org's 1,000 calls per licence.
 * - Never faster than the floor (30 s).
 * - Slower when the budget is tight: below half of it left ×2, below 20 % ×4, below 5 % ×8,
 *   capped at 1 h.
 * - Paused when the budget is exhausted: wait `exhaustedPause` (1 h), then try again; the
 *   allowance is a rolling 24 h, so calls free up gradually and the next answer tells.
 */

export interface PollConfig {
  floorSeconds: number;
  /** [quiet for less than `quietMinutes`, poll every `intervalSeconds`], in increasing order. */
  tiers: ReadonlyArray<{ quietMinutes: number; intervalSeconds: number }>;
  idleIntervalSeconds: number;
  maxIntervalSeconds: number;
  exhaustedPauseSeconds: number;
  /**
   * In an org that streams its changes (no polling), how often an idle user looks again anyway
   * (16 h): for a lost SIA nudge or a gap in the stream. Each look is a timer and a short activity
   * (11 history events), so an idle streamed user costs under one event an hour.
   */
  streamedCheckSeconds: number;
}

export const defaultPollConfig: PollConfig = {
  floorSeconds: 30,
  tiers: [
    { quietMinutes: 5, intervalSeconds: 30 },
    { quietMinutes: 15, intervalSeconds: 60 },
    { quietMinutes: 60, intervalSeconds: 180 },
  ],
  idleIntervalSeconds: 600,
  maxIntervalSeconds: 3600,
  exhaustedPauseSeconds: 3600,
  streamedCheckSeconds: 16 * 3600,
};

export interface PollInput {
  now: string;
  /** Last change seen on either side for this user; null when none yet (counts as idle). */
  lastActivityAt: string | null;
  budget: Pick<Budget, 'fractionLeft' | 'exhausted'>;
  config?: PollConfig;
}

export type PollReason = 'active' | 'idle' | 'budget-tight' | 'budget-exhausted';

export interface PollPlan {
  kind: 'poll' | 'paused';
  afterSeconds: number;
  at: string;
  reason: PollReason;
}

export function nextPoll({ now, lastActivityAt, budget, config = defaultPollConfig }: PollInput): PollPlan {
  const nowMs = requireInstant(now, 'now');
  const plan = (kind: PollPlan['kind'], afterSeconds: number, reason: PollReason): PollPlan => ({
    kind,
    afterSeconds,
    at: formatInstant(nowMs + afterSeconds * millisPerSecond),
    reason,
  });

  if (budget.exhausted) return plan('paused', config.exhaustedPauseSeconds, 'budget-exhausted');

  const quietSeconds = lastActivityAt === null ? Infinity : Math.max(0, (nowMs - requireInstant(lastActivityAt, 'lastActivityAt')) / millisPerSecond);
  const tier = config.tiers.find((t) => quietSeconds < t.quietMinutes * 60);
  const paced = tier?.intervalSeconds ?? config.idleIntervalSeconds;
  const slowdown = slowdownFor(budget.fractionLeft);
  const interval = Math.min(config.maxIntervalSeconds, Math.max(config.floorSeconds, paced * slowdown));
  return plan('poll', interval, slowdown > 1 ? 'budget-tight' : tier ? 'active' : 'idle');
}

/** How much slower to poll for the share of the budget left. */
export function slowdownFor(fractionLeft: number): number {
  if (fractionLeft >= 0.5) return 1;
  if (fractionLeft >= 0.2) return 2;
  if (fractionLeft >= 0.05) return 4;
  return 8;
}

/**
 * The heartbeat timeout of a watch that polls Salesforce every `pollSeconds`: how long a watch
 * whose worker died may go unnoticed. A fifth of the poll interval, so a dead worker delays a
 * user's Salesforce changes by at most a fifth of the usual wait, between 20 s (an active user,
 * polled every 30 s) and 2 min (an idle one, every 10 min). Each running watch costs Temporal a
 * heartbeat call per 80 % of this timeout, so the idle majority of users cost six times fewer
 * calls than at 20 s. SIA changes never wait for it: they wake the workflow with a signal.
 */
export function watchHeartbeatSeconds(pollSeconds: number): number {
  return Math.min(watchHeartbeatMaxSeconds, Math.max(watchHeartbeatMinSeconds, Math.round(pollSeconds / 5)));
}

const watchHeartbeatMinSeconds = 20;
const watchHeartbeatMaxSeconds = 120;

/** Polls per day at a fixed interval: for checking a pace against a budget. */
export function pollsPerDay(intervalSeconds: number): number {
  return Math.ceil(86_400 / intervalSeconds);
}

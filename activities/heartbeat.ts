import { asyncLocalStorage, type Context } from '@temporalio/activity';

/** Heartbeats at least this far apart, and at least ten per heartbeat timeout. */
const minEveryMs = 2000;

/** When each running activity began, as `heartbeating` saw it. */
const begunAt = new WeakMap<Context, number>();

/**
 * Runs an activity's work heartbeating a tenth of its heartbeat timeout apart (2 s at least),
 * whatever it is doing (one Salesforce call may take long), so a worker that dies (kill -9, a
 * lost host) is noticed within the activity's heartbeat timeout, not its start-to-close timeout,
 * and the retry runs on another worker. The SDK sends at most one heartbeat per 80 % of the
 * timeout, so the timer adds no calls to Temporal, and each call is still a payload to encode:
 * an idle user's watch (a 2-minute timeout) heartbeats every 12 s, not every 2. The first comes
 * after that, not at the start: Temporal times the heartbeat from the activity's start, and most
 * activities end well before, with no heartbeat call at all (at ten thousand users switching on,
 * those calls were the server's busiest kind). Outside an activity it only runs `work`.
 */
export async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  const ctx = asyncLocalStorage.getStore();
  if (!ctx) return work();
  begunAt.set(ctx, Date.now());
  const timer = setInterval(() => {
    ctx.heartbeat();
  }, heartbeatEveryMs(ctx));
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/**
 * Called before each step of a long loop (a page of 2,000, a collection of 200): heartbeats, and
 * stops the attempt there when Temporal no longer waits for it (its heartbeat timed out and a
 * retry may be running elsewhere, or the worker is shutting down), so two attempts never keep
 * writing side by side. Stopping between steps is as safe as a crash: every step is repeatable.
 */
export function nextStep(): void {
  const ctx = asyncLocalStorage.getStore();
  if (!ctx) return;
  ctx.cancellationSignal.throwIfAborted();
  if (Date.now() - (begunAt.get(ctx) ?? 0) >= heartbeatEveryMs(ctx)) ctx.heartbeat();
}

function heartbeatEveryMs(ctx: Context): number {
  return Math.max(minEveryMs, (ctx.info.heartbeatTimeoutMs ?? 0) / 10);
}

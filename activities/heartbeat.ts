import { asyncLocalStorage } from '@temporalio/activity';

/** Well inside the shortest heartbeat timeout the workflows give (15 s). */
const everyMs = 2000;

/**
 * Runs an activity's work heartbeating every two seconds, whatever it is doing (one Salesforce
 * call may take long), so a worker that dies (kill -9, a lost host) is noticed within the
 * activity's heartbeat timeout, not its start-to-close timeout, and the retry runs on another
 * worker. The SDK sends at most one heartbeat per 80 % of the timeout, so the timer adds no
 * calls to Temporal. Outside an activity it only runs `work`.
 */
export async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  const ctx = asyncLocalStorage.getStore();
  if (!ctx) return work();
  ctx.heartbeat();
  const timer = setInterval(() => {
    ctx.heartbeat();
  }, everyMs);
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
  ctx.heartbeat();
}

import { buildActivities } from '../activities';
import type { WatchOrgInput } from '../contract/org-poll';
import type { WatchInput } from '../contract/task-sync';
import { createWorker } from '../workers/create-worker';
import { onCleanup } from './cleanup';
import type { WatchRun } from './cycles';
import { callMark } from './salesforce-calls';
import type { BenchStack } from './stack';

export interface RecordedWatch<I> extends WatchRun {
  /** The input exactly as the workflow chose it, before scaling. */
  input: I;
}

export interface ScaledWatchWorker {
  taskQueue: string;
  scale: number;
  /** Each user's watches, in order. */
  userWatches: Map<string, RecordedWatch<WatchInput>[]>;
  /** Each org poller's watches, in order. */
  orgWatches: Map<string, RecordedWatch<WatchOrgInput>[]>;
}

/**
 * A worker for the idle figures: the product's workflows and activities unchanged, except that
 * the Salesforce waits of the two watch activities (a user's, an org poller's) and how long
 * one watch lasts are divided by `scale`. Idle time is a repetition of identical watches, so a
 * window of W minutes here stands for W × scale minutes of idle time, with every Salesforce
 * call and every history event real. The SIA check keeps its real pace: it reads only the
 * store, and 100 users checking it `scale` times faster would only load the bench.
 * It may run every user's watch at once (1,000 watch slots, whatever WORKER_MAX_WATCHES says).
 */
export async function startScaledWatchWorker(stack: BenchStack, scale: number): Promise<ScaledWatchWorker> {
  const taskQueue = `${stack.temporal.taskQueue}-idle-scaled`;
  const base = buildActivities({ store: stack.store, secretKey: stack.secretKey, salesforceApp: stack.app });
  const userWatches = new Map<string, RecordedWatch<WatchInput>[]>();
  const orgWatches = new Map<string, RecordedWatch<WatchOrgInput>[]>();
  const recorded = async <I, R>(into: Map<string, RecordedWatch<I>[]>, key: string, input: I, run: () => Promise<R>): Promise<R> => {
    const watch: RecordedWatch<I> = { input, startedAt: Date.now(), endedAt: null, callSeq: callMark(stack.emulator) };
    into.set(key, [...(into.get(key) ?? []), watch]);
    try {
      return await run();
    } finally {
      watch.endedAt = Date.now();
    }
  };
  const activities = {
    ...base,
    watchForChanges: (input: WatchInput) =>
      recorded(userWatches, input.userId, input, () => base.watchForChanges({ ...input, salesforceEverySeconds: input.salesforceEverySeconds / scale, maxSeconds: input.maxSeconds / scale })),
    watchOrgChanges: (input: WatchOrgInput) =>
      recorded(orgWatches, input.orgId, input, () => base.watchOrgChanges({ ...input, everySeconds: input.everySeconds / scale, maxSeconds: input.maxSeconds / scale })),
  };
  const { worker, connection } = await createWorker({
    config: { ...stack.temporal, taskQueue },
    activities,
    bundlePath: stack.bundlePath,
    slots: { watches: 1000 },
  });
  const running = worker.run();
  onCleanup('scaled watch worker', async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running.catch(() => undefined);
    await connection.close();
  });
  return { taskQueue, scale, userWatches, orgWatches };
}

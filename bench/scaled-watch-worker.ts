import { buildActivities } from '../activities';
import type { WatchInput } from '../activities/task-sync';
import { createWorker } from '../workers/create-worker';
import { onCleanup } from './cleanup';
import type { BenchStack } from './stack';

export interface ScaledWatchWorker {
  taskQueue: string;
  /** The watch inputs exactly as the workflow chose them, before scaling. */
  inputs: WatchInput[];
  /** Watches that ended (changed or quiet). */
  finished: () => number;
}

/**
 * A worker for the idle figure: the product's workflows and activities unchanged, except that
 * the watch activity's three waits (Salesforce pace, SIA check, how long one watch lasts) are
 * divided by `scale`. An idle user's day is a repetition of identical watches, so a window of
 * W minutes here stands for W × scale minutes of idle time, with every Salesforce call and
 * every history event real.
 */
export async function startScaledWatchWorker(stack: BenchStack, scale: number): Promise<ScaledWatchWorker> {
  const taskQueue = `${stack.temporal.taskQueue}-idle-scaled`;
  const base = buildActivities({ store: stack.store, secretKey: stack.secretKey, salesforceApp: stack.app });
  const inputs: WatchInput[] = [];
  let finished = 0;
  const activities = {
    ...base,
    async watchForChanges(input: WatchInput) {
      inputs.push(input);
      const result = await base.watchForChanges({
        ...input,
        salesforceEverySeconds: input.salesforceEverySeconds / scale,
        siaEverySeconds: input.siaEverySeconds / scale,
        maxSeconds: input.maxSeconds / scale,
      });
      finished += 1;
      return result;
    },
  };
  const { worker, connection } = await createWorker({ config: { ...stack.temporal, taskQueue }, activities, bundlePath: stack.bundlePath });
  const running = worker.run();
  onCleanup('scaled watch worker', async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running.catch(() => undefined);
    await connection.close();
  });
  return { taskQueue, inputs, finished: () => finished };
}

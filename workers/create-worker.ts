import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type State, type WorkerOptions } from '@temporalio/worker';
import { dataConverterFromEnv } from '../config/payload-codec-data-converter';
import { connectionOptions, type TemporalConfig } from '../config/temporal';
import { workerSlotsFromEnv, type WorkerSlots } from '../config/worker';
import { watchActivityNames, watchTaskQueue } from '../contract/ids';
import { activityMetricsInterceptor } from '../observability/activity-metrics-interceptor';
import { prebuiltBundle, workflowsPath } from './workflow-bundle';

export interface CreateWorkerOptions {
  config: TemporalConfig;
  activities: object;
  /**
   * A bundle the caller has just built (not checked again). Without it the worker loads the one
   * on disk, refused when its sources changed since `npm run build`, or else bundles the workflows
   * itself (slower start).
   */
  bundlePath?: string;
  /** Payload encryption; from the environment (TEMPORAL_CODEC_KEY) when omitted. */
  dataConverter?: DataConverter;
  /** Slots of each queue; from the environment (WORKER_MAX_ACTIVITIES, WORKER_MAX_WATCHES) when omitted. */
  slots?: Partial<WorkerSlots>;
  /** Options of the main queue's worker. */
  overrides?: Partial<WorkerOptions>;
}

/**
 * The two SDK workers of one process, run and stopped together: `main` polls the configured task
 * queue (workflows and every activity), `watch` the watch queue (the long-lived activities
 * only); `watch` is absent when the activities include no watch.
 */
export interface SyncWorker {
  main: Worker;
  watch?: Worker;
  /** Runs both until shut down; either one failing or stopping stops the other. */
  run(): Promise<void>;
  /** Shuts down whichever of the two runs. */
  shutdown(): void;
  /** RUNNING while either runs, else the main worker's state. */
  getState(): State;
}

export async function createWorker(options: CreateWorkerOptions): Promise<{ worker: SyncWorker; connection: NativeConnection }> {
  // A stale bundle is refused before anything connects.
  const bundlePath = options.bundlePath ?? prebuiltBundle();
  const dataConverter = options.dataConverter ?? dataConverterFromEnv();
  const slots = { ...workerSlotsFromEnv(), ...options.slots };
  const connection = await NativeConnection.connect(connectionOptions(options.config));
  const common = { connection, namespace: options.config.namespace, dataConverter, interceptors: { activity: [activityMetricsInterceptor] } };
  const main = await Worker.create({
    ...common,
    taskQueue: options.config.taskQueue,
    ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath }),
    // The watches too: a watch scheduled on this queue before watches had a queue of their own still runs.
    activities: options.activities,
    maxConcurrentActivityTaskExecutions: slots.activities,
    maxConcurrentWorkflowTaskExecutions: slots.workflowTasks,
    ...options.overrides,
  });
  const watchActivities = Object.fromEntries(Object.entries(options.activities).filter(([name]) => (watchActivityNames as readonly string[]).includes(name)));
  const watch =
    Object.keys(watchActivities).length === 0
      ? undefined
      : await Worker.create({
          ...common,
          taskQueue: watchTaskQueue(options.config.taskQueue),
          activities: watchActivities,
          // An idle user's watch holds a slot for up to an hour while it mostly sleeps: a worker
          // serving many users needs far more of them than the SDK's default of 100.
          maxConcurrentActivityTaskExecutions: slots.watches,
        });
  return { worker: syncWorker(main, watch), connection };
}

function syncWorker(main: Worker, watch: Worker | undefined): SyncWorker {
  const workers = watch ? [main, watch] : [main];
  const shutdown = () => {
    for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
  };
  return {
    main,
    watch,
    async run() {
      const runs = await Promise.allSettled(workers.map((w) => w.run().finally(shutdown)));
      const failed = runs.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
    shutdown,
    getState: () => (workers.some((w) => w.getState() === 'RUNNING') ? 'RUNNING' : main.getState()),
  };
}

import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type State, type WorkerOptions } from '@temporalio/worker';
import { dataConverterFromEnv } from '../config/payload-codec-data-converter';
import { connectionOptions, type TemporalConfig } from '../config/temporal';
import { workerSlotsFromEnv, type WorkerSlots } from '../config/worker';
import { emailActivityNames, emailTaskQueue, watchActivityNames, watchTaskQueue } from '../contract/ids';
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
  /** Slots of each queue; from the environment (WORKER_MAX_ACTIVITIES, WORKER_MAX_WATCHES, WORKER_MAX_WORKFLOW_TASKS) when omitted. */
  slots?: Partial<WorkerSlots>;
  /** Options of the main queue's worker. */
  overrides?: Partial<WorkerOptions>;
}

/**
 * The SDK workers of one process, run and stopped together: `main` polls the configured task
 * queue (workflows and every activity), `watch` the watch queue (the long-lived activities
 * only), `email` the email queue (the email workflows and their activities); `watch` and
 * `email` are absent when the activities include none of theirs.
 */
export interface SyncWorker {
  main: Worker;
  watch?: Worker;
  email?: Worker;
  /** Runs them all until shut down; any one failing or stopping stops the others. */
  run(): Promise<void>;
  /** Shuts down whichever of them runs. */
  shutdown(): void;
  /** RUNNING while any runs, else the main worker's state. */
  getState(): State;
}

export async function createWorker(options: CreateWorkerOptions): Promise<{ worker: SyncWorker; connection: NativeConnection }> {
  // A stale bundle is refused before anything connects.
  const bundlePath = options.bundlePath ?? prebuiltBundle();
  const dataConverter = options.dataConverter ?? dataConverterFromEnv();
  const slots = { ...workerSlotsFromEnv(), ...options.slots };
  const connection = await NativeConnection.connect(connectionOptions(options.config));
  const common = { connection, namespace: options.config.namespace, dataConverter, interceptors: { activity: [activityMetricsInterceptor] } };
  const workflows = bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath };
  const main = await Worker.create({
    ...common,
    taskQueue: options.config.taskQueue,
    ...workflows,
    // The watches and email activities too: those scheduled on this queue before they had queues of their own still run.
    activities: options.activities,
    maxConcurrentActivityTaskExecutions: slots.activities,
    maxConcurrentWorkflowTaskExecutions: slots.workflowTasks,
    ...options.overrides,
  });
  /** A worker on a queue of its own for the activities named; none when the process has none of them. */
  const queueWorker = async (names: readonly string[], queue: Partial<WorkerOptions> & { taskQueue: string }) => {
    const activities = Object.fromEntries(Object.entries(options.activities).filter(([name]) => names.includes(name)));
    return Object.keys(activities).length === 0 ? undefined : Worker.create({ ...common, ...queue, activities });
  };
  const email = await queueWorker(emailActivityNames, {
    taskQueue: emailTaskQueue(options.config.taskQueue),
    ...workflows,
    maxConcurrentActivityTaskExecutions: slots.activities,
    maxConcurrentWorkflowTaskExecutions: slots.workflowTasks,
  });
  const watch = await queueWorker(watchActivityNames, {
    taskQueue: watchTaskQueue(options.config.taskQueue),
    // An idle user's watch holds a slot for up to an hour while it mostly sleeps: a worker
    // serving many users needs far more of them than the SDK's default of 100.
    maxConcurrentActivityTaskExecutions: slots.watches,
  });
  return { worker: syncWorker(main, watch, email), connection };
}

function syncWorker(main: Worker, watch: Worker | undefined, email: Worker | undefined): SyncWorker {
  const workers = [main, watch, email].filter((w): w is Worker => w !== undefined);
  const shutdown = () => {
    for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
  };
  return {
    main,
    watch,
    email,
    async run() {
      const runs = await Promise.allSettled(workers.map((w) => w.run().finally(shutdown)));
      const failed = runs.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
    shutdown,
    getState: () => (workers.some((w) => w.getState() === 'RUNNING') ? 'RUNNING' : main.getState()),
  };
}

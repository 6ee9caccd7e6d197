import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { dataConverterFromEnv } from '../config/payload-codec-data-converter';
import { connectionOptions, type TemporalConfig } from '../config/temporal';
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
  overrides?: Partial<WorkerOptions>;
}

/** WORKER_MAX_ACTIVITIES: concurrent activities per worker (default 2,000; watches are mostly asleep). */
function maxActivities(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.WORKER_MAX_ACTIVITIES ?? 2000);
  if (!Number.isInteger(value) || value < 1) throw new Error(`WORKER_MAX_ACTIVITIES must be a positive whole number, got "${env.WORKER_MAX_ACTIVITIES}".`);
  return value;
}

export async function createWorker(options: CreateWorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  // A stale bundle is refused before anything connects.
  const bundlePath = options.bundlePath ?? prebuiltBundle();
  const dataConverter = options.dataConverter ?? dataConverterFromEnv();
  const connection = await NativeConnection.connect(connectionOptions(options.config));
  const worker = await Worker.create({
    connection,
    namespace: options.config.namespace,
    taskQueue: options.config.taskQueue,
    ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath }),
    activities: options.activities,
    dataConverter,
    interceptors: { activity: [activityMetricsInterceptor] },
    // An idle user's watch holds an activity slot for up to an hour while it mostly sleeps, so a
    // worker serving many users needs far more slots than the SDK's default of 100.
    maxConcurrentActivityTaskExecutions: maxActivities(),
    ...options.overrides,
  });
  return { worker, connection };
}

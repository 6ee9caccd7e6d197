import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { dataConverterFromEnv } from '../config/payload-codec-data-converter';
import { connectionOptions, type TemporalConfig } from '../config/temporal';
import { activityMetricsInterceptor } from '../observability/activity-metrics-interceptor';
import { prebuiltBundle, workflowsPath } from './workflow-bundle';

export interface CreateWorkerOptions {
  config: TemporalConfig;
  activities: object;
  /** A pre-built bundle file; without one the worker bundles the workflows itself (slower start). */
  bundlePath?: string;
  /** Payload encryption; from the environment (TEMPORAL_CODEC_KEY) when omitted. */
  dataConverter?: DataConverter;
  overrides?: Partial<WorkerOptions>;
}

export async function createWorker(options: CreateWorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  const dataConverter = options.dataConverter ?? dataConverterFromEnv();
  const connection = await NativeConnection.connect(connectionOptions(options.config));
  const bundlePath = options.bundlePath ?? prebuiltBundle();
  const worker = await Worker.create({
    connection,
    namespace: options.config.namespace,
    taskQueue: options.config.taskQueue,
    ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath }),
    activities: options.activities,
    dataConverter,
    interceptors: { activity: [activityMetricsInterceptor] },
    ...options.overrides,
  });
  return { worker, connection };
}

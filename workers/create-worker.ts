import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { connectionOptions, type TemporalConfig } from '../config/temporal';
import { prebuiltBundle, workflowsPath } from './workflow-bundle';

export interface CreateWorkerOptions {
  config: TemporalConfig;
  activities: object;
  /** A pre-built bundle file; without one the worker bundles the workflows itself (slower start). */
  bundlePath?: string;
  overrides?: Partial<WorkerOptions>;
}

export async function createWorker(options: CreateWorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect(connectionOptions(options.config));
  const bundlePath = options.bundlePath ?? prebuiltBundle();
  const worker = await Worker.create({
    connection,
    namespace: options.config.namespace,
    taskQueue: options.config.taskQueue,
    ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath }),
    activities: options.activities,
    ...options.overrides,
  });
  return { worker, connection };
}

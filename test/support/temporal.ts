import type { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { connectTemporalClient } from '../../client/temporal-client';
import { dataConverterFromEnv } from '../../config/payload-codec-data-converter';
import { temporalConfigFromEnv, type TemporalConfig } from '../../config/temporal';
import { createWorker, type SyncWorker } from '../../workers/create-worker';

/**
 * A worker on its own task queue against the run's dev server, so test files never steal
 * each other's tasks. Stop it in afterAll. Client and worker encrypt every payload with
 * TEMPORAL_CODEC_KEY (a random key global setup sets), as in production.
 */
export interface TestTemporal {
  client: Client;
  config: TemporalConfig;
  worker: SyncWorker;
  stop(): Promise<void>;
}

let runtimeInstalled = false;

export async function startTestTemporal(activities: object = {}): Promise<TestTemporal> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  if (!process.env.WORKFLOW_BUNDLE) throw new Error('Integration tests need test/global-setup.ts: run them through jest --selectProjects integration (npm test).');
  const config = { ...temporalConfigFromEnv(), taskQueue: `test-${randomUUID()}` };
  // The development key only serves scripts that run outside jest (test/record-histories.ts).
  const dataConverter = dataConverterFromEnv({ allowDevKey: true });
  const client = await connectTemporalClient(config, { dataConverter });
  const { worker, connection } = await createWorker({ config, activities, bundlePath: process.env.WORKFLOW_BUNDLE, dataConverter });
  const running = worker.run();
  return {
    client,
    config,
    worker,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await client.connection.close();
    },
  };
}

/** Polls `read` until `done` holds, for state that other processes settle (workflow tasks, visibility). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) return last;
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}

import type { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectTemporalClient } from '../client/temporal-client';
import type { SalesforceAppConfig } from '../config/salesforce';
import { temporalConfigFromEnv, type TemporalConfig } from '../config/temporal';
import { createTestDatabase, startPostgres } from '../dev/postgres';
import { startTemporalDevServer, stopChild } from '../dev/temporal';
import { startSalesforceEmulator, type SalesforceEmulator } from '../dev/salesforce-emulator';
import { openStore, type Store } from '../store';
import { redirectUri, testClient } from '../test/support/salesforce';
import { buildWorkflowBundle } from '../workers/workflow-bundle';
import { onCleanup, trackChild } from './cleanup';
import { startWorkerProcess, type WorkerProcess } from './worker-process';

/** One run's whole system: Temporal dev server, Salesforce emulator, store, the worker child. */
export interface BenchStack {
  runId: string;
  dir: string;
  temporal: TemporalConfig;
  client: Client;
  emulator: SalesforceEmulator;
  app: SalesforceAppConfig;
  store: Store;
  storeUrl: string;
  secretKey: Buffer;
  bundlePath: string;
  worker: WorkerProcess;
}

export async function startStack(options: { storeUrl?: string; say: (line: string) => void }): Promise<BenchStack> {
  const { say } = options;
  const runId = randomBytes(3).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'sia-bench-'));
  onCleanup('run directory', async () => rmSync(dir, { recursive: true, force: true }));

  // Fresh keys per run, set in this process's env so the in-process client and any in-process
  // worker seal payloads exactly as the worker child does.
  const secretKey = randomBytes(32);
  process.env.TEMPORAL_CODEC_KEY = randomBytes(32).toString('base64');

  // The in-process workers (the scaled idle one) log warnings only, like the worker process.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  say('building the workflow bundle…');
  const bundlePath = await buildWorkflowBundle(join(dir, 'workflow-bundle.js'));

  say('starting the Temporal dev server…');
  const server = await startTemporalDevServer({ log: say });
  trackChild(server.process);
  onCleanup('Temporal dev server', () => stopChild(server.process));

  // The Pub/Sub API over TLS (self-signed): orgs with an integration user follow their change events.
  const emulator = await startSalesforceEmulator({ port: 0, pubsubTls: true });
  onCleanup('Salesforce emulator', () => emulator.close());
  const pubsub = emulator.pubsub ? { endpoint: emulator.pubsub.address, verifyTls: false } : null;
  const app: SalesforceAppConfig = { loginUrl: emulator.url, clientId: testClient.clientId, clientSecret: testClient.clientSecret, redirectUri, apiVersion: '62.0', pubsub };

  const storeUrl = options.storeUrl ?? `sqlite:${join(dir, 'sia.db')}`;
  const store = await openStore(storeUrl);
  onCleanup('store', () => store.close());

  const temporal: TemporalConfig = { ...temporalConfigFromEnv({ TEMPORAL_ADDRESS: server.address, TEMPORAL_NAMESPACE: server.namespace }), taskQueue: `bench-${runId}` };
  const client = await connectTemporalClient(temporal);
  onCleanup('Temporal client', () => client.connection.close());

  say('starting the worker process (workers/main.ts)…');
  const worker = await startBenchWorker({ temporal, client, app, secretKey, bundlePath }, storeUrl, join(dir, 'worker.log'));
  return { runId, dir, temporal, client, emulator, app, store, storeUrl, secretKey, bundlePath, worker };
}

/**
 * The product's worker entry in a child process on the given store, polling the stack's task
 * queue; ready once Temporal sees it poll.
 */
export function startBenchWorker(stack: Pick<BenchStack, 'temporal' | 'client' | 'app' | 'secretKey' | 'bundlePath'>, storeUrl: string, logFile: string): Promise<WorkerProcess> {
  const { temporal, client, app } = stack;
  const codecKey = process.env.TEMPORAL_CODEC_KEY;
  if (!codecKey) throw new Error('TEMPORAL_CODEC_KEY is unset: startStack sets it before any worker starts');
  return startWorkerProcess(
    {
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      TEMPORAL_TASK_QUEUE: temporal.taskQueue,
      STORE_URL: storeUrl,
      SIA_SECRET_KEY: stack.secretKey.toString('base64'),
      TEMPORAL_CODEC_KEY: codecKey,
      SALESFORCE_LOGIN_URL: app.loginUrl,
      SALESFORCE_CLIENT_ID: app.clientId,
      SALESFORCE_CLIENT_SECRET: app.clientSecret,
      SALESFORCE_REDIRECT_URI: app.redirectUri,
      SALESFORCE_API_VERSION: app.apiVersion,
      SALESFORCE_PUBSUB_ENDPOINT: app.pubsub?.endpoint ?? 'off',
      // The emulator's certificate is self-signed: taken unchecked, which only a development setup may do.
      SALESFORCE_PUBSUB_INSECURE_TLS: '1',
      SIA_DEV: '1',
      WORKFLOW_BUNDLE: stack.bundlePath,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
    logFile,
    async () => {
      const queue = await client.workflowService.describeTaskQueue({ namespace: temporal.namespace, taskQueue: { name: temporal.taskQueue }, taskQueueType: proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW });
      return queue.pollers.length > 0;
    },
  );
}

export type StoreName = 'SQLite' | 'PostgreSQL';

export function storeName(url: string): StoreName {
  return url.startsWith('sqlite:') ? 'SQLite' : 'PostgreSQL';
}

/** The stack on a second store, with a worker child of its own; stop() ends what it started. */
export type OtherStoreStack = BenchStack & { stop(): Promise<void> };

/**
 * The same run on the other store, to compare the two in one run under the same load: SQLite
 * (a fresh file) when the stack's is PostgreSQL; otherwise a fresh database on the PostgreSQL
 * server dev/postgres.ts starts (or DATABASE_URL_TEST's). It has its own worker child on a task
 * queue of its own; the Temporal server, the emulator and the keys are the stack's.
 */
export async function startOtherStore(stack: BenchStack, say: (line: string) => void): Promise<OtherStoreStack> {
  const stops: Array<() => Promise<void>> = [];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const next of stops.reverse()) await next();
    })());
  onCleanup('the other store', stop);
  try {
    let storeUrl = `sqlite:${join(stack.dir, 'sia-other.db')}`;
    if (storeName(stack.storeUrl) === 'SQLite') {
      say('starting PostgreSQL (dev/postgres.ts)…');
      const server = await startPostgres();
      stops.push(() => server.stop());
      const database = await createTestDatabase(server.url);
      stops.push(() => database.drop());
      storeUrl = database.url;
    }
    const store = await openStore(storeUrl);
    stops.push(() => store.close());
    const temporal = { ...stack.temporal, taskQueue: `${stack.temporal.taskQueue}-${storeName(storeUrl).toLowerCase()}` };
    say(`starting a worker process on ${storeName(storeUrl)}…`);
    const worker = await startBenchWorker({ ...stack, temporal }, storeUrl, join(stack.dir, `worker-${storeName(storeUrl).toLowerCase()}.log`));
    stops.push(() => stopChild(worker.child));
    return { ...stack, store, storeUrl, temporal, worker, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

import type { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connectTemporalClient } from '../../client/temporal-client';
import type { SalesforceAppConfig } from '../../config/salesforce';
import { temporalConfigFromEnv } from '../../config/temporal';
import { createTestDatabase, startPostgres } from '../../dev/postgres';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../dev/salesforce-emulator';
import { freePort, startTemporalDevServer, stopChild, type DevServer } from '../../dev/temporal';
import { newApiToken } from '../../store/api-tokens';
import { openStore, type Store } from '../../store';
import { testClient } from '../../test/support/salesforce';
import { buildWorkflowBundle } from '../../workers/workflow-bundle';
import { onCleanup, trackChild } from '../cleanup';
import { sleep } from '../wait';
import { startWorkerProcess, type WorkerProcess } from '../worker-process';

/**
 * The soak's system, every part real and on loopback: PostgreSQL (or one SQLite file), a
 * Temporal dev server on a database file (so it can be restarted on it), the Salesforce
 * emulator, the API server (`api/server-main.ts`) and worker processes (`workers/main.ts`), each
 * its own process configured only through its environment.
 */
export interface SoakStack {
  runId: string;
  dir: string;
  storeUrl: string;
  /** The soak's own connection, for reading the SIA side as a checker. */
  store: Store;
  client: Client;
  taskQueue: string;
  temporal: RestartableTemporal;
  emulator: SalesforceEmulator;
  app: SalesforceAppConfig;
  api: { url: string; adminToken: string; logFile: string };
  workers: WorkerPool;
}

const repoRoot = resolve(__dirname, '../..');

export async function startSoakStack(options: { store: 'postgres' | 'sqlite'; workers: number; say: (line: string) => void }): Promise<SoakStack> {
  const { say } = options;
  const runId = randomBytes(3).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'sia-soak-'));
  onCleanup('run directory', async () => {
    if (process.env.SOAK_KEEP_DIR) process.stderr.write(`logs and databases kept in ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  });
  const secretKey = randomBytes(32);
  // This process's client seals payloads with the same key as the worker and API processes.
  const codecKey = randomBytes(32).toString('base64');
  process.env.TEMPORAL_CODEC_KEY = codecKey;

  say('building the workflow bundle…');
  const bundlePath = await buildWorkflowBundle(join(dir, 'workflow-bundle.js'));

  let storeUrl: string;
  if (options.store === 'postgres') {
    say('starting PostgreSQL…');
    const server = await startPostgres();
    onCleanup('PostgreSQL', () => server.stop());
    storeUrl = (await createTestDatabase(server.url)).url;
  } else {
    storeUrl = `sqlite:${join(dir, 'sia.db')}`;
  }
  // Opening it migrates it, before any other process opens it.
  const store = await openStore(storeUrl);
  onCleanup('store', () => store.close());

  say('starting the Temporal dev server on a database file…');
  const temporal = await startRestartableTemporal(join(dir, 'temporal.db'), say);
  const taskQueue = `soak-${runId}`;
  const temporalConfig = { ...temporalConfigFromEnv({ TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: temporal.namespace }), taskQueue };
  const client = await connectTemporalClient(temporalConfig);
  onCleanup('Temporal client', () => client.connection.close());

  const emulator = await startSalesforceEmulator({ port: 0 });
  onCleanup('Salesforce emulator', () => emulator.close());

  const apiPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const app: SalesforceAppConfig = { loginUrl: emulator.url, clientId: testClient.clientId, clientSecret: testClient.clientSecret, redirectUri: `${apiUrl}/oauth/salesforce/callback`, apiVersion: '62.0' };
  const common: Record<string, string> = {
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    TEMPORAL_TASK_QUEUE: taskQueue,
    TEMPORAL_CODEC_KEY: codecKey,
    STORE_URL: storeUrl,
    SIA_SECRET_KEY: secretKey.toString('base64'),
    SALESFORCE_LOGIN_URL: app.loginUrl,
    SALESFORCE_CLIENT_ID: app.clientId,
    SALESFORCE_CLIENT_SECRET: app.clientSecret,
    SALESFORCE_REDIRECT_URI: app.redirectUri,
    SALESFORCE_API_VERSION: app.apiVersion,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };

  say('starting the API server (api/server-main.ts)…');
  const adminToken = newApiToken();
  const apiLog = join(dir, 'api.log');
  await startApiProcess({ ...common, PORT: String(apiPort), HOST: '127.0.0.1', PUBLIC_URL: apiUrl, SIA_ADMIN_TOKEN: adminToken }, apiUrl, apiLog);

  say(`starting ${options.workers} worker process${options.workers === 1 ? '' : 'es'} (workers/main.ts)…`);
  const workers = new WorkerPool({ ...common, WORKFLOW_BUNDLE: bundlePath }, dir, client, temporal.namespace, taskQueue);
  for (let i = 0; i < options.workers; i++) await workers.start();

  return { runId, dir, storeUrl, store, client, taskQueue, temporal, emulator, app, api: { url: apiUrl, adminToken, logFile: apiLog }, workers };
}

export interface RestartableTemporal {
  address: string;
  namespace: string;
  /** Stops the server and starts it again on the same port and database file; answers how long it was away. */
  restart(): Promise<number>;
}

async function startRestartableTemporal(dbFilename: string, say: (line: string) => void): Promise<RestartableTemporal> {
  const port = await freePort();
  const start = async (): Promise<DevServer> => {
    const server = await startTemporalDevServer({ port, dbFilename, log: say });
    trackChild(server.process);
    onCleanup('Temporal dev server', () => server.stop());
    return server;
  };
  let server = await start();
  return {
    address: server.address,
    namespace: server.namespace,
    async restart() {
      const down = Date.now();
      await server.stop();
      server = await start();
      return Date.now() - down;
    },
  };
}

/** Starts the API server as its own process and waits until it answers. */
async function startApiProcess(env: Record<string, string>, url: string, logFile: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(repoRoot, 'api/server-main.ts')], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  trackChild(child);
  onCleanup('API server', () => stopChild(child));
  const log = createWriteStream(logFile);
  let tail = '';
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.once('exit', () => log.end());
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API server exited with code ${child.exitCode} before answering:\n${tail}`);
    const ok = await fetch(`${url}/openapi.json`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return child;
    await sleep(250);
  }
  throw new Error(`the API server did not answer within 120 s:\n${tail}`);
}

export interface KillRecord {
  /** ms since the epoch. */
  at: number;
  pid: number;
  /** Until the replacement polled the task queue. */
  replacementMs: number;
  replacementPid: number;
  /** The users whose activities it was running, and how long after the kill each synced again. */
  held?: HeldRecovery[];
}

export interface HeldRecovery {
  user: string;
  /** The activity the killed worker was running for them. */
  activity: string;
  /** From the kill until a round of theirs finished; null when none did within the bound. */
  syncedAfterMs: number | null;
}

/** The worker processes; kills one with SIGKILL and starts another in its place. */
export class WorkerPool {
  readonly live: WorkerProcess[] = [];
  private started = 0;

  constructor(
    private readonly env: Record<string, string>,
    private readonly dir: string,
    private readonly client: Client,
    private readonly namespace: string,
    private readonly taskQueue: string,
  ) {}

  /** Identities of the task queue's workflow pollers (`<pid>@<host>` by default). */
  private async pollers(): Promise<Set<string>> {
    const queue = await this.client.workflowService.describeTaskQueue({ namespace: this.namespace, taskQueue: { name: this.taskQueue }, taskQueueType: proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW });
    return new Set(queue.pollers.map((p) => p.identity ?? ''));
  }

  /** A new worker process, ready once Temporal sees a poller it did not see before. */
  async start(): Promise<WorkerProcess> {
    const before = await this.pollers();
    this.started += 1;
    const worker = await startWorkerProcess(this.env, join(this.dir, `worker-${this.started}.log`), async () => {
      const now = await this.pollers().catch(() => new Set<string>());
      return [...now].some((identity) => !before.has(identity));
    });
    this.live.push(worker);
    return worker;
  }

  /** `beforeKill` runs with the victim's pid just before the SIGKILL (to see what it holds). */
  async killAndReplace(random: () => number, beforeKill?: (pid: number) => Promise<void>): Promise<KillRecord> {
    const index = Math.floor(random() * this.live.length);
    const victim = this.live[index];
    if (!victim) throw new Error('no worker process to kill');
    await beforeKill?.(victim.pid);
    const at = Date.now();
    const exited = new Promise<void>((done) => {
      if (victim.child.exitCode !== null || victim.child.signalCode !== null) done();
      else victim.child.once('exit', () => done());
    });
    victim.child.kill('SIGKILL');
    await exited;
    this.live.splice(index, 1);
    const replacement = await this.start();
    return { at, pid: victim.pid, replacementMs: Date.now() - at, replacementPid: replacement.pid };
  }

  /** Worker processes that died without being killed by the soak. */
  crashed(): WorkerProcess[] {
    return this.live.filter((w) => w.child.exitCode !== null || w.child.signalCode !== null);
  }
}

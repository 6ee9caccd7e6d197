import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createServer } from 'node:net';
import { searchAttributeFlags } from '../contract/search-attributes';

/**
 * Finds or builds the Temporal CLI, and runs its dev server.
 *
 * The CLI is built from the Go module proxy at one pinned version: later versions carry
 * `replace` directives that `go install` refuses. The build lands in a cache outside the
 * clone so every clone on the machine (CI's included) reuses it.
 */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

export function temporalCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'sia-salesforce-sync', `temporal-${TEMPORAL_CLI_VERSION}`);
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Path of a usable `temporal` binary: $TEMPORAL_CLI, then PATH, then the cache, else a fresh build. */
export function ensureTemporalCli(log: (line: string) => void = (l) => process.stderr.write(l + '\n')): string {
  const explicit = process.env.TEMPORAL_CLI;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`TEMPORAL_CLI points at ${explicit}, which does not exist. Unset it or point it at a temporal binary.`);
    return explicit;
  }
  const fromPath = onPath('temporal');
  if (fromPath) return fromPath;
  const cacheDir = temporalCacheDir();
  const cached = join(cacheDir, 'temporal');
  if (existsSync(cached)) return cached;

  const go = onPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) {
    throw new Error(
      'The Temporal CLI is needed and neither `temporal` nor `go` was found. ' +
        `Install Go (https://go.dev/doc/install, or your system's golang package) so the CLI can be built, ` +
        `or install the Temporal CLI ${TEMPORAL_CLI_VERSION} and put it on PATH (or set TEMPORAL_CLI).`,
    );
  }
  mkdirSync(cacheDir, { recursive: true });
  log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with go install into ${cacheDir} (once per machine; a few minutes)…`);
  execFileSync(go, ['install', `${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}`], {
    env: { ...process.env, GOBIN: cacheDir, GOFLAGS: process.env.GOFLAGS ?? '-mod=mod' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (!existsSync(cached)) throw new Error(`go install finished but ${cached} is missing; check the go output above.`);
  log(`Temporal CLI built: ${cached}`);
  return cached;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface DevServerOptions {
  /** gRPC port; a free one when omitted. */
  port?: number;
  /** Web UI port; the UI is off when omitted. */
  uiPort?: number;
  /** SQLite file to keep state across restarts; in memory when omitted. */
  dbFilename?: string;
  namespace?: string;
  /** Forwarded to the UI so an operator can decode encrypted payloads. */
  codecEndpoint?: string;
  log?: (line: string) => void;
  /** Where the server's own output goes. */
  output?: 'inherit' | 'ignore';
}

export interface DevServer {
  address: string;
  namespace: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `temporal server start-dev` with this product's search attributes registered. */
export async function startTemporalDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const cli = ensureTemporalCli(options.log);
  const port = options.port ?? (await freePort());
  const namespace = options.namespace ?? 'default';
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', namespace, '--log-level', 'warn'];
  args.push('--http-port', String(await freePort()), '--metrics-port', String(await freePort()));
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.codecEndpoint) args.push('--ui-codec-endpoint', options.codecEndpoint);
  if (options.dbFilename) args.push('--db-filename', options.dbFilename);
  for (const flag of searchAttributeFlags()) args.push('--search-attribute', flag);

  const child = spawn(cli, args, { stdio: ['ignore', options.output ?? 'ignore', options.output ?? 'ignore'], detached: false });
  const address = `127.0.0.1:${port}`;
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  await waitForGrpc(address, () => exited, 60_000);
  return {
    address,
    namespace,
    uiUrl: options.uiPort ? `http://localhost:${options.uiPort}` : undefined,
    process: child,
    stop: () => stopChild(child),
  };
}

async function waitForGrpc(address: string, exitCode: () => number | null, timeoutMs: number): Promise<void> {
  const { Connection } = await import('@temporalio/client');
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const code = exitCode();
    if (code !== null) throw new Error(`temporal server start-dev exited with code ${code} before it was ready (is port ${address} taken?)`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Temporal dev server at ${address} was not ready within ${timeoutMs} ms: ${String(lastError)}`);
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

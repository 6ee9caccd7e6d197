import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stopChild } from '../dev/temporal';
import { onCleanup, trackChild } from './cleanup';

export interface WorkerProcess {
  pid: number;
  child: ChildProcess;
  logFile: string;
  /** Resident set size and its peak so far, in bytes. */
  memory(): { rss: number; peak: number | null };
}

const repoRoot = resolve(__dirname, '..');

/**
 * The product's own worker entry (`workers/main.ts`) in a child process, configured only
 * through its environment as in production. Node runs it directly with the tsx loader (no tsx
 * CLI in between), so the child's pid is the worker's and its RSS is the worker's alone.
 */
export async function startWorkerProcess(env: Record<string, string>, logFile: string, polling: () => Promise<boolean>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(repoRoot, 'workers/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackChild(child);
  onCleanup('worker process', () => stopChild(child));
  const log = createWorkerLog(child, logFile);
  await waitForReady(child, log, polling, 120_000);
  const pid = child.pid;
  if (pid === undefined) throw new Error('the worker process has no pid');
  return { pid, child, logFile, memory: () => processMemory(pid) };
}

function createWorkerLog(child: ChildProcess, logFile: string): { text: () => string } {
  const file = createWriteStream(logFile);
  let head = '';
  const keep = (chunk: Buffer) => {
    file.write(chunk);
    if (head.length < 64_000) head += chunk.toString('utf8');
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', () => file.end());
  return { text: () => head };
}

/** Ready when Temporal sees it polling the task queue (log lines depend on LOG_LEVEL). */
async function waitForReady(child: ChildProcess, log: { text: () => string }, polling: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await polling()) return;
    if (child.exitCode !== null) throw new Error(`the worker process exited with code ${child.exitCode} before polling:\n${log.text().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the worker process did not start polling within ${timeoutMs} ms:\n${log.text().slice(-4000)}`);
}

/** RSS from /proc on Linux (VmRSS, VmHWM); elsewhere `ps` (no peak). */
export function processMemory(pid: number): { rss: number; peak: number | null } {
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) {
    const text = readFileSync(status, 'utf8');
    const kib = (name: string) => {
      const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
      return m ? Number(m[1]) * 1024 : null;
    };
    return { rss: kib('VmRSS') ?? 0, peak: kib('VmHWM') };
  }
  const out = execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
  return { rss: Number(out.trim()) * 1024, peak: null };
}

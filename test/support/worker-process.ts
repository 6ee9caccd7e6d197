import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { emailTaskQueue, watchTaskQueue } from '../../contract/ids';
import { stopChild } from '../../dev/temporal';

/**
 * The product's worker (`workers/main.ts`) as a child process, configured only through its
 * environment as in production, so a test can kill it for real (`kill -9`). Node runs it with
 * the tsx loader directly, so the child's pid is the worker's and names it to Temporal
 * (the SDK's worker identity is `<pid>@<host>`).
 */
export interface WorkerProcess {
  pid: number;
  /** Milliseconds from spawning until Temporal saw it poll both of its task queues. */
  startedInMs: number;
  /** SIGKILL: no shutdown, no goodbye to Temporal; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL if it lingers. */
  stop(): Promise<void>;
  /** The end of what it wrote on stdout and stderr. */
  output(): string;
}

const repoRoot = resolve(__dirname, '..', '..');
const { TaskQueueType } = temporal.api.enums.v1;

export async function startWorkerProcess(client: Client, options: { namespace: string; taskQueue: string; env: Record<string, string> }, timeoutMs = 120_000): Promise<WorkerProcess> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(repoRoot, 'workers/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env, TEMPORAL_TASK_QUEUE: options.taskQueue },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const pid = child.pid;
  if (pid === undefined) throw new Error('the worker process has no pid');
  const stop = () => stopChild(child);
  try {
    await untilPolling(client, options, pid, child, () => tail, started + timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid, startedInMs: Date.now() - started, kill: () => killNow(child), stop, output: () => tail };
}

/** Ready when this process polls the workflow queue, the watch queue and the email queue. */
async function untilPolling(client: Client, options: { namespace: string; taskQueue: string }, pid: number, child: ChildProcess, output: () => string, deadline: number): Promise<void> {
  const polls = async (name: string, type: temporal.api.enums.v1.TaskQueueType) => {
    const queue = await client.workflowService.describeTaskQueue({ namespace: options.namespace, taskQueue: { name }, taskQueueType: type });
    return queue.pollers.some((p) => p.identity?.startsWith(`${pid}@`));
  };
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the worker process exited with code ${child.exitCode} before polling:\n${output()}`);
    if (
      (await polls(options.taskQueue, TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)) &&
      (await polls(watchTaskQueue(options.taskQueue), TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)) &&
      (await polls(emailTaskQueue(options.taskQueue), TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW))
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the worker process did not poll its three task queues in time:\n${output()}`);
}

function killNow(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

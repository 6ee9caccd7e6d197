import type { ChildProcess } from 'node:child_process';

/**
 * Everything the bench starts registers its stop here, so nothing outlives the run: stops run
 * in reverse order on success, on error and on Ctrl-C; child processes are also killed
 * synchronously on exit in case an async stop never got to run.
 */
const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
const children = new Set<ChildProcess>();

export function onCleanup(name: string, stop: () => Promise<void>): void {
  stops.push({ name, stop });
}

export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

let running: Promise<void> | null = null;

export function cleanup(): Promise<void> {
  running ??= (async () => {
    while (stops.length > 0) {
      const { name, stop } = stops.pop()!;
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 15_000).unref());
      await Promise.race([stop().catch((error: unknown) => process.stderr.write(`cleanup of ${name} failed: ${String(error)}\n`)), timeout]);
    }
  })();
  return running;
}

process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping everything the bench started…\n`);
    void cleanup().finally(() => process.exit(130));
  });
}

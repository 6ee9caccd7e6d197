import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs, usage, type BenchArgs, type FigureKey } from './args';
import { runCommand } from './cli';
import { measureBurst } from './figures/burst';
import { measureChangeEvents } from './figures/change-events';
import { measureIdle } from './figures/idle';
import { measureInitialImport } from './figures/initial-import';
import { measureLatency } from './figures/latency';
import { measureMemory } from './figures/memory';
import { measureOrgPoller } from './figures/org-poller';
import { describeMachine, formatMachine } from './machine';
import { startScaledWatchWorker } from './scaled-watch-worker';
import { formatTable, verdictOf, type Figure } from './report';
import { startStack, storeName } from './stack';

/**
 * `npm run bench`: measures what the sync costs and how fast it is on a real Temporal dev
 * server, the Salesforce emulator and the product's worker process. Measurements, not tests:
 * it prints each figure beside its target and writes the same as JSON.
 */
async function main(args: BenchArgs): Promise<void> {
  const started = Date.now();
  const say = (line: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const machine = describeMachine();
  const want = (key: FigureKey) => args.only.has(key);

  const stack = await startStack({ storeUrl: args.store, say });
  const baselineRss = stack.worker.memory().rss;
  const measure = async (key: FigureKey, run: () => Promise<Figure[]>): Promise<Figure[]> => {
    if (!want(key)) return [];
    try {
      return await run();
    } catch (error) {
      say(`${key} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return [{ key, title: `${key}: failed`, value: null, unit: '', derivation: 'the measurement threw', note: error instanceof Error ? error.message : String(error) }];
    }
  };

  const figures: Figure[] = [];
  figures.push(...(await measure('import', () => measureInitialImport(stack, { count: args.importTasks, rounds: args.importRounds }, say))));
  figures.push(...(await measure('burst', () => measureBurst(stack, args.burst, say))));
  // Latency (on the worker process) and the idle windows (on the scaled worker) mostly wait,
  // so they share the clock.
  const scaled = want('idle') || want('org') ? await startScaledWatchWorker(stack, args.idleScale) : null;
  const [latency, idle] = await Promise.all([
    measure('latency', () => measureLatency(stack, args.samples, say)),
    (async () => [
      ...(await measure('idle', () => measureIdle(stack, scaled!, args.idleMinutes, say))),
      ...(await measure('org', () => measureOrgPoller(stack, scaled!, args.idleMinutes, say))),
    ])(),
  ]);
  figures.push(...latency, ...idle);
  figures.push(...(await measure('stream', () => measureChangeEvents(stack, { samples: args.samples, idleMinutes: args.idleMinutes }, say))));
  figures.push(...(await measure('memory', () => measureMemory(stack, { users: args.users, tasks: args.tasks, baselineRss }, say))));

  const table = formatTable(figures);
  const header = [`command: ${command}`, `machine: ${formatMachine(machine)}`, `store: ${storeName(stack.storeUrl)}${want('import') ? ' (the import also on the other store)' : ''}; Temporal dev server; Salesforce emulator in-process; worker: workers/main.ts child (pid ${stack.worker.pid})`, `took ${((Date.now() - started) / 1000).toFixed(0)} s`];
  process.stdout.write(`\n${header.join('\n')}\n\n${table}\n`);

  const jsonPath = resolve(args.json);
  mkdirSync(dirname(jsonPath), { recursive: true });
  const json = {
    command,
    args: { ...args, only: [...args.only] },
    machine,
    at: new Date(started).toISOString(),
    seconds: (Date.now() - started) / 1000,
    figures: figures.map((f) => ({ ...f, verdict: verdictOf(f) })),
  };
  writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`\nresults written to ${jsonPath}\n`);
}

runCommand('bench', parseArgs, usage, main);

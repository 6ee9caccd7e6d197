import { performance } from 'node:perf_hooks';
import { listTasks } from '../../store';
import { historyEvents } from '../history';
import type { Figure } from '../report';
import { callMark, callsBetween, tally, type CallTally } from '../salesforce-calls';
import { startOtherStore, storeName, type BenchStack, type StoreName } from '../stack';
import { seedOrg, sfTime, switchSyncOn, waitUntilImported } from '../users';

/** PostgreSQL may take at most this many times SQLite's time for the same import, in the same run. */
export const postgresOverSqlite = 1.5;

interface ImportRun {
  store: StoreName;
  seconds: number;
  calls: CallTally;
  siaTasks: number;
  /** Seconds from scheduling to completion, summed per activity type, and how many ran. */
  activities: Record<string, { count: number; seconds: number }>;
}

/**
 * First switch-on of a user whose Salesforce holds `count` Tasks, all changed in the last 23
 * hours (so the 24-hour rule imports every one), on both stores in the same run: the stack's,
 * and the other one (startOtherStore: its own worker child and task queue, started before any
 * import, so every import runs beside the same processes). `rounds` imports per store, a fresh
 * user and org each, the first store alternating (A B B A …) so that neither gains from going
 * first or from the load drifting. Per store: the mean time from the save until the workflow
 * leaves the import phase, and the Salesforce calls an import took; then PostgreSQL's mean over
 * SQLite's.
 */
export async function measureInitialImport(stack: BenchStack, { count, rounds }: { count: number; rounds: number }, say: (line: string) => void): Promise<Figure[]> {
  const runs: Record<StoreName, ImportRun[]> = { SQLite: [], PostgreSQL: [] };
  const failed: Partial<Record<StoreName, Error>> = {};
  const other = await startOtherStore(stack, say).catch(asError);
  if (other instanceof Error) failed[storeName(stack.storeUrl) === 'SQLite' ? 'PostgreSQL' : 'SQLite'] = other;
  const order: StoreName[] = [];
  try {
    const stacks = other instanceof Error ? [stack] : [stack, other];
    for (let round = 0; round < rounds; round++) {
      for (const on of round % 2 === 0 ? stacks : [...stacks].reverse()) {
        const store = storeName(on.storeUrl);
        if (failed[store]) continue;
        order.push(store);
        await importOn(on, count, round, say).then(
          (run) => runs[store].push(run),
          (error: unknown) => (failed[store] = asError(error)),
        );
      }
    }
  } finally {
    if (!(other instanceof Error)) await other.stop();
  }
  const figures = (['SQLite', 'PostgreSQL'] as const).flatMap((store) => figuresOf(failed[store] ?? runs[store], store, count));
  if (!failed.SQLite && !failed.PostgreSQL) {
    const sqlite = mean(runs.SQLite);
    const postgres = mean(runs.PostgreSQL);
    figures.push({
      key: 'import',
      title: `initial import of ${count.toLocaleString('en-US')} SF tasks: PostgreSQL time / SQLite time`,
      value: postgres / sqlite,
      unit: '×',
      target: { op: '<=', value: postgresOverSqlite },
      derivation: `mean ${postgres.toFixed(2)} s / mean ${sqlite.toFixed(2)} s, ${rounds} import${rounds === 1 ? '' : 's'} per store in this run, in the order ${order.join(', ')}, each store on a worker child of its own`,
    });
  }
  return figures;
}

function mean(runs: readonly ImportRun[]): number {
  return runs.reduce((sum, run) => sum + run.seconds, 0) / runs.length;
}

async function importOn(stack: BenchStack, count: number, round: number, say: (line: string) => void): Promise<ImportRun> {
  const store = storeName(stack.storeUrl);
  const now = stack.emulator.state.clock.now();
  say(`import on ${store}: seeding ${count.toLocaleString('en-US')} Salesforce tasks…`);
  const org = await seedOrg(stack, `import-${store.toLowerCase()}-${round}`, 1, (owner) =>
    Array.from({ length: count }, (_, i) => {
      const at = sfTime(now - 60_000 - Math.floor((i / count) * 23 * 3600_000));
      return { sobject: 'Task', owner, fields: { Subject: `Imported task ${i}`, Status: i % 5 === 0 ? 'Completed' : 'Not Started', Priority: i % 3 === 0 ? 'High' : 'Normal', ActivityDate: '2027-03-01', Description: `Imported body ${i}`, CreatedDate: at, LastModifiedDate: at, SystemModstamp: at } };
    }),
  );
  const user = org.users[0]!;
  const mark = callMark(stack.emulator);
  say(`import on ${store}: switching sync on…`);
  const started = performance.now();
  await switchSyncOn(stack, user.id);
  await waitUntilImported(stack, user.id, 15 * 60_000);
  const seconds = (performance.now() - started) / 1000;
  const endMark = callMark(stack.emulator);
  const calls = tally(callsBetween(stack.emulator, org.orgId, mark, endMark));
  const siaTasks = (await listTasks(stack.store.db, user.id)).length;
  const activities = activityTimes(await historyEvents(stack.client, user.id));
  say(`import on ${store}: ${seconds.toFixed(2)} s (${describeActivities(activities)})`);
  return { store, seconds, calls, siaTasks, activities };
}

function figuresOf(runs: readonly ImportRun[] | Error, store: StoreName, count: number): Figure[] {
  const n = count.toLocaleString('en-US');
  if (runs instanceof Error) return [{ key: 'import', title: `initial import of ${n} SF tasks on ${store}: failed`, value: null, unit: '', derivation: 'the measurement threw', note: runs.message }];
  const each = runs.map((run) => `${run.seconds.toFixed(2)} s (${describeActivities(run.activities)})`).join('; ');
  const derivation = `one user, ${n} Salesforce Tasks changed in the last 23 h, on ${store}; from the settings save (store + signalWithStart) until the workflow's status left the import phase (polled every 100 ms); mean of ${runs.length}: ${each}`;
  const short = runs.filter((run) => run.siaTasks !== count);
  const note = short.length === 0 ? undefined : `expected ${count} SIA tasks, found ${short.map((run) => run.siaTasks).join(', ')}`;
  const calls = Math.max(...runs.map((run) => run.calls.api));
  return [
    { key: 'import', title: `initial import of ${n} SF tasks on ${store}: time`, value: mean(runs), unit: 's', target: { op: '<', value: 60 }, derivation, note, details: { runs: runs.map(({ seconds, siaTasks, activities }) => ({ seconds, siaTasks, activities })) } },
    {
      key: 'import',
      title: `initial import of ${n} SF tasks on ${store}: SF API calls`,
      value: calls,
      unit: 'calls',
      target: { op: '<=', value: 8 },
      derivation: `counted REST calls in the emulator's log for the import org over the same window, the most of ${runs.length} imports (${describeEndpoints(runs[0]!.calls.byEndpoint)} in the first)`,
      details: { calls: runs.map((run) => run.calls) },
    },
  ];
}

type HistoryEvent = Awaited<ReturnType<typeof historyEvents>>[number];

/** Per activity type, the time from each scheduling to its completion, from the workflow's history. */
export function activityTimes(events: readonly HistoryEvent[]): Record<string, { count: number; seconds: number }> {
  const scheduled = new Map<string, { name: string; at: number }>();
  const out: Record<string, { count: number; seconds: number }> = {};
  for (const event of events) {
    const name = event.activityTaskScheduledEventAttributes?.activityType?.name;
    if (name) scheduled.set(String(event.eventId), { name, at: eventMs(event) });
    const done = event.activityTaskCompletedEventAttributes?.scheduledEventId;
    const start = done == null ? undefined : scheduled.get(String(done));
    if (start) {
      const entry = (out[start.name] ??= { count: 0, seconds: 0 });
      entry.count += 1;
      entry.seconds += (eventMs(event) - start.at) / 1000;
    }
  }
  return out;
}

function eventMs(event: HistoryEvent): number {
  const seconds = event.eventTime?.seconds;
  return (typeof seconds === 'number' ? seconds : (seconds?.toNumber() ?? 0)) * 1000 + (event.eventTime?.nanos ?? 0) / 1e6;
}

function describeActivities(activities: Record<string, { count: number; seconds: number }>): string {
  const parts = Object.entries(activities).map(([name, { count, seconds }]) => `${count}× ${name} ${seconds.toFixed(2)} s`);
  return parts.length ? parts.join(', ') : 'none completed';
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

export function describeEndpoints(byEndpoint: Record<string, number>): string {
  const parts = Object.entries(byEndpoint)
    .sort((a, b) => b[1] - a[1])
    .map(([endpoint, n]) => `${n}× ${endpoint.replace('/services/data/vXX.X', '')}`);
  return parts.length ? parts.join(', ') : 'none';
}

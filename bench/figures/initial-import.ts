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
 * hours (so the 24-hour rule imports every one), once on each store in the same run: first on
 * the stack's, then on the other one (startOtherStore: its own worker child and task queue;
 * started before either import, so both run beside the same processes). Per store: the time
 * from the save until the workflow leaves the import phase, and the Salesforce calls it took;
 * then PostgreSQL's time over SQLite's.
 */
export async function measureInitialImport(stack: BenchStack, count: number, say: (line: string) => void): Promise<Figure[]> {
  const other = await startOtherStore(stack, say).catch(asError);
  try {
    const first = await importOn(stack, count, say);
    const second = other instanceof Error ? other : await importOn(other, count, say).catch(asError);
    const runs = [first, second];
    const sqlite = runs.find((r) => !(r instanceof Error) && r.store === 'SQLite') ?? second;
    const postgres = runs.find((r) => !(r instanceof Error) && r.store === 'PostgreSQL') ?? second;
    const figures = [...figuresOf(sqlite, 'SQLite', count), ...figuresOf(postgres, 'PostgreSQL', count)];
    if (!(sqlite instanceof Error) && !(postgres instanceof Error)) {
      figures.push({
        key: 'import',
        title: `initial import of ${count.toLocaleString('en-US')} SF tasks: PostgreSQL time / SQLite time`,
        value: postgres.seconds / sqlite.seconds,
        unit: '×',
        target: { op: '<=', value: postgresOverSqlite },
        derivation: `${postgres.seconds.toFixed(2)} s / ${sqlite.seconds.toFixed(2)} s, measured in this run one after the other (${first.store} first), each on a worker child of its own`,
      });
    }
    return figures;
  } finally {
    if (!(other instanceof Error)) await other.stop();
  }
}

async function importOn(stack: BenchStack, count: number, say: (line: string) => void): Promise<ImportRun> {
  const store = storeName(stack.storeUrl);
  const now = stack.emulator.state.clock.now();
  say(`import on ${store}: seeding ${count.toLocaleString('en-US')} Salesforce tasks…`);
  const org = await seedOrg(stack, `import-${store.toLowerCase()}`, 1, (owner) =>
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

function figuresOf(run: ImportRun | Error, store: StoreName, count: number): Figure[] {
  const n = count.toLocaleString('en-US');
  if (run instanceof Error) return [{ key: 'import', title: `initial import of ${n} SF tasks on ${store}: failed`, value: null, unit: '', derivation: 'the measurement threw', note: run.message }];
  const derivation = `one user, ${n} Salesforce Tasks changed in the last 23 h, on ${store}; from the settings save (store + signalWithStart) until the workflow's status left the import phase (polled every 100 ms); ${run.siaTasks.toLocaleString('en-US')} SIA tasks afterwards; activities scheduled to completed: ${describeActivities(run.activities)}`;
  const note = run.siaTasks === count ? undefined : `expected ${count} SIA tasks, found ${run.siaTasks}`;
  return [
    { key: 'import', title: `initial import of ${n} SF tasks on ${store}: time`, value: run.seconds, unit: 's', target: { op: '<', value: 60 }, derivation, note, details: { siaTasks: run.siaTasks, activities: run.activities } },
    {
      key: 'import',
      title: `initial import of ${n} SF tasks on ${store}: SF API calls`,
      value: run.calls.api,
      unit: 'calls',
      target: { op: '<=', value: 8 },
      derivation: `counted REST calls in the emulator's log for the import org over the same window (${describeEndpoints(run.calls.byEndpoint)})`,
      details: { calls: run.calls },
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

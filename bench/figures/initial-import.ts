import { performance } from 'node:perf_hooks';
import { listTasks } from '../../store';
import type { Figure } from '../report';
import { callMark, callsBetween, tally } from '../salesforce-calls';
import type { BenchStack } from '../stack';
import { seedOrg, sfTime, switchSyncOn, waitUntilImported } from '../users';

/**
 * First switch-on of a user whose Salesforce holds `count` Tasks, all changed in the last 23
 * hours (so the 24-hour rule imports every one): the time from the save until the workflow
 * leaves the import phase, and the Salesforce calls it took.
 */
export async function measureInitialImport(stack: BenchStack, count: number, say: (line: string) => void): Promise<Figure[]> {
  const now = stack.emulator.state.clock.now();
  say(`import: seeding ${count.toLocaleString('en-US')} Salesforce tasks…`);
  const org = await seedOrg(stack, 'import', 1, (owner) =>
    Array.from({ length: count }, (_, i) => {
      const at = sfTime(now - 60_000 - Math.floor((i / count) * 23 * 3600_000));
      return { sobject: 'Task', owner, fields: { Subject: `Imported task ${i}`, Status: i % 5 === 0 ? 'Completed' : 'Not Started', Priority: i % 3 === 0 ? 'High' : 'Normal', ActivityDate: '2027-03-01', Description: `Imported body ${i}`, CreatedDate: at, LastModifiedDate: at, SystemModstamp: at } };
    }),
  );
  const user = org.users[0]!;
  const mark = callMark(stack.emulator);
  say('import: switching sync on…');
  const started = performance.now();
  await switchSyncOn(stack, user.id);
  await waitUntilImported(stack, user.id, 15 * 60_000);
  const seconds = (performance.now() - started) / 1000;
  const endMark = callMark(stack.emulator);
  const calls = tally(callsBetween(stack.emulator, org.orgId, mark, endMark));
  const inSia = (await listTasks(stack.store.db, user.id)).length;

  const derivation = `one user, ${count.toLocaleString('en-US')} Salesforce Tasks changed in the last 23 h; from the settings save (store + signalWithStart) until the workflow's status left the import phase (polled every 100 ms); ${inSia.toLocaleString('en-US')} SIA tasks afterwards`;
  const note = inSia === count ? undefined : `expected ${count} SIA tasks, found ${inSia}`;
  return [
    { key: 'import', title: `initial import of ${count.toLocaleString('en-US')} SF tasks: time`, value: seconds, unit: 's', target: { op: '<', value: 60 }, derivation, note, details: { siaTasks: inSia } },
    {
      key: 'import',
      title: `initial import of ${count.toLocaleString('en-US')} SF tasks: SF API calls`,
      value: calls.api,
      unit: 'calls',
      target: { op: '<=', value: 8 },
      derivation: `counted REST calls in the emulator's log for the import org over the same window (${describeEndpoints(calls.byEndpoint)})`,
      details: { calls },
    },
  ];
}

export function describeEndpoints(byEndpoint: Record<string, number>): string {
  const parts = Object.entries(byEndpoint)
    .sort((a, b) => b[1] - a[1])
    .map(([endpoint, n]) => `${n}× ${endpoint.replace('/services/data/vXX.X', '')}`);
  return parts.length ? parts.join(', ') : 'none';
}

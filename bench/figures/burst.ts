import { nudgeSync } from '../../client/sync-workflow';
import { completeTask, createTask, listTasks, softDeleteTask, updateTask, type Task } from '../../store';
import { activitiesScheduled, historyEvents } from '../history';
import type { Figure } from '../report';
import { callMark, callsBetween, tally, type CallTally } from '../salesforce-calls';
import type { BenchStack } from '../stack';
import { seedOrg, sfTime, switchSyncOn, waitUntilImported, type BenchOrg, type BenchUser } from '../users';
import { sleep, waitFor } from '../wait';
import { describeEndpoints } from './initial-import';

/**
 * A burst of SIA task changes: half creates, then renames, completions and deletions of tasks
 * already linked to Salesforce, interleaved. Two ways of arriving:
 * - as the API makes them: each change committed, then its nudge, one after another;
 * - all committed first, then one nudge (the floor the batching can reach).
 */
export async function measureBurst(stack: BenchStack, size: number, say: (line: string) => void): Promise<Figure[]> {
  const linkedNeeded = size - Math.floor(size / 2);
  const now = stack.emulator.state.clock.now();
  say(`burst: seeding 2 users with ${linkedNeeded} linked tasks each…`);
  const org = await seedOrg(stack, 'burst', 2, (owner) =>
    Array.from({ length: linkedNeeded }, (_, i) => {
      const at = sfTime(now - 3600_000 + i * 10);
      return { sobject: 'Task', owner, fields: { Subject: `Linked ${i}`, Status: 'Not Started', Priority: 'Normal', CreatedDate: at, LastModifiedDate: at, SystemModstamp: at } };
    }),
  );
  for (const u of org.users) await switchSyncOn(stack, u.id);
  for (const u of org.users) await waitUntilImported(stack, u.id, 5 * 60_000);
  // Let the first watch start, so the window holds only what the burst causes.
  await sleep(2000);

  const perChange = await runBurst(stack, org, org.users[0]!, size, 'each');
  say(`burst: nudged per change: ${perChange.calls.api} calls, ${perChange.calls.writes} writes, ${perChange.rounds} rounds`);
  const oneNudge = await runBurst(stack, org, org.users[1]!, size, 'once');
  say(`burst: one nudge: ${oneNudge.calls.api} calls, ${oneNudge.calls.writes} writes, ${oneNudge.rounds} rounds`);

  const writeTarget = Math.max(1, Math.round((10 * size) / 1000));
  const label = size.toLocaleString('en-US');
  const how = (r: BurstRun) =>
    `${r.mix}; counted REST calls of the user in the emulator's log from the first write until the sync went quiet (no call for 2 s; the next poll is ≥ 30 s away) after Salesforce held the expected state, ${r.seconds.toFixed(1)} s; ${r.rounds} rounds (pushSiaChanges activities), ${r.historyEvents} history events; ${describeEndpoints(r.calls.byEndpoint)}`;
  return [
    { key: 'burst', title: `burst of ${label} SIA changes (nudge per change, as the API): SF API calls`, value: perChange.calls.api, unit: 'calls', derivation: how(perChange), details: { ...perChange, perChange: perChange.calls.api / size } },
    { key: 'burst', title: `burst of ${label} SIA changes (nudge per change, as the API): SF write calls`, value: perChange.calls.writes, unit: 'calls', target: { op: '<=', value: writeTarget }, derivation: 'the non-GET calls of the row above' },
    { key: 'burst', title: `burst of ${label} SIA changes (one nudge after all): SF API calls`, value: oneNudge.calls.api, unit: 'calls', derivation: how(oneNudge), details: { ...oneNudge, perChange: oneNudge.calls.api / size } },
    { key: 'burst', title: `burst of ${label} SIA changes (one nudge after all): SF write calls`, value: oneNudge.calls.writes, unit: 'calls', target: { op: '<=', value: writeTarget }, derivation: 'the non-GET calls of the row above' },
  ];
}

interface BurstRun {
  mix: string;
  calls: CallTally;
  seconds: number;
  rounds: number;
  historyEvents: number;
}

async function runBurst(stack: BenchStack, org: BenchOrg, user: BenchUser, size: number, nudges: 'each' | 'once'): Promise<BurstRun> {
  const linked = (await listTasks(stack.store.db, user.id)).filter((t) => t.deletedAt === null);
  const creates = Math.floor(size / 2);
  const renames = Math.floor(size * 0.3);
  const completes = Math.floor(size * 0.1);
  const deletes = size - creates - renames - completes;
  if (linked.length < renames + completes + deletes) throw new Error(`burst needs ${renames + completes + deletes} linked tasks, the user has ${linked.length}`);
  const changes = interleave([
    Array.from({ length: creates }, (_, i) => () => createTask(stack.store.db, user.id, { name: `Burst new ${i}`, dueDate: '2027-04-01' })),
    linked.slice(0, renames).map((t, i) => () => updateTask(stack.store.db, user.id, t.id, { name: `Renamed ${i}` })),
    linked.slice(renames, renames + completes).map((t) => () => completeTask(stack.store.db, user.id, t.id)),
    linked.slice(renames + completes, renames + completes + deletes).map((t) => () => softDeleteTask(stack.store.db, user.id, t.id)),
  ] as Array<Array<() => Promise<Task | boolean | undefined>>>);

  const eventsBefore = await historyEvents(stack.client, user.id);
  const mark = callMark(stack.emulator);
  const started = Date.now();
  for (const change of changes) {
    await change();
    if (nudges === 'each') await nudgeSync(stack.client, user.id, { source: 'sia' });
  }
  if (nudges === 'once') await nudgeSync(stack.client, user.id, { source: 'sia' });

  const expectedLive = linked.length + creates - deletes;
  await waitFor(
    () => salesforceState(stack, org.orgId, user.sfUserId),
    (s) => s.created === creates && s.renamed === renames && s.completed === completes && s.live === expectedLive,
    { timeoutMs: 10 * 60_000, intervalMs: 250, what: 'Salesforce to hold the burst' },
  );
  // Quiet: no call from this user for 2 s; the active poll is 30 s away, so the rounds are over.
  let last = callMark(stack.emulator);
  for (;;) {
    await sleep(2000);
    const now = callMark(stack.emulator);
    const mine = callsBetween(stack.emulator, org.orgId, last, now).filter((c) => c.userId === user.sfUserId);
    if (mine.length === 0) break;
    last = now;
  }
  const lastCall = callsBetween(stack.emulator, org.orgId, mark).filter((c) => c.userId === user.sfUserId).at(-1);
  const seconds = lastCall ? (Date.parse(lastCall.at) - started) / 1000 : 0;
  const calls = tally(callsBetween(stack.emulator, org.orgId, mark).filter((c) => c.userId === user.sfUserId));
  const eventsAfter = await historyEvents(stack.client, user.id);
  const added = eventsAfter.slice(eventsBefore.length);
  return {
    mix: `${creates} creates, ${renames} renames, ${completes} completions, ${deletes} deletions, interleaved, ${nudges === 'each' ? 'each committed then nudged' : 'all committed then one nudge'}`,
    calls,
    seconds,
    rounds: activitiesScheduled(added).pushSiaChanges ?? 0,
    historyEvents: added.length,
  };
}

function salesforceState(stack: BenchStack, orgId: string, sfUserId: string) {
  const records = stack.emulator.state.store.queryRecords(orgId, 'Task', (r) => r.OwnerId === sfUserId);
  const subject = (r: Record<string, unknown>) => (typeof r.Subject === 'string' ? r.Subject : '');
  return {
    live: records.length,
    created: records.filter((r) => subject(r).startsWith('Burst new ')).length,
    renamed: records.filter((r) => subject(r).startsWith('Renamed ')).length,
    completed: records.filter((r) => r.Status === 'Completed').length,
  };
}

/** Round-robin over the lists, so creates, edits and deletions mix as users make them. */
export function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i] as T);
  return out;
}

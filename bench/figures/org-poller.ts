import { ensureOrgPoller } from '../../client/org-poller';
import { setOrgIntegration } from '../../store';
import { oauthConnection } from '../../test/support/salesforce';
import { wholeCycles, type WatchRun } from '../cycles';
import type { Figure } from '../report';
import { callsBetween, tally } from '../salesforce-calls';
import type { ScaledWatchWorker } from '../scaled-watch-worker';
import type { BenchStack } from '../stack';
import { secondsPerDay } from '../stats';
import { inBatches, seedOrg, switchSyncOn, waitUntilImported } from '../users';
import { sleep, waitFor } from '../wait';
import { describeEndpoints } from './initial-import';

const orgUsers = 100;

/**
 * An idle org whose admin connected an integration user: 100 users with task sync on, nothing
 * changing, one org poller. The org's whole Salesforce spend per day, users and poller
 * together, measured over whole watch cycles of each on the scaled worker.
 */
export async function measureOrgPoller(stack: BenchStack, scaled: ScaledWatchWorker, minutes: number, say: (line: string) => void): Promise<Figure[]> {
  const org = await seedOrg(stack, 'org', orgUsers);
  const integration = `integration.${stack.runId}@bench.test`;
  const added = await stack.emulator.control.addUsers(org.orgId, [{ username: integration, password: 'pw', email: integration, viewAllData: true }]);
  const testOrg = { emulator: stack.emulator, orgId: org.orgId, users: added, app: stack.app };
  await setOrgIntegration(stack.store.db, stack.secretKey, { ...(await oauthConnection(testOrg, integration)), connectedBy: 'bench' });
  say(`org: switching ${orgUsers} users on in an org with an integration user…`);
  // Cycles count from each one's first watch, which starts right after its first round.
  const windowStart = Date.now();
  await inBatches(org.users, 20, (u) => switchSyncOn(stack, u.id, { taskQueue: scaled.taskQueue }));
  await inBatches(org.users, 20, (u) => waitUntilImported(stack, u.id, 5 * 60_000));
  await ensureOrgPoller(stack.client, org.orgId, scaled.taskQueue);
  await waitFor(() => scaled.orgWatches.get(org.orgId)?.length ?? 0, (n) => n > 0, { timeoutMs: 60_000, what: 'the org poller to start watching' });

  say(`org: watching for ${minutes} min at ${scaled.scale}×…`);
  await sleep(minutes * 60_000);
  const windowEnd = Date.now();

  const rate = (watches: readonly WatchRun[], sfUserId: string, who: string) => {
    const span = wholeCycles(watches, windowStart, windowEnd, scaled.scale);
    if (!span) throw new Error(`no whole watch cycle of ${who} in the window: lengthen --idle-minutes or raise --idle-scale`);
    const calls = callsBetween(stack.emulator, org.orgId, watches[span.from]!.callSeq, watches[span.to]!.callSeq).filter((c) => c.userId === sfUserId);
    return { calls, seconds: span.equivalentSeconds, cycles: span.cycles };
  };
  const poller = rate(scaled.orgWatches.get(org.orgId) ?? [], added[integration] ?? '', 'the org poller');
  const users = org.users.map((u) => rate(scaled.userWatches.get(u.id) ?? [], u.sfUserId, u.id));
  const pollerPerDay = (poller.calls.length / poller.seconds) * secondsPerDay;
  const usersPerDay = users.reduce((sum, u) => sum + (u.calls.length / u.seconds) * secondsPerDay, 0);
  const userCalls = users.flatMap((u) => u.calls);
  const userCycles = users.reduce((n, u) => n + u.cycles, 0);
  const perCycle = (calls: typeof userCalls, cycles: number) => describeEndpoints(Object.fromEntries(Object.entries(tally(calls).byEndpoint).map(([k, v]) => [k, v / cycles])));
  const pollEvery = scaled.orgWatches.get(org.orgId)?.at(-1)?.input.everySeconds;
  return [
    {
      key: 'org',
      title: `idle org of ${orgUsers} users with an integration user: SF calls per day`,
      value: pollerPerDay + usersPerDay,
      unit: 'calls',
      target: { op: '<=', value: 300 },
      derivation: `poller ${pollerPerDay.toFixed(0)}/day (${poller.calls.length} calls in ${poller.cycles} watches = ${(poller.seconds / 3600).toFixed(1)} idle hours, a poll every ${pollEvery ?? '?'} s; per watch: ${perCycle(poller.calls, poller.cycles)}) + ${orgUsers} users ${usersPerDay.toFixed(0)}/day (${userCalls.length} calls in ${userCycles} user cycles; per cycle: ${perCycle(userCalls, userCycles)}); watch waits ÷ ${scaled.scale}, whole cycles only, as for the idle user`,
      details: { pollerPerDay, usersPerDay, poller: { calls: poller.calls.length, cycles: poller.cycles, idleSeconds: poller.seconds }, users: { calls: userCalls.length, cycles: userCycles } },
    },
  ];
}

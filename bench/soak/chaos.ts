import type { FaultSpec } from '../../dev/salesforce-emulator/test-client';
import { seededRandom } from '../../dev/seeded-random';
import { sleep } from '../wait';
import { temporal as proto } from '@temporalio/proto';
import { nudgeSync } from '../../client/sync-workflow';
import { salesforceSyncWorkflowId } from '../../contract/ids';
import { inBatches } from '../users';
import type { HeldRecovery, KillRecord, SoakStack } from './stack';
import { syncedSince, syncStatus, type SoakUser } from './users';

/**
 * What goes wrong meanwhile, all seeded: a random worker process killed with SIGKILL every
 * A–B seconds and a new one started, the Temporal dev server restarted once on its database
 * file, and windows of Salesforce faults on the sync's own calls (server errors on reads, lost
 * answers and locked rows on writes) with sessions expired in the middle. The people's own
 * Salesforce calls (single-record REST) are left alone, so every failure is the sync's to handle.
 */

export const faultKinds = ['server errors (503)', 'lost answers', 'locked rows', 'expired sessions'] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface ChaosLog {
  kills: KillRecord[];
  restarts: Array<{ at: number; downMs: number }>;
  /** How many calls each kind of fault hit (sessions: how many were ended). */
  faults: Record<FaultKind, number>;
  faultWindows: number;
  failures: string[];
}

type Random = () => number;
const between = (random: Random, low: number, high: number) => low + random() * (high - low);

const faultPlan: Array<{ kind: FaultKind; spec: FaultSpec }> = [
  { kind: 'server errors (503)', spec: { kind: 'error', path: '/(queryAll|query)/|/sobjects/Task/deleted', status: 503, errorCode: 'SERVER_UNAVAILABLE', probability: 0.15 } },
  { kind: 'lost answers', spec: { kind: 'lostAnswer', path: '/composite/sobjects', probability: 0.1 } },
  {
    kind: 'locked rows',
    spec: { kind: 'error', path: '/composite/sobjects', method: 'PATCH', status: 400, errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record or 1 records', probability: 0.1 },
  },
];

export interface ChaosOptions {
  killEvery: [number, number];
  temporalRestart: boolean;
  faults: boolean;
  /** When operations started and end (ms). */
  from: number;
  until: number;
  stopped: () => boolean;
}

export async function runChaos(stack: SoakStack, users: readonly SoakUser[], random: Random, options: ChaosOptions, say: (line: string) => void): Promise<ChaosLog> {
  const log: ChaosLog = { kills: [], restarts: [], faults: { 'server errors (503)': 0, 'lost answers': 0, 'locked rows': 0, 'expired sessions': 0 }, faultWindows: 0, failures: [] };
  const faultRandom = splitRandom(random);
  await Promise.all([processChaos(stack, users, random, options, log, say), options.faults ? faultChaos(stack, users, faultRandom, options, log) : Promise.resolve()]);
  return log;
}

/** A second generator drawn from the first, so the fault windows do not shift when kills change. */
const splitRandom = (random: Random): Random => seededRandom(Math.floor(random() * 2 ** 32));

/** Kill and restart times: kills every A–B s from the start; the restart somewhere in the middle third. */
export function chaosSchedule(random: Random, options: Pick<ChaosOptions, 'killEvery' | 'temporalRestart' | 'from' | 'until'>): Array<{ at: number; what: 'kill' | 'restart' }> {
  const events: Array<{ at: number; what: 'kill' | 'restart' }> = [];
  const [low, high] = options.killEvery;
  if (Number.isFinite(low)) {
    for (let at = options.from + between(random, low, high) * 1000; at < options.until; at += between(random, low, high) * 1000) events.push({ at, what: 'kill' });
  }
  if (options.temporalRestart) events.push({ at: options.from + between(random, 0.35, 0.65) * (options.until - options.from), what: 'restart' });
  return events.sort((a, b) => a.at - b.at);
}

async function processChaos(stack: SoakStack, users: readonly SoakUser[], random: Random, options: ChaosOptions, log: ChaosLog, say: (line: string) => void): Promise<void> {
  const recoveries: Array<Promise<void>> = [];
  for (const event of chaosSchedule(random, options)) {
    while (Date.now() < event.at && !options.stopped()) await sleep(Math.min(500, event.at - Date.now()));
    if (options.stopped()) return;
    try {
      if (event.what === 'kill') {
        let held: Array<{ user: SoakUser; activity: string }> = [];
        const kill = await stack.workers.killAndReplace(random, async (pid) => {
          held = await activitiesOn(stack, users, pid);
        });
        log.kills.push(kill);
        recoveries.push(
          measureRecovery(stack, held, kill.at).then((r) => {
            kill.held = r;
          }),
        );
        say(`killed worker ${kill.pid} with SIGKILL; worker ${kill.replacementPid} polling ${(kill.replacementMs / 1000).toFixed(1)} s later`);
      } else {
        const at = Date.now();
        const downMs = await stack.temporal.restart();
        log.restarts.push({ at, downMs });
        say(`restarted the Temporal dev server on its database file (away ${(downMs / 1000).toFixed(1)} s)`);
      }
    } catch (error) {
      log.failures.push(`${event.what}: ${error instanceof Error ? error.message : String(error)}`);
      say(`${event.what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await Promise.all(recoveries);
}

/** The users with an activity running on the worker process `pid` (Temporal names a worker `<pid>@<host>`). */
async function activitiesOn(stack: SoakStack, users: readonly SoakUser[], pid: number): Promise<Array<{ user: SoakUser; activity: string }>> {
  const held: Array<{ user: SoakUser; activity: string }> = [];
  await inBatches(users, 10, async (user) => {
    const { raw } = await stack.client.workflow.getHandle(salesforceSyncWorkflowId(user.id)).describe();
    for (const a of raw.pendingActivities ?? []) {
      const running = a.state === proto.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;
      if (running && a.lastWorkerIdentity?.startsWith(`${pid}@`)) held.push({ user, activity: a.activityType?.name ?? '?' });
    }
  });
  return held;
}

const recoveryBoundMs = 5 * 60_000;

/**
 * Each held user gets a change right after the kill (a nudge, as the API sends for an SIA edit),
 * and is timed until a round of theirs finishes: what a user whose work was on the dead worker
 * waits before their sync works again.
 */
async function measureRecovery(stack: SoakStack, held: ReadonlyArray<{ user: SoakUser; activity: string }>, killedAt: number): Promise<HeldRecovery[]> {
  const since = new Date(killedAt).toISOString();
  return Promise.all(
    held.map(async ({ user, activity }) => {
      await nudgeSync(stack.client, user.id, { source: 'sia' }).catch(() => undefined);
      for (;;) {
        if (syncedSince(await syncStatus(stack, user).catch(() => null), since)) return { user: user.id, activity, syncedAfterMs: Date.now() - killedAt };
        if (Date.now() - killedAt > recoveryBoundMs) return { user: user.id, activity, syncedAfterMs: null };
        await sleep(250);
      }
    }),
  );
}

async function faultChaos(stack: SoakStack, users: readonly SoakUser[], random: Random, options: ChaosOptions, log: ChaosLog): Promise<void> {
  const control = stack.emulator.control;
  const wait = async (ms: number) => {
    const end = Math.min(Date.now() + ms, options.until);
    while (Date.now() < end && !options.stopped()) await sleep(Math.min(500, end - Date.now()));
  };
  while (Date.now() < options.until && !options.stopped()) {
    await wait(between(random, 5, 15) * 1000);
    if (Date.now() >= options.until || options.stopped()) break;
    const windowMs = between(random, 10, 20) * 1000;
    const added = new Map<number, FaultKind>();
    try {
      for (const { kind, spec } of faultPlan) added.set(await control.addFault({ ...spec, seed: Math.floor(random() * 2 ** 31) }), kind);
      log.faultWindows += 1;
      await wait(windowMs / 2);
      // Sessions end in the middle of the window, for a random third of the users.
      for (const user of users) if (random() < 1 / 3) log.faults['expired sessions'] += await control.expireSessions({ orgId: user.orgId });
      await wait(windowMs / 2);
    } catch (error) {
      log.failures.push(`faults: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      const { faults } = await control.faults();
      for (const fault of faults) {
        const kind = added.get(fault.id);
        if (kind) log.faults[kind] += fault.fired;
      }
      await control.clearFaults();
      // The call log is not needed and would only grow.
      await control.clearCalls();
    }
  }
}

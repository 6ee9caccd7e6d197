import { WorkflowNotFoundError } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { salesforceSyncWorkflowId } from '../../contract/ids';
import { allLinks, listOpenSyncErrors, listSyncLog, listTasks } from '../../store';
import type { SfTask } from '../../sync/salesforce-mapping';
import { inBatches } from '../users';
import { sleep } from '../wait';
import { clean, judge, observeSnapshot, storyOf, type Snapshot, type Verdict, type Write } from './model';
import type { SoakStack } from './stack';
import { resync, syncedSince, syncStatus, type SoakUser } from './users';

/** Both sides of a user as they are now: the store read directly, Salesforce through the emulator's test surface (never counted, never faulted). */
export async function snapshotOf(stack: SoakStack, user: SoakUser): Promise<Snapshot> {
  const [sia, links, sf] = await Promise.all([
    listTasks(stack.store.db, user.id, { includeDeleted: true }),
    allLinks(stack.store.db, user.id),
    stack.emulator.control.records(user.orgId, 'Task', { includeDeleted: true }),
  ]);
  return { sia, links, sf: sf as unknown as SfTask[] };
}

export interface StallNote {
  user: string;
  /** When it was seen (ms), and since when the user's oldest change had waited. */
  at: number;
  waitingSince: number;
  /** The oldest waiting change: which side wrote what to which task (the model's task number). */
  change: string;
  task: number;
  /** The user's workflow then: pending activities and workflow task. */
  workflow: string;
}

/** A change left waiting this long has its user's workflow described, once a minute at most. */
const stallNoteAfterMs = 60_000;

/**
 * Watches every user's two sides, so each write's arrival on the other side is timed; a user
 * whose oldest change waits over a minute gets their workflow described (what it waits for),
 * once a minute and five times at most.
 */
export function startWatcher(stack: SoakStack, users: readonly SoakUser[], intervalMs: number): { stop(): Promise<void>; failures: string[]; stalls: StallNote[] } {
  const state = { stopped: false };
  const failures: string[] = [];
  const stalls: StallNote[] = [];
  const described = new Map<string, { at: number; count: number }>();
  const loop = (async () => {
    while (!state.stopped) {
      const started = Date.now();
      await inBatches(users, 5, async (user) => {
        try {
          const snapshot = await snapshotOf(stack, user);
          const now = Date.now();
          observeSnapshot(user.model, snapshot, now);
          const oldest = user.model.waiting().reduce<Write | null>((a, w) => (a === null || w.at < a.at ? w : a), null);
          const notes = described.get(user.id) ?? { at: 0, count: 0 };
          if (oldest && now - oldest.at > stallNoteAfterMs && now - notes.at > 60_000 && notes.count < 5) {
            described.set(user.id, { at: now, count: notes.count + 1 });
            const change = `${oldest.side === 'sia' ? 'SIA' : 'Salesforce'} ${oldest.kind} of task ${oldest.task}`;
            stalls.push({ user: user.id, at: now, waitingSince: oldest.at, change, task: oldest.task, workflow: await describeWorkflow(stack, user) });
          }
        } catch (error) {
          if (failures.length < 20) failures.push(`watching ${user.id}: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
      await sleep(Math.max(100, intervalMs - (Date.now() - started)));
    }
  })();
  return {
    failures,
    stalls,
    async stop() {
      state.stopped = true;
      await loop;
    },
  };
}

const seconds = (ts: { seconds?: unknown } | null | undefined): number | null => (ts?.seconds == null ? null : Number(ts.seconds));

/** The user's workflow as the server sees it: each pending activity (type, state, attempt, last heartbeat) and a pending workflow task. */
async function describeWorkflow(stack: SoakStack, user: SoakUser): Promise<string> {
  try {
    const { raw } = await stack.client.workflow.getHandle(salesforceSyncWorkflowId(user.id)).describe();
    const now = Date.now() / 1000;
    const activities = (raw.pendingActivities ?? []).map((a) => {
      const state = proto.api.enums.v1.PendingActivityState[a.state ?? 0] ?? String(a.state);
      const beat = seconds(a.lastHeartbeatTime);
      const started = seconds(a.lastStartedTime);
      return `${a.activityType?.name ?? '?'} ${state.replace('PENDING_ACTIVITY_STATE_', '').toLowerCase()} attempt ${a.attempt ?? 0}${started === null ? '' : `, started ${(now - started).toFixed(0)} s ago`}${beat === null ? '' : `, heartbeat ${(now - beat).toFixed(0)} s ago`}`;
    });
    const task = raw.pendingWorkflowTask;
    const workflowTask = task ? `workflow task ${(proto.api.enums.v1.PendingWorkflowTaskState[task.state ?? 0] ?? '').replace('PENDING_WORKFLOW_TASK_STATE_', '').toLowerCase()} attempt ${task.attempt ?? 0}` : null;
    return [...activities, ...(workflowTask ? [workflowTask] : [])].join('; ') || 'no pending activity or workflow task (waiting on a timer or a signal)';
  } catch (error) {
    return `describe failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export interface Convergence {
  /** From the end of operations until every user passed, or null when the bound ran out. */
  convergedMs: number | null;
  /** Per user, when it passed (ms after the end of operations). */
  perUser: Map<string, number>;
  resyncs: number;
}

/**
 * Quiesce: Resync every user through the API, then, until the bound, read both sides and judge
 * them; a user has converged once they pass and a round has finished since the user's latest
 * Resync. Users still failing are resynced again every 30 s.
 */
export async function converge(stack: SoakStack, users: readonly SoakUser[], boundMs: number, say: (line: string) => void): Promise<Convergence> {
  const from = Date.now();
  const marks = new Map<string, { since: string; at: number }>();
  let resyncs = 0;
  const resyncUser = async (user: SoakUser) => {
    const since = new Date().toISOString();
    if (await resync(stack, user).catch(() => false)) resyncs += 1;
    marks.set(user.id, { since, at: Date.now() });
  };
  await inBatches(users, 10, resyncUser);
  const perUser = new Map<string, number>();
  let lastSay = from;
  while (perUser.size < users.length && Date.now() - from < boundMs) {
    await inBatches(
      users.filter((u) => !perUser.has(u.id)),
      5,
      async (user) => {
        const [status, snapshot] = await Promise.all([syncStatus(stack, user).catch(() => null), snapshotOf(stack, user)]);
        observeSnapshot(user.model, snapshot, Date.now());
        const mark = marks.get(user.id)!;
        if (clean(judge(user.model, snapshot)) && syncedSince(status, mark.since)) perUser.set(user.id, Date.now() - from);
        else if (Date.now() - mark.at > 30_000) await resyncUser(user);
      },
    );
    if (Date.now() - lastSay > 30_000) {
      lastSay = Date.now();
      say(`converging: ${perUser.size} of ${users.length} users pass after ${((Date.now() - from) / 1000).toFixed(0)} s`);
    }
    if (perUser.size < users.length) await sleep(2000);
  }
  return { convergedMs: perUser.size === users.length ? Date.now() - from : null, perUser, resyncs };
}

export interface FinalState {
  verdicts: Map<string, Verdict>;
  /** Workflows of the run that ended other than completing or continuing as new, by status. */
  workflows: Record<'failed' | 'terminated' | 'timedOut' | 'canceled', string[]>;
  /** Users whose sync workflow is not running, or whose sync is paused or in error. */
  notRunning: string[];
  openErrors: Array<{ user: string; code: string; key: string; message: string; explanation: string }>;
  /** For each task whose changes were lost: what people did to it and what the sync logged about it. */
  stories: string[];
}

/**
 * The last word, after one more Resync and a round for every user: both sides equal and every
 * change's end state there (judge), the workflows, and the store's open sync errors.
 */
export async function finalState(stack: SoakStack, users: readonly SoakUser[], roundTimeoutMs: number, from: number): Promise<FinalState> {
  const verdicts = new Map<string, Verdict>();
  const stories: string[] = [];
  const notRunning: string[] = [];
  const openErrors: FinalState['openErrors'] = [];
  await inBatches(users, 5, async (user) => {
    const since = new Date().toISOString();
    await resync(stack, user);
    const deadline = Date.now() + roundTimeoutMs;
    let status = await syncStatus(stack, user).catch(() => null);
    while (!syncedSince(status, since) && Date.now() < deadline) {
      await sleep(500);
      status = await syncStatus(stack, user).catch(() => null);
    }
    if (!syncedSince(status, since)) notRunning.push(`${user.id}: no round finished within ${roundTimeoutMs / 1000} s of the last Resync (phase ${status?.phase ?? 'unknown'}, last error ${status?.lastError?.code ?? 'none'})`);
    else if (status?.lastError) notRunning.push(`${user.id}: last error ${status.lastError.code} after a clean round: ${status.lastError.message}`);
    const snapshot = await snapshotOf(stack, user);
    observeSnapshot(user.model, snapshot, Date.now());
    const verdict = judge(user.model, snapshot);
    verdicts.set(user.id, verdict);
    user.model.settle(snapshot);
    for (const key of verdict.suspects.slice(0, 3)) stories.push(...(await storyLines(stack, user, key, from)));
    try {
      const description = await stack.client.workflow.getHandle(salesforceSyncWorkflowId(user.id)).describe();
      if (description.status.name !== 'RUNNING') notRunning.push(`${user.id}: workflow ${description.status.name}`);
    } catch (error) {
      notRunning.push(`${user.id}: ${error instanceof WorkflowNotFoundError ? 'no sync workflow' : String(error)}`);
    }
    for (const group of await listOpenSyncErrors(stack.store.db, user.id)) {
      for (const e of group.errors) openErrors.push({ user: user.id, code: e.code, key: e.key, message: e.message, explanation: e.explanation });
    }
  });
  const ids = async (status: string) => {
    const out: string[] = [];
    for await (const execution of stack.client.workflow.list({ query: `ExecutionStatus = '${status}'` })) out.push(`${execution.workflowId} (${execution.type})`);
    return out;
  };
  const workflows = { failed: await ids('Failed'), terminated: await ids('Terminated'), timedOut: await ids('TimedOut'), canceled: await ids('Canceled') };
  return { verdicts, workflows, notRunning, openErrors, stories };
}

export async function storyLines(stack: SoakStack, user: SoakUser, key: number, from: number): Promise<string[]> {
  const task = user.model.tasks[key];
  if (!task) return [];
  const log = task.siaId === undefined ? [] : await listSyncLog(stack.store.db, user.id, { siaTaskId: task.siaId, limit: 100 });
  const t = (iso: string) => `+${((Date.parse(iso) - from) / 1000).toFixed(1)} s`;
  return [
    `${user.id} task ${key} (SIA ${task.siaId ?? '-'}, Salesforce ${task.sfId ?? '-'}):`,
    ...storyOf(task, from).map((line) => `  people: ${line}`),
    ...log.reverse().map((e) => `  sync:   ${t(e.at)} ${e.direction} ${e.action} ${e.message}${e.detail === null ? '' : ` ${JSON.stringify(e.detail)}`}`),
  ];
}

/** An open error names its cause: the Salesforce code, the message as received and what it means. */
export function withoutCause(error: { code: string; message: string; explanation: string }): boolean {
  return error.code.trim() === '' || error.message.trim() === '' || error.explanation.trim() === '';
}

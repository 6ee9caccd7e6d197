import { ActivityFailure, ApplicationFailure, patched, proxyActivities, type RetryPolicy } from '@temporalio/workflow';
import type { TaskSyncActivities } from '../contract/task-sync';
import { failureTypes } from '../contract/failure-types';
import { needsFullComparison } from '../sync/windows';
import { addCounts } from '../contract/sync-counts';
import type { SyncState, TaskSyncState } from './sync-state';
import { patches } from '../contract/patches';

const retry: RetryPolicy = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  maximumAttempts: 8,
  nonRetryableErrorTypes: [failureTypes.needsUser, failureTypes.allowanceSpent],
};

/**
 * Every round activity heartbeats every few seconds, even inside one long Salesforce call, so a
 * worker that dies mid-round is noticed in 15 seconds and the retry runs on another; the
 * start-to-close timeout only bounds work that hangs in a live worker. A retry repeats nothing
 * twice: reads start again from the cursor, creates are upserts on the external id.
 */
const sync = proxyActivities<TaskSyncActivities>({ startToCloseTimeout: '5 minutes', heartbeatTimeout: '15 seconds', retry });

/** One call to Salesforce's deleted-records resource. */
const check = proxyActivities<TaskSyncActivities>({ startToCloseTimeout: '1 minute', heartbeatTimeout: '15 seconds', retry });

export type RoundOutcome = { kind: 'synced' } | { kind: 'paused'; until: 'user' | 'allowance' | 'retry' };

/** Rounds that ask Salesforce whether it forgot deletions (a recycle-bin purge) this often, besides every catch-up. */
const deletionCheckEveryMs = 6 * 3600_000;
/** Room for the worker's and Salesforce's clocks to disagree: a safe point is set this much earlier. */
const clockMarginMs = 5 * 60_000;

/**
 * One reconciliation round: SIA changes out, Salesforce changes in, each until drained.
 * First, when Salesforce may have forgotten deletions (switched on again after a while, or
 * its recycle bin emptied), every linked task is compared with Salesforce. Failures that need
 * a person, or an exhausted allowance, pause the round.
 */
export async function runRound(state: SyncState, task: TaskSyncState): Promise<RoundOutcome> {
  try {
    const now = new Date().toISOString();
    const tracksDeletions = patched(patches.deletionsSalesforceForgot);
    if (tracksDeletions) {
      if (await mayHaveForgottenDeletions(state.userId, task, now)) await compareAll(state.userId, task);
    } else if (task.stage === 'catch_up' && (task.sfCursor === null || needsFullComparison({ cursorAt: task.sfCursor.modstamp, now }))) {
      await compareAll(state.userId, task);
    }

    const pushAll = async () => {
      for (let more = true; more; ) {
        const pushed = await sync.pushSiaChanges({ userId: state.userId, afterSeq: task.siaCursor });
        task.siaCursor = pushed.afterSeq;
        task.totals = addCounts(task.totals, pushed.counts);
        more = pushed.more;
      }
    };
    /** Answers whether the push has work (true when the pull's worker cannot tell). */
    const pullAll = async (): Promise<boolean> => {
      let pushNeeded = true;
      for (let more = true; more; ) {
        const phase = task.stage === 'initial_import' ? { kind: 'initial-import' as const, switchedOnAt: task.enabledAt } : { kind: 'continuous' as const };
        const pulled = await sync.pullSalesforceChanges({ userId: state.userId, cursor: task.sfCursor, phase, afterSeq: task.siaCursor });
        task.sfCursor = pulled.cursor;
        task.totals = addCounts(task.totals, pulled.counts);
        if (pulled.read > 0) task.lastActivityAt = new Date().toISOString();
        if (pulled.budget) task.budget = pulled.budget;
        pushNeeded = pulled.pushNeeded ?? true;
        if (pulled.streamed !== undefined) task.streamed = pulled.streamed;
        more = pulled.more;
      }
      return pushNeeded;
    };
    if (patched(patches.pullBeforePush)) {
      // Salesforce first: the push then sees the pull's own SIA writes as agreed (no extra round
      // to wake for them), and sends a merge's SIA-side fields in the same round.
      const onlyWhenWaiting = patched(patches.pushOnlyWhenWaiting);
      const pushNeeded = await pullAll();
      // A push with nothing to do still costs an activity and a workflow task: at a first sync,
      // or an idle user's hourly round, the pull can tell there is none. A change made after the
      // pull looked nudges the workflow (and the watch sees it), so it waits for the next round.
      if (pushNeeded || !onlyWhenWaiting) await pushAll();
    } else {
      await pushAll();
      await pullAll();
    }

    // This round's pull read every deletion Salesforce still had: none before it can be missed.
    if (tracksDeletions && (task.stage !== 'reconciling' || isDeletionCheckDue(task, now))) task.deletionsSafeFrom = new Date(Date.parse(now) - clockMarginMs).toISOString();
    task.stage = 'reconciling';
    task.lastSyncAt = new Date().toISOString();
    state.lastError = null;
    return { kind: 'synced' };
  } catch (error) {
    const failure = error instanceof ActivityFailure && error.cause instanceof ApplicationFailure ? error.cause : null;
    const details = (failure?.details?.[0] ?? {}) as { code?: string; title?: string; fix?: string; message?: string };
    state.lastError = {
      code: details.code ?? failure?.type ?? 'SYNC_FAILED',
      message: details.message ?? (error instanceof Error ? error.message : String(error)),
      title: details.title,
      fix: details.fix,
      at: new Date().toISOString(),
    };
    if (failure?.type === failureTypes.needsUser) return { kind: 'paused', until: 'user' };
    if (failure?.type === failureTypes.allowanceSpent) return { kind: 'paused', until: 'allowance' };
    return { kind: 'paused', until: 'retry' };
  }
}

function isDeletionCheckDue(task: TaskSyncState, now: string): boolean {
  return task.deletionsSafeFrom == null || Date.parse(now) - Date.parse(task.deletionsSafeFrom) >= deletionCheckEveryMs;
}

/**
 * Whether deletions may be lost, so that only a full comparison is safe: on switching on again
 * and every few hours, judged first by age (past Salesforce's 15-day window), then by
 * Salesforce itself (its window by its own clock, and whether a purge dropped deletions since).
 * The first import needs no check: it reads from before anything was linked.
 */
async function mayHaveForgottenDeletions(userId: string, task: TaskSyncState, now: string): Promise<boolean> {
  if (task.stage === 'initial_import' || task.sfCursor === null) return false;
  if (task.stage === 'reconciling' && !isDeletionCheckDue(task, now)) return false;
  const since = task.deletionsSafeFrom ?? task.sfCursor.modstamp;
  if (needsFullComparison({ cursorAt: since, now })) return true;
  const answer = await check.checkDeletions({ userId, since });
  task.totals.salesforceCalls += answer.salesforceCalls;
  return !answer.complete;
}

async function compareAll(userId: string, task: TaskSyncState): Promise<void> {
  const compared = await sync.compareAllTasks({ userId });
  task.sfCursor = compared.cursor ?? task.sfCursor;
  task.totals = addCounts(task.totals, compared.counts);
}

import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { TaskSyncActivities } from '../activities/task-sync';
import { failureTypes } from '../activities/salesforce/failure-types';
import { needsFullComparison } from '../sync/windows';
import type { SyncState, TaskSyncState } from './sync-state';

const sync = proxyActivities<TaskSyncActivities>({
  startToCloseTimeout: '5 minutes',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 8,
    nonRetryableErrorTypes: [failureTypes.needsUser, failureTypes.allowanceSpent],
  },
});

export type RoundOutcome = { kind: 'synced' } | { kind: 'paused'; until: 'user' | 'allowance' | 'retry' };

/**
 * One reconciliation round: SIA changes out, Salesforce changes in, each until drained.
 * A stage that needs it first compares everything (a cursor older than Salesforce's deletion
 * window). Failures that need a person, or an exhausted allowance, pause the round.
 */
export async function runRound(state: SyncState, task: TaskSyncState): Promise<RoundOutcome> {
  try {
    const now = new Date().toISOString();
    if (task.stage === 'catch_up' && (task.sfCursor === null || needsFullComparison({ cursorAt: task.sfCursor.modstamp, now }))) {
      const compared = await sync.compareAllTasks({ userId: state.userId });
      task.sfCursor = compared.cursor ?? task.sfCursor;
      addTotals(task, compared.counts);
    }

    let more = true;
    while (more) {
      const pushed = await sync.pushSiaChanges({ userId: state.userId, afterSeq: task.siaCursor });
      task.siaCursor = pushed.afterSeq;
      addTotals(task, pushed.counts);
      more = pushed.more;
    }

    more = true;
    while (more) {
      const phase = task.stage === 'initial_import' ? { kind: 'initial-import' as const, switchedOnAt: task.enabledAt } : { kind: 'continuous' as const };
      const pulled = await sync.pullSalesforceChanges({ userId: state.userId, cursor: task.sfCursor, phase });
      task.sfCursor = pulled.cursor;
      addTotals(task, pulled.counts);
      if (pulled.read > 0) task.lastActivityAt = new Date().toISOString();
      more = pulled.more;
    }

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

function addTotals(task: TaskSyncState, counts: TaskSyncState['totals']): void {
  task.totals.toSalesforce += counts.toSalesforce;
  task.totals.toSia += counts.toSia;
  task.totals.conflicts += counts.conflicts;
  task.totals.failed += counts.failed;
  task.totals.salesforceCalls += counts.salesforceCalls;
}

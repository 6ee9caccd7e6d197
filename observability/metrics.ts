import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * This process's Prometheus metrics (worker or API server), served at GET /metrics. Counters
 * carry no user or org labels: per-user detail lives in the sync log and the Temporal UI, and a
 * label per user would grow without bound.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const taskSyncTasks = new Counter({
  name: 'sia_task_sync_tasks_total',
  help: 'Tasks written by task sync, by direction (to_salesforce = pushed, to_sia = pulled) and result (written, failed).',
  labelNames: ['direction', 'result'] as const,
  registers: [metricsRegistry],
});

const taskSyncConflicts = new Counter({
  name: 'sia_task_sync_conflicts_total',
  help: 'Tasks changed on both sides since the last sync and merged field by field.',
  registers: [metricsRegistry],
});

export const activityDuration = new Histogram({
  name: 'sia_activity_duration_seconds',
  help: 'Time one activity attempt took, by activity type and outcome (completed, failed, cancelled).',
  labelNames: ['activity', 'outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  registers: [metricsRegistry],
});

/** What one executed sync plan did; the shape of activities/task-sync/plan.ts's PlanOutcome. */
export interface TaskSyncCounts {
  toSalesforce: number;
  toSia: number;
  conflicts: number;
  /** Salesforce writes that failed (the task stays queued with its error). */
  failed: number;
}

/** Call once per executed plan with what it did. */
export function recordTaskSync(counts: TaskSyncCounts): void {
  if (counts.toSalesforce > 0) taskSyncTasks.inc({ direction: 'to_salesforce', result: 'written' }, counts.toSalesforce);
  if (counts.failed > 0) taskSyncTasks.inc({ direction: 'to_salesforce', result: 'failed' }, counts.failed);
  if (counts.toSia > 0) taskSyncTasks.inc({ direction: 'to_sia', result: 'written' }, counts.toSia);
  if (counts.conflicts > 0) taskSyncConflicts.inc(counts.conflicts);
}

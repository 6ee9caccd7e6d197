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

const changeEvents = new Counter({
  name: 'sia_change_events_total',
  help: 'Task change events received through the Pub/Sub API, by kind: received (every event delivered, each counts against the org’s delivery allocation) and own_write (events of the sync’s own writes, which wake no one).',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

const changeEventLag = new Histogram({
  name: 'sia_change_event_lag_seconds',
  help: 'From a Task change’s commit in Salesforce (commitTimestamp) to the nudge of the users it concerns.',
  buckets: [0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 10, 30, 60, 300],
  registers: [metricsRegistry],
});

/** Call once per batch of change events with what it held and, for each event that woke someone, its lag. */
export function recordChangeEvents(batch: { received: number; ownWrites: number; lagsMs: readonly number[] }): void {
  if (batch.received > 0) changeEvents.inc({ kind: 'received' }, batch.received);
  if (batch.ownWrites > 0) changeEvents.inc({ kind: 'own_write' }, batch.ownWrites);
  // Salesforce's clock and ours may disagree by a little: a negative lag counts as none.
  for (const ms of batch.lagsMs) changeEventLag.observe(Math.max(0, ms) / 1000);
}

/**
 * How many activities one worker process runs at once, per task queue: the main queue (rounds,
 * email logging) and the watch queue (watches, which mostly sleep, so many fit); and how many
 * workflow tasks it takes at once.
 */
export interface WorkerSlots {
  /** WORKER_MAX_ACTIVITIES: the main queue's activities. */
  activities: number;
  /** WORKER_MAX_WATCHES: the watch queue's long-lived activities, one per syncing user and org poller. */
  watches: number;
  /**
   * WORKER_MAX_WORKFLOW_TASKS: workflow tasks in progress at once. They run on one thread, so a
   * worker that takes many while it replays histories (taking over a killed worker's users) lets
   * the last of them outlast their 10-second timeout; the rest wait in the queue instead.
   */
  workflowTasks: number;
}

export const defaultWorkerSlots: WorkerSlots = { activities: 200, watches: 2000, workflowTasks: 10 };

export function workerSlotsFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerSlots {
  return {
    activities: slotCount(env, 'WORKER_MAX_ACTIVITIES', defaultWorkerSlots.activities),
    watches: slotCount(env, 'WORKER_MAX_WATCHES', defaultWorkerSlots.watches),
    workflowTasks: slotCount(env, 'WORKER_MAX_WORKFLOW_TASKS', defaultWorkerSlots.workflowTasks),
  };
}

function slotCount(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  const value = raw === undefined || raw.trim() === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, got "${raw ?? ''}".`);
  return value;
}

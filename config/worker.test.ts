import { defaultWorkerSlots, workerSlotsFromEnv } from './worker';

describe('workerSlotsFromEnv', () => {
  it('has defaults for both queues and the workflow tasks', () => {
    expect(workerSlotsFromEnv({})).toEqual(defaultWorkerSlots);
  });

  it('reads each from its own variable', () => {
    expect(workerSlotsFromEnv({ WORKER_MAX_ACTIVITIES: '50', WORKER_MAX_WATCHES: '5000', WORKER_MAX_WORKFLOW_TASKS: '4' })).toEqual({ activities: 50, watches: 5000, workflowTasks: 4 });
    expect(workerSlotsFromEnv({ WORKER_MAX_WATCHES: '5000' })).toEqual({ ...defaultWorkerSlots, watches: 5000 });
  });

  it.each(['0', '-3', '2.5', 'many'])('refuses %s, naming the variable', (value) => {
    expect(() => workerSlotsFromEnv({ WORKER_MAX_WATCHES: value })).toThrow(`WORKER_MAX_WATCHES must be a positive whole number, got "${value}".`);
    expect(() => workerSlotsFromEnv({ WORKER_MAX_WORKFLOW_TASKS: value })).toThrow(`WORKER_MAX_WORKFLOW_TASKS must be a positive whole number, got "${value}".`);
  });
});

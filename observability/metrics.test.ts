import { metricsRegistry, recordTaskSync } from './metrics';

const value = async (name: string, labels: Record<string, string> = {}) => {
  const metric = (await metricsRegistry.getMetricsAsJSON()).find((m) => m.name === name);
  const sample = (metric?.values ?? []).find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return sample?.value ?? 0;
};

describe('recordTaskSync', () => {
  it('counts written and failed tasks by direction, and conflicts', async () => {
    recordTaskSync({ toSalesforce: 3, toSia: 2, conflicts: 1, failed: 1 });
    recordTaskSync({ toSalesforce: 1, toSia: 0, conflicts: 0, failed: 0 });
    expect(await value('sia_task_sync_tasks_total', { direction: 'to_salesforce', result: 'written' })).toBe(4);
    expect(await value('sia_task_sync_tasks_total', { direction: 'to_salesforce', result: 'failed' })).toBe(1);
    expect(await value('sia_task_sync_tasks_total', { direction: 'to_sia', result: 'written' })).toBe(2);
    expect(await value('sia_task_sync_conflicts_total')).toBe(1);
  });
});

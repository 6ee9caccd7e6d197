/**
 * API usage as a client sees it, public API only: Sforce-Limit-Info on REST answers and the
 * /limits resource. Makes no records. Salesforce recalculates the usage count asynchronously,
 * so exact per-call counts are the emulator's own tests' business (test/limits.test.ts).
 */
import { contractOrg } from './target';

const org = contractOrg();

it('a REST answer carries Sforce-Limit-Info api-usage, whose limit is /limits DailyApiRequests.Max', async () => {
  await org.conn.query('SELECT Id FROM Task LIMIT 1');
  const usage = org.conn.limitInfo.apiUsage;
  expect([typeof usage?.used, typeof usage?.limit]).toEqual(['number', 'number']);
  expect(usage?.used).toBeLessThanOrEqual(usage?.limit as number);
  const limits = (await org.conn.limits()) as unknown as { DailyApiRequests: { Max: number; Remaining: number } };
  expect(limits.DailyApiRequests.Max).toBe(usage?.limit);
  expect(limits.DailyApiRequests.Remaining).toBeGreaterThanOrEqual(0);
  expect(limits.DailyApiRequests.Remaining).toBeLessThanOrEqual(limits.DailyApiRequests.Max);
});

/** API usage as a client sees it: Sforce-Limit-Info on every answer, /limits, exhaustion, no API access. */
import type { Connection } from 'jsforce';
import { ALICE, BOB, login, rejection, startOrg, type TestOrg } from './helpers';

let t: TestOrg;
let alice: Connection;
beforeAll(async () => {
  t = await startOrg();
  alice = await login(t.emulator, ALICE);
});
afterAll(() => t.emulator.close());

it('each REST call counts one and reports api-usage; token calls and the versions list do not count', async () => {
  const before = (await t.emulator.control.apiUsage(t.orgId)).used;
  await login(t.emulator, BOB);
  await alice.request('/services/data');
  expect((await t.emulator.control.apiUsage(t.orgId)).used).toBe(before);
  await alice.query('SELECT Id FROM Task');
  expect(alice.limitInfo.apiUsage).toEqual({ used: before + 1, limit: 100_000 + 3 * 1_000 });
  await alice.sobject('Task').create({ Subject: 'counted' });
  expect(alice.limitInfo.apiUsage?.used).toBe(before + 2);
});

it('/limits answers DailyApiRequests Max and Remaining', async () => {
  const limits = (await alice.limits()) as unknown as { DailyApiRequests: { Max: number; Remaining: number } };
  const usage = await t.emulator.control.apiUsage(t.orgId);
  expect(limits.DailyApiRequests).toEqual({ Max: usage.limit, Remaining: usage.limit - usage.used });
});

it('past the daily limit every call is 403 REQUEST_LIMIT_EXCEEDED until the 24-hour window frees calls', async () => {
  const { limit } = await t.emulator.control.apiUsage(t.orgId);
  await t.emulator.control.setApiUsage(t.orgId, limit - 1);
  await alice.query('SELECT Id FROM Task');
  expect(alice.limitInfo.apiUsage).toEqual({ used: limit, limit });
  const err = await rejection(alice.query('SELECT Id FROM Task'));
  expect(err.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
  expect(err.message).toBe('TotalRequests Limit exceeded.');
  const refused = await t.emulator.control.calls({ path: '/query' });
  expect(refused.calls.at(-1)).toMatchObject({ status: 403, counted: false });
  await t.emulator.control.advanceClock(24 * 3600_000 + 60_000);
  await alice.query('SELECT Id FROM Task');
  expect(alice.limitInfo.apiUsage?.used).toBe(1);
});

it('an org without API access answers API_DISABLED_FOR_ORG; a user without the permission API_CURRENTLY_DISABLED', async () => {
  await t.emulator.control.updateOrg(t.orgId, { apiEnabled: false });
  const err = await rejection(alice.query('SELECT Id FROM Task'));
  expect(err.errorCode).toBe('API_DISABLED_FOR_ORG');
  await t.emulator.control.updateOrg(t.orgId, { apiEnabled: true });
  await t.emulator.control.updateUser(t.orgId, t.users[ALICE] as string, { apiEnabled: false });
  const err2 = await rejection(alice.query('SELECT Id FROM Task'));
  expect(err2.errorCode).toBe('API_CURRENTLY_DISABLED');
  await t.emulator.control.updateUser(t.orgId, t.users[ALICE] as string, { apiEnabled: true });
  const calls = await t.emulator.control.calls({ userId: t.users[ALICE] });
  expect(calls.summary.byEndpoint['GET /services/data/vXX.X/query']).toBeGreaterThan(0);
});

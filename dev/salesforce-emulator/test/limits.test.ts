/** API usage as a client sees it: Sforce-Limit-Info on every answer, /limits, exhaustion, no API access. */
import { ALICE, BOB, login, rejection, aliceOrg } from './helpers';

const env = aliceOrg();

it('each REST call counts one and reports api-usage; token calls and the versions list do not count', async () => {
  const before = (await env.t.emulator.control.apiUsage(env.t.orgId)).used;
  await login(env.t.emulator, BOB);
  await env.alice.request('/services/data');
  expect((await env.t.emulator.control.apiUsage(env.t.orgId)).used).toBe(before);
  await env.alice.query('SELECT Id FROM Task');
  expect(env.alice.limitInfo.apiUsage).toEqual({ used: before + 1, limit: 100_000 + 3 * 1_000 });
  await env.alice.sobject('Task').create({ Subject: 'counted' });
  expect(env.alice.limitInfo.apiUsage?.used).toBe(before + 2);
});

it('/limits answers DailyApiRequests Max and Remaining', async () => {
  const limits = (await env.alice.limits()) as unknown as { DailyApiRequests: { Max: number; Remaining: number } };
  const usage = await env.t.emulator.control.apiUsage(env.t.orgId);
  expect(limits.DailyApiRequests).toEqual({ Max: usage.limit, Remaining: usage.limit - usage.used });
});

it('past the daily limit every call is 403 REQUEST_LIMIT_EXCEEDED until the 24-hour window frees calls', async () => {
  const { limit } = await env.t.emulator.control.apiUsage(env.t.orgId);
  await env.t.emulator.control.setApiUsage(env.t.orgId, limit - 1);
  await env.alice.query('SELECT Id FROM Task');
  expect(env.alice.limitInfo.apiUsage).toEqual({ used: limit, limit });
  const err = await rejection(env.alice.query('SELECT Id FROM Task'));
  expect(err.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
  expect(err.message).toBe('TotalRequests Limit exceeded.');
  const refused = await env.t.emulator.control.calls({ path: '/query' });
  expect(refused.calls.at(-1)).toMatchObject({ status: 403, counted: false });
  await env.t.emulator.control.advanceClock(24 * 3600_000 + 60_000);
  await env.alice.query('SELECT Id FROM Task');
  expect(env.alice.limitInfo.apiUsage?.used).toBe(1);
});

it('an org without API access answers API_DISABLED_FOR_ORG; a user without the permission API_CURRENTLY_DISABLED', async () => {
  await env.t.emulator.control.updateOrg(env.t.orgId, { apiEnabled: false });
  const err = await rejection(env.alice.query('SELECT Id FROM Task'));
  expect(err.errorCode).toBe('API_DISABLED_FOR_ORG');
  await env.t.emulator.control.updateOrg(env.t.orgId, { apiEnabled: true });
  await env.t.emulator.control.updateUser(env.t.orgId, env.t.users[ALICE] as string, { apiEnabled: false });
  const err2 = await rejection(env.alice.query('SELECT Id FROM Task'));
  expect(err2.errorCode).toBe('API_CURRENTLY_DISABLED');
  await env.t.emulator.control.updateUser(env.t.orgId, env.t.users[ALICE] as string, { apiEnabled: true });
  const calls = await env.t.emulator.control.calls({ userId: env.t.users[ALICE] });
  expect(calls.summary.byEndpoint['GET /services/data/vXX.X/query']).toBeGreaterThan(0);
});

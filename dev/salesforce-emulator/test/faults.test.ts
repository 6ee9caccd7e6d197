/** Injected faults as jsforce meets them: lost answers, errors for N calls, maintenance, latency, expired sessions. */
import { expect } from '@jest/globals';
import { aliceOrg, rejection } from './helpers';

const env = aliceOrg();
afterEach(() => env.t.emulator.control.clearFaults());

it('a lost answer on create: the record exists, the client saw an error; upsert by external id does not duplicate it', async () => {
  await env.t.emulator.control.addFault({ kind: 'lostAnswer', method: 'POST', path: '/sobjects/Task/?$', times: 1 });
  const err = await rejection(env.alice.sobject('Task').create({ Subject: 'lost', SIA_Task_Id__c: 'lost-1' }));
  expect(err.message).toMatch(/socket hang up|ECONNRESET|other side closed|fetch failed/i);
  const found = await env.alice.query<{ Id: string }>("SELECT Id FROM Task WHERE SIA_Task_Id__c = 'lost-1'");
  expect(found.totalSize).toBe(1);
  const retry = await env.alice.sobject('Task').upsert({ SIA_Task_Id__c: 'lost-1', Subject: 'lost' }, 'SIA_Task_Id__c');
  expect(retry).toMatchObject({ id: found.records[0]?.Id, created: false });
  const log = await env.t.emulator.control.calls({ method: 'POST', path: '/sobjects/Task' });
  expect(log.calls.at(-1)).toMatchObject({ status: 0, fault: expect.stringMatching(/^lostAnswer#/) });
});

it('fails exactly the next N matching calls, then lets them through', async () => {
  await env.t.emulator.control.addFault({ kind: 'error', method: 'POST', path: '/sobjects/Task/?$', times: 2 });
  const first = await rejection(env.alice.sobject('Task').create({ Subject: 'n-times' }));
  expect(first.errorCode).toBe('SERVER_UNAVAILABLE');
  const second = await rejection(env.alice.sobject('Task').create({ Subject: 'n-times' }));
  expect(second.errorCode).toBe('SERVER_UNAVAILABLE');
  await expect(env.alice.sobject('Task').create({ Subject: 'n-times' })).resolves.toMatchObject({ success: true });
});

it('jsforce itself retries a 503 on a GET (with back-off), so two failures end in success', async () => {
  await env.t.emulator.control.clearCalls();
  await env.t.emulator.control.addFault({ kind: 'error', path: '/query', times: 2 });
  await expect(env.alice.query('SELECT Id FROM Task')).resolves.toMatchObject({ done: true });
  const log = await env.t.emulator.control.calls({ path: '/query' });
  expect(log.calls.map((c) => c.status)).toEqual([503, 503, 200]);
});

it('UNABLE_TO_LOCK_ROW on writes only', async () => {
  const { id } = (await env.alice.sobject('Task').create({ Subject: 'locked' })) as { id: string };
  await env.t.emulator.control.addFault({
    kind: 'error',
    method: 'PATCH',
    path: '/sobjects/Task/',
    status: 400,
    errorCode: 'UNABLE_TO_LOCK_ROW',
    message: `unable to obtain exclusive access to this record or 1 records: ${id}`,
    times: 1,
  });
  await expect(env.alice.sobject('Task').retrieve(id)).resolves.toMatchObject({ Subject: 'locked' });
  const err = await rejection(env.alice.sobject('Task').update({ Id: id, Subject: 'x' }));
  expect(err.errorCode).toBe('UNABLE_TO_LOCK_ROW');
  await expect(env.alice.sobject('Task').update({ Id: id, Subject: 'x' })).resolves.toMatchObject({ success: true });
});

it('maintenance refuses writes and lets reads through', async () => {
  await env.t.emulator.control.addFault({ kind: 'maintenance' });
  const err = await rejection(env.alice.sobject('Task').create({ Subject: 'during maintenance' }));
  expect(err.errorCode).toBe('INSERT_UPDATE_DELETE_NOT_ALLOWED_DURING_MAINTENANCE');
  await expect(env.alice.query('SELECT Id FROM Task')).resolves.toMatchObject({ done: true });
});

it('latency delays the answer', async () => {
  await env.t.emulator.control.addFault({ kind: 'latency', latencyMs: 300, path: '/query', times: 1 });
  const started = Date.now();
  await env.alice.query('SELECT Id FROM Task');
  expect(Date.now() - started).toBeGreaterThanOrEqual(290);
});

it('a probability with a seed fails the same calls every run', async () => {
  const pattern = async (): Promise<boolean[]> => {
    await env.t.emulator.control.clearFaults();
    // 400 is not retried by jsforce, so each call meets the fault once.
    await env.t.emulator.control.addFault({ kind: 'error', path: '/limits', status: 400, errorCode: 'UNABLE_TO_LOCK_ROW', probability: 0.5, seed: 7 });
    const out: boolean[] = [];
    for (let i = 0; i < 12; i++) out.push(await env.alice.limits().then(() => true, () => false));
    return out;
  };
  const a = await pattern();
  const b = await pattern();
  expect(a).toEqual(b);
  expect(a).toContain(true);
  expect(a).toContain(false);
});

it('"expire every session now": a password login is renewed by jsforce, which fires "refresh"', async () => {
  const refreshes: string[] = [];
  env.alice.on('refresh', (token: string) => refreshes.push(token));
  expect(await env.t.emulator.control.expireSessions({ orgId: env.t.orgId })).toBeGreaterThan(0);
  await env.alice.query('SELECT Id FROM Task');
  expect(refreshes).toHaveLength(1);
});

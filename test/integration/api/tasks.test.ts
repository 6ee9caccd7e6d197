import { expect } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { nudgeSync } from '../../../client/sync-workflow';
import { saveSyncSettings as storeSyncSettings } from '../../../store/settings';
import { setSalesforceConnection } from '../../../store/users';
import { startTestTemporal, type TestTemporal } from '../../support/temporal';
import type { ErrorBody } from '../../../api/http/api-error';
import { dialects, startApi, testSecretKey, type ApiHarness } from './api-harness';

interface TaskAnswer {
  id: string;
  name: string;
  status: string;
  changeSeq: number;
}

let temporal: TestTemporal;
beforeAll(async () => {
  temporal = await startTestTemporal();
});
afterAll(async () => {
  await temporal?.stop();
});

describe.each(dialects)('tasks on %s', (dialect) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ dialect, temporal });
  });
  afterAll(async () => {
    await api?.close();
  });

  const changeSeq = async (token: string): Promise<number> => (await api.call<{ changeSeq: number }>('GET', '/api/me', { token })).body.changeSeq;

  it('creates, reads, changes, completes, reopens and deletes, each write taking the next change number', async () => {
    const { token } = await api.newUser();
    expect(await changeSeq(token)).toBe(0);

    const created = await api.call<TaskAnswer>('POST', '/api/tasks', {
      token,
      body: { name: '  Call Ann\nabout pricing ', details: 'Bring the deck', dueDate: '2026-03-31', priority: 'high', reminderAt: '2026-03-31T09:00:00.250+02:00' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Call Ann about pricing', details: 'Bring the deck', dueDate: '2026-03-31', status: 'open', priority: 'high', reminderAt: '2026-03-31T07:00:00.000Z', origin: 'sia', changeSeq: 1, createdSeq: 1 });
    const id = created.body.id;
    expect(await changeSeq(token)).toBe(1);

    expect((await api.call('GET', `/api/tasks/${id}`, { token })).body).toEqual(created.body);

    const patched = await api.call('PATCH', `/api/tasks/${id}`, { token, body: { dueDate: null, details: null } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Call Ann about pricing', dueDate: null, details: null, changeSeq: 2 });

    const same = await api.call<TaskAnswer>('PATCH', `/api/tasks/${id}`, { token, body: { priority: 'high' } });
    expect(same.body.changeSeq).toBe(2);
    expect(await changeSeq(token)).toBe(2);

    const completed = await api.call('POST', `/api/tasks/${id}/complete`, { token });
    expect(completed.body).toMatchObject({ status: 'complete', changeSeq: 3 });
    const reopened = await api.call('POST', `/api/tasks/${id}/reopen`, { token });
    expect(reopened.body).toMatchObject({ status: 'open', changeSeq: 4 });

    const deleted = await api.call('DELETE', `/api/tasks/${id}`, { token });
    expect(deleted.status).toBe(204);
    expect(await changeSeq(token)).toBe(5);
    expect((await api.call('GET', `/api/tasks/${id}`, { token })).status).toBe(404);
    expect((await api.call('DELETE', `/api/tasks/${id}`, { token })).status).toBe(404);
    expect((await api.call<{ tasks: TaskAnswer[] }>('GET', '/api/tasks', { token })).body.tasks).toEqual([]);
    const withDeleted = await api.call<{ tasks: TaskAnswer[] }>('GET', '/api/tasks?includeDeleted=true', { token });
    expect(withDeleted.body.tasks).toEqual([expect.objectContaining({ id, deletedAt: expect.any(String), changeSeq: 5 })]);
  });

  it('filters by status and due dates', async () => {
    const { token } = await api.newUser();
    for (const [name, dueDate] of [
      ['undated', null],
      ['late', '2026-01-05'],
      ['first', '2026-01-01'],
      ['middle', '2026-01-03'],
    ] as const) {
      expect((await api.call('POST', '/api/tasks', { token, body: { name, dueDate } })).status).toBe(201);
    }
    const names = async (query: string) => (await api.call<{ tasks: TaskAnswer[] }>('GET', `/api/tasks${query}`, { token })).body.tasks.map((t) => t.name);
    expect(await names('')).toEqual(['first', 'middle', 'late', 'undated']);
    expect(await names('?dueFrom=2026-01-02&dueTo=2026-01-05')).toEqual(['middle', 'late']);
    const middle = (await api.call<{ tasks: TaskAnswer[] }>('GET', '/api/tasks?dueFrom=2026-01-03&dueTo=2026-01-03', { token })).body.tasks[0]?.id;
    await api.call('POST', `/api/tasks/${middle}/complete`, { token });
    expect(await names('?status=complete')).toEqual(['middle']);
    expect(await names('?status=open')).toEqual(['first', 'late', 'undated']);

    const bad = await api.call<ErrorBody>('GET', '/api/tasks?dueFrom=yesterday&status=done&includeDeleted=maybe', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.map((f) => f.field).sort()).toEqual(['dueFrom', 'includeDeleted', 'status']);
  });

  it('answers 400 naming each invalid field and the reason, and writes nothing', async () => {
    const { token } = await api.newUser();
    const res = await api.call<ErrorBody>('POST', '/api/tasks', {
      token,
      body: { name: '   ', dueDate: '2026-02-30', reminderAt: '2026-03-01 09:00', status: 'done', priority: 'urgent', due_date: '2026-03-01' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    const byField = Object.fromEntries((res.body.error.fields ?? []).map((f) => [f.field, f.message]));
    expect(byField).toEqual({
      name: 'The task needs a name.',
      dueDate: 'Use a calendar date YYYY-MM-DD (e.g. 2025-03-31).',
      reminderAt: 'Use an ISO-8601 date and time with a zone, e.g. 2025-03-31T09:00:00Z.',
      status: 'Status is one of: open, complete.',
      priority: 'Priority is one of: normal, high.',
      due_date: 'Unknown field "due_date".',
    });
    expect(await changeSeq(token)).toBe(0);

    const long = await api.call<ErrorBody>('POST', '/api/tasks', { token, body: { name: 'x'.repeat(256) } });
    expect(long.status).toBe(400);
    expect(long.body.error.fields).toEqual([{ field: 'name', message: expect.stringContaining('at most 255 characters') }]);

    const created = await api.call<TaskAnswer>('POST', '/api/tasks', { token, body: { name: 'ok' } });
    const patch = await api.call<ErrorBody>('PATCH', `/api/tasks/${created.body.id}`, { token, body: { name: '' } });
    expect(patch.status).toBe(400);
    expect(patch.body.error.fields).toEqual([{ field: 'name', message: 'The task needs a name.' }]);
  });
});

describe('nudging the sync after a task write', () => {
  it('keeps the task when the sync service cannot be told: the nudge is best effort', async () => {
    const closedConnection = await Connection.connect({ address: temporal.config.address });
    const unreachable = new Client({ connection: closedConnection, namespace: temporal.config.namespace });
    await closedConnection.close();
    const offline = await startApi({ dialect: 'sqlite', temporal, temporalClient: unreachable });
    try {
      // Task sync on, so a write does try to nudge the user's workflow.
      const user = await offline.newUser();
      await setSalesforceConnection(offline.store.db, testSecretKey, user.id, { instanceUrl: 'http://sf.invalid', sfUserId: '005000000000001AAA', orgId: '00D000000000001AAA', username: 'u@example.com', refreshToken: 'r' });
      await storeSyncSettings(offline.store.db, user.id, { taskSync: { mode: 'two_way' } });
      await expect(nudgeSync(unreachable, user.id, { source: 'sia' })).rejects.toThrow();

      const created = await offline.call<TaskAnswer>('POST', '/api/tasks', { token: user.token, body: { name: 'Still saved' } });
      expect(created.status).toBe(201);
      expect((await offline.call<TaskAnswer>('GET', `/api/tasks/${created.body.id}`, { token: user.token })).body.name).toBe('Still saved');
      expect((await offline.call<TaskAnswer>('POST', `/api/tasks/${created.body.id}/complete`, { token: user.token })).body.status).toBe('complete');
    } finally {
      await offline.close();
    }
  });
});

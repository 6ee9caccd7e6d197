import { expect } from '@jest/globals';
import { startTestTemporal, type TestTemporal } from '../../support/temporal';
import type { ErrorBody } from '../../../api/http/api-error';
import { dialects, startApi, type ApiHarness } from './api-harness';

let temporal: TestTemporal;
beforeAll(async () => {
  temporal = await startTestTemporal();
});
afterAll(async () => {
  await temporal?.stop();
});

describe.each(dialects)('access on %s', (dialect) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ dialect, temporal });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers 401 with a bearer challenge when the token is missing, malformed, unknown or revoked', async () => {
    const none = await api.call<ErrorBody>('GET', '/api/tasks');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(none.body.error.code).toBe('unauthorized');
    expect(none.body.error.message).toContain('Authorization: Bearer');

    const basic = await api.call('GET', '/api/me', { headers: { authorization: 'Basic YWxpY2U6cHc=' } });
    expect(basic.status).toBe(401);

    const unknown = await api.call<ErrorBody>('GET', '/api/me', { token: `sia_${'A'.repeat(43)}` });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('invalid_token');

    const user = await api.newUser();
    const second = await api.call<{ id: string; token: string }>('POST', '/api/me/tokens', { token: user.token, body: { label: 'laptop' } });
    expect(second.status).toBe(201);
    expect((await api.call('GET', '/api/me', { token: second.body.token })).status).toBe(200);
    expect((await api.call('DELETE', `/api/me/tokens/${second.body.id}`, { token: user.token })).status).toBe(204);
    expect((await api.call('GET', '/api/me', { token: second.body.token })).status).toBe(401);
    expect((await api.call('GET', '/api/me', { token: user.token })).status).toBe(200);
  });

  it('stores only a hash of each token', async () => {
    const user = await api.newUser();
    const rows = await api.store.db.withTables<{ api_tokens: { user_id: string; token_hash: string } }>().selectFrom('api_tokens').selectAll().where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(user.token);
    expect(JSON.stringify(rows)).not.toContain(user.token.slice(4));
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keeps each user to their own tasks: another user's task is 404 for every verb", async () => {
    const a = await api.newUser();
    const b = await api.newUser();
    const created = await api.call<{ id: string; changeSeq: number }>('POST', '/api/tasks', { token: a.token, body: { name: 'A private task', dueDate: '2026-05-01' } });
    expect(created.status).toBe(201);
    const id = created.body.id;

    for (const [method, path, body] of [
      ['GET', `/api/tasks/${id}`, undefined],
      ['PATCH', `/api/tasks/${id}`, { name: 'Taken over' }],
      ['POST', `/api/tasks/${id}/complete`, undefined],
      ['POST', `/api/tasks/${id}/reopen`, undefined],
      ['DELETE', `/api/tasks/${id}`, undefined],
    ] as const) {
      const res = await api.call<ErrorBody>(method, path, { token: b.token, body });
      expect({ method, path, status: res.status, code: res.body.error?.code }).toEqual({ method, path, status: 404, code: 'not_found' });
    }
    expect((await api.call<{ tasks: unknown[] }>('GET', '/api/tasks', { token: b.token })).body.tasks).toEqual([]);

    const untouched = await api.call('GET', `/api/tasks/${id}`, { token: a.token });
    expect(untouched.status).toBe(200);
    expect(untouched.body).toMatchObject({ name: 'A private task', status: 'open', deletedAt: null, changeSeq: created.body.changeSeq });
  });

  it("keeps each user to their own settings", async () => {
    const a = await api.newUser();
    const b = await api.newUser();
    const saved = await api.call<{ savedAt: string | null }>('PUT', '/api/sync-settings', { token: a.token, body: { emailLogging: { mode: 'off' } } });
    expect(saved.status).toBe(200);
    expect(saved.body.savedAt).not.toBeNull();
    const other = await api.call<{ savedAt: string | null }>('GET', '/api/sync-settings', { token: b.token });
    expect(other.status).toBe(200);
    expect(other.body.savedAt).toBeNull();
    expect((await api.call<{ savedAt: string | null }>('GET', '/api/sync-settings', { token: a.token })).body.savedAt).toBe(saved.body.savedAt);
  });

  it('refuses admin routes to a normal user (403) and lets an admin create users', async () => {
    const user = await api.newUser();
    for (const [method, path, body] of [
      ['POST', '/api/admin/users', { email: 'someone@example.com' }],
      ['PUT', '/api/admin/subject-template', { template: '{{activity_type}}: {{activity_subject}}' }],
      ['GET', '/api/admin/subject-template', undefined],
      ['POST', `/api/admin/users/${user.id}/tokens`, undefined],
      // An invalid body still answers 403: the caller is checked before the body.
      ['POST', '/api/admin/users', {}],
      ['PUT', '/api/admin/subject-template', { template: 42 }],
    ] as const) {
      const res = await api.call<ErrorBody>(method, path, { token: user.token, body });
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({ path, status: 403, code: 'forbidden' });
    }
    expect((await api.call('POST', '/api/admin/users', { body: { email: 'x@example.com' } })).status).toBe(401);

    const created = await api.call<{ user: unknown; token: string }>('POST', '/api/admin/users', {
      token: api.adminToken,
      body: { id: `carol-${dialect}`, email: 'carol@example.com', displayName: 'Carol', timeZone: 'Europe/Madrid', isAdmin: false },
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ id: `carol-${dialect}`, email: 'carol@example.com', displayName: 'Carol', timeZone: 'Europe/Madrid', isAdmin: false });
    const meAnswer = await api.call('GET', '/api/me', { token: created.body.token });
    expect(meAnswer.body).toMatchObject({ id: `carol-${dialect}`, isAdmin: false });

    const again = await api.call<ErrorBody>('POST', '/api/admin/users', { token: api.adminToken, body: { id: `carol-${dialect}`, email: 'carol2@example.com' } });
    expect(again.status).toBe(409);
    expect(again.body.error.fields).toEqual([{ field: 'id', message: 'This id is taken.' }]);

    const invalid = await api.call<ErrorBody>('POST', '/api/admin/users', { token: api.adminToken, body: { email: 'not-an-email', timeZone: 'Mars/Olympus', isAdmin: 'yes' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('invalid_request');
    expect(invalid.body.error.fields?.map((f) => f.field).sort()).toEqual(['email', 'isAdmin', 'timeZone']);
  });

  it('lets an admin set the subject template, refusing unknown placeholders with the field named', async () => {
    const bad = await api.call<ErrorBody>('PUT', '/api/admin/subject-template', { token: api.adminToken, body: { template: '{{activity_type}} – {{campaign}}' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ field: 'template', message: expect.stringContaining('Unknown placeholder {{campaign}}') }]);

    const good = await api.call('PUT', '/api/admin/subject-template', { token: api.adminToken, body: { template: '[SIA] {{activity_type}}: {{activity_subject}}' } });
    expect(good.status).toBe(200);
    const read = await api.call('GET', '/api/admin/subject-template', { token: api.adminToken });
    expect(read.body).toMatchObject({ template: '[SIA] {{activity_type}}: {{activity_subject}}', isDefault: false });
  });

  it('shapes unknown routes and malformed bodies as errors too', async () => {
    const user = await api.newUser();
    const missing = await api.call<ErrorBody>('GET', '/api/nothing-here', { token: user.token });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const broken = await api.call<ErrorBody>('POST', '/api/tasks', { token: user.token, headers: { 'content-type': 'application/json' }, body: undefined });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('bad_request');
  });
});

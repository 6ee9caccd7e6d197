import { readFileSync } from 'node:fs';
import { expect } from '@jest/globals';
import createClient from 'openapi-fetch';
import { registeredRoutes } from '../../../api/http/route-docs';
import { setSalesforceConnection } from '../../../store/users';
import { eventually, startTestTemporal, type TestTemporal } from '../../support/temporal';
import { startApi, testSecretKey, type ApiHarness } from './api-harness';
import { openApiPath, type OpenApiDocument } from './openapi-contract';
import type { paths } from './openapi-schema.generated';
import { generatedTypesFile, printTypesOf } from './openapi-types';

let temporal: TestTemporal;
let api: ApiHarness;
let document: OpenApiDocument;
beforeAll(async () => {
  temporal = await startTestTemporal();
  // The operator endpoints mounted too (metrics, the codec endpoint), so every kind of route is registered.
  api = await startApi({
    dialect: 'sqlite',
    temporal,
    env: { METRICS_AUTH_TOKEN: 'metrics-token', CODEC_AUTH_TOKEN: 'codec-token', TEMPORAL_CODEC_KEY: Buffer.alloc(32, 9).toString('base64') },
  });
  document = (await api.contract()).document;
});
afterAll(async () => {
  await api?.close();
  await temporal?.stop();
});

const isSuccess = (status: string) => /^[23]/.test(status);

describe('the OpenAPI document', () => {
  it('has every route Fastify registered, each answer with a description and a schema; the routes left out say why', () => {
    const routes = registeredRoutes(api.app);
    const documented = routes.filter((route) => route.undocumented === undefined).map((route) => `${route.method} ${openApiPath(route.url)}`);
    const operations = Object.entries(document.paths).flatMap(([path, byMethod]) => Object.keys(byMethod).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual(documented.sort());

    for (const [path, byMethod] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(byMethod)) {
        const where = `${method.toUpperCase()} ${path}`;
        const statuses = Object.keys(operation.responses);
        expect({ where, success: statuses.some(isSuccess), serverError: statuses.includes('500') }).toEqual({ where, success: true, serverError: true });
        for (const [status, response] of Object.entries(operation.responses)) {
          expect({ where, status, description: response.description }).toEqual({ where, status, description: expect.not.stringMatching(/^(Default Response)?$/) });
          for (const [mediaType, media] of Object.entries(response.content ?? {})) expect({ where, status, mediaType, schema: media.schema }).toEqual({ where, status, mediaType, schema: expect.any(Object) });
          // 4xx and 5xx JSON answers are the one error shape.
          const json = response.content?.['application/json']?.schema;
          if (!isSuccess(status)) expect({ where, status, json }).toEqual({ where, status, json: expect.objectContaining({ $ref: '#/components/schemas/Error' }) });
        }
      }
    }

    const hidden = routes.filter((route) => route.undocumented !== undefined);
    expect(hidden.map((route) => `${route.method} ${route.url}`)).toEqual(expect.arrayContaining(['GET /openapi.json', 'GET /metrics', 'POST /codec/decode', 'OPTIONS /codec/:operation', 'GET /settings/salesforce', 'POST /sign-in', 'GET /assets/:name']));
    for (const route of hidden) expect({ route: route.url, reason: route.undocumented }).toEqual({ route: route.url, reason: expect.stringMatching(/\w{3,}.*\w{3,}/) });
  });

  it('is the judge of every answer the tests receive: an answer it does not describe fails', async () => {
    const contract = await api.contract();
    const { token } = await api.newUser();
    const created = await api.call<Record<string, unknown>>('POST', '/api/tasks', { token, body: { name: 'Checked' } });
    expect(created.status).toBe(201);
    const json = 'application/json; charset=utf-8';
    const answer = (status: number, body: unknown, contentType: string | null = json) => ({ status, contentType, text: body === undefined ? '' : JSON.stringify(body) });

    expect(() => contract.check('POST', '/api/tasks', answer(201, created.body))).not.toThrow();
    const { changeSeq: _dropped, ...missing } = created.body;
    expect(() => contract.check('POST', '/api/tasks', answer(201, missing))).toThrow("must have required property 'changeSeq'");
    expect(() => contract.check('POST', '/api/tasks', answer(201, { ...created.body, colour: 'red' }))).toThrow('must NOT have additional properties');
    expect(() => contract.check('POST', '/api/tasks', answer(201, { ...created.body, status: 'done' }))).toThrow('must be equal to one of the allowed values');
    expect(() => contract.check('POST', '/api/tasks', answer(418, created.body))).toThrow('a status the document does not give');
    expect(() => contract.check('POST', '/api/tasks', answer(201, created.body, 'text/plain'))).toThrow('which the document does not give');
    expect(() => contract.check('DELETE', '/api/tasks/t1', answer(204, { deleted: true }))).toThrow('describes that answer without one');
    expect(() => contract.check('GET', '/api/tasks/t1', answer(404, { message: 'gone' }))).toThrow("must have required property 'error'");
    expect(() => contract.check('GET', '/api/no-such-route', answer(200, {}))).toThrow('the document has no GET /api/no-such-route');
    expect(() => contract.check('GET', '/api/no-such-route', answer(404, { error: { code: 'not_found', message: 'No.' } }))).not.toThrow();
    // Left out of the document on purpose: not judged by it.
    expect(() => contract.check('GET', '/metrics', { status: 200, contentType: 'text/plain', text: 'up 1' })).not.toThrow();
  });
});

describe('answers of the routes other tests do not reach', () => {
  it('are the ones the document describes', async () => {
    const user = await api.newUser();
    await setSalesforceConnection(api.store.db, testSecretKey, user.id, { instanceUrl: 'http://sf.invalid', sfUserId: '005000000000078AAA', orgId: '00D000000000078AAA', username: `${user.id}@acme.example`, refreshToken: 'not-used-here' });
    const admin = api.adminToken;
    // Each call is judged by the document (the harness); the statuses say the route really answered.
    const statuses = async (calls: Array<[method: string, path: string, token?: string, body?: unknown]>) => {
      const answered: string[] = [];
      for (const [method, path, token, body] of calls) answered.push(`${method} ${path} ${(await api.call(method, path, { token, body })).status}`);
      return answered;
    };
    expect(
      await statuses([
        ['GET', '/health'],
        ['GET', '/api/me/tokens', user.token],
        ['POST', `/api/admin/users/${user.id}/tokens`, admin],
        ['GET', '/api/admin/subject-template', admin],
        ['POST', '/api/sync/resync', user.token],
        ['GET', '/api/salesforce/connect', user.token],
        ['GET', '/api/admin/salesforce/integration/connect', admin],
        ['GET', '/api/admin/salesforce/integration/connect', user.token],
        ['GET', '/api/command-center', user.token],
        ['GET', '/api/sync-log', user.token],
        ['PUT', '/api/sync-settings', user.token, { taskSync: { mode: 'do_not_sync' }, emailLogging: { mode: 'api' } }],
        ['POST', '/api/sync/resync', user.token],
      ]),
    ).toEqual([
      'GET /health 200',
      'GET /api/me/tokens 200',
      `POST /api/admin/users/${user.id}/tokens 201`,
      'GET /api/admin/subject-template 200',
      'POST /api/sync/resync 200',
      'GET /api/salesforce/connect 200',
      'GET /api/admin/salesforce/integration/connect 200',
      'GET /api/admin/salesforce/integration/connect 403',
      'GET /api/command-center 200',
      'GET /api/sync-log 200',
      'PUT /api/sync-settings 200',
      'POST /api/sync/resync 200',
    ]);
    // The admin's table, once the user's workflow answers its status query.
    const health = await eventually(
      () => api.call<{ users: Array<{ userId: string; workflow: { state: string } }> }>('GET', '/api/admin/sync-health', { token: admin }),
      (res) => res.body.users.find((row) => row.userId === user.id)?.workflow.state === 'running',
    );
    expect(health.status).toBe(200);
    expect(health.body.users.find((row) => row.userId === user.id)?.workflow.state).toBe('running');
  });
});

describe('a client generated from the document', () => {
  it('has the checked-in types: regenerated from the running server they are the same', async () => {
    const fresh = await printTypesOf(`${api.url}/openapi.json`);
    const checkedIn = readFileSync(generatedTypesFile, 'utf8');
    const freshLines = fresh.split('\n');
    const checkedInLines = checkedIn.split('\n');
    const line = freshLines.findIndex((text, i) => text !== checkedInLines[i]);
    const firstDifference = line === -1 && freshLines.length === checkedInLines.length ? null : { line: line + 1, document: freshLines[line], checkedIn: checkedInLines[line] };
    // On a difference: npm run openapi-types, and review what changed for the API's callers.
    expect({ file: generatedTypesFile, firstDifference }).toEqual({ file: generatedTypesFile, firstDifference: null });
  });

  it('saves and reads sync settings, creates and lists tasks and reads the sync status through openapi-fetch', async () => {
    const user = await api.newUser();
    await setSalesforceConnection(api.store.db, testSecretKey, user.id, { instanceUrl: 'http://sf.invalid', sfUserId: '005000000000077AAA', orgId: '00D000000000077AAA', username: `${user.id}@acme.example`, refreshToken: 'not-used-here' });
    const client = createClient<paths>({ baseUrl: api.url, headers: { authorization: `Bearer ${user.token}` } });
    // What the client receives is judged by the document too.
    client.use({
      async onResponse({ request, response }) {
        (await api.contract()).check(request.method, new URL(request.url).pathname, { status: response.status, contentType: response.headers.get('content-type'), text: await response.clone().text() });
      },
    });

    const saved = await client.PUT('/api/sync-settings', { body: { emailLogging: { mode: 'api', multipleMatches: 'oldest' } } });
    expect(saved.response.status).toBe(200);
    const emailLogging = saved.data?.settings.emailLogging;
    expect(emailLogging?.mode === 'api' ? emailLogging.multipleMatches : null).toBe('oldest');
    expect(saved.data?.workflowId).toBe(`salesforce-sync:${user.id}`);

    const read = await client.GET('/api/sync-settings');
    expect(read.data?.savedAt).toBe(saved.data?.savedAt);
    expect(read.data?.choices.emailLogging.map((choice) => choice.value)).toEqual(['off', 'api', 'bcc']);

    const created = await client.POST('/api/tasks', { body: { name: 'Send the proposal', dueDate: '2026-05-04', priority: 'high' } });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ name: 'Send the proposal', dueDate: '2026-05-04', priority: 'high', status: 'open', origin: 'sia' });

    const listed = await client.GET('/api/tasks', { params: { query: { dueFrom: '2026-05-01', status: 'open' } } });
    expect(listed.data?.tasks.map((task) => task.name)).toEqual(['Send the proposal']);

    const missing = await client.GET('/api/tasks/{id}', { params: { path: { id: 'no-such-task' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.error.code).toBe('not_found');

    const refused = await client.POST('/api/tasks', { body: { name: '' } });
    expect(refused.response.status).toBe(400);
    expect(refused.error?.error.fields).toEqual([{ field: 'name', message: 'The task needs a name.' }]);

    const running = await eventually(
      () => client.GET('/api/sync-status'),
      (status) => status.data?.workflow.state === 'running',
    );
    const workflow = running.data?.workflow;
    expect(workflow?.state === 'running' ? workflow.status.settings.emailLogging.mode : null).toBe('api');
    expect(running.data?.salesforce).toMatchObject({ status: 'connected', connected: true });
  });
});

import { expect } from '@jest/globals';
import { startTestTemporal, type TestTemporal } from '../../support/temporal';
import type { ErrorBody } from '../../../api/http/api-error';
import { startApi, type ApiHarness } from './api-harness';

interface CommandCenterAnswer {
  today: string;
  tomorrow: string;
  timeZone: string;
  tasks: { today: Array<{ name: string }>; tomorrow: Array<{ name: string }> };
}

/** The parts of the OpenAPI document this test reads. */
interface SchemaDoc {
  required?: string[];
  properties?: Record<string, { enum?: string[] }>;
}
interface OperationDoc {
  security?: unknown;
  summary?: string;
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: SchemaDoc } | undefined> };
}
interface OpenApiDoc {
  openapi: string;
  components: { securitySchemes: Record<string, unknown> };
  paths: Record<string, Record<string, OperationDoc | undefined> | undefined>;
}

let temporal: TestTemporal;
let api: ApiHarness;
beforeAll(async () => {
  temporal = await startTestTemporal();
  api = await startApi({ dialect: 'sqlite', temporal });
});
afterAll(async () => {
  await api?.close();
  await temporal?.stop();
});

describe('Command Center', () => {
  it("shows open tasks due today and tomorrow by the user's calendar, across its midnight", async () => {
    const user = await api.newUser({ timeZone: 'America/Los_Angeles' });
    for (const [name, dueDate, complete] of [
      ['yesterday', '2026-06-29', false],
      ['June 30', '2026-06-30', false],
      ['June 30, done', '2026-06-30', true],
      ['July 1', '2026-07-01', false],
      ['July 2', '2026-07-02', false],
      ['undated', null, false],
    ] as const) {
      const created = await api.call<{ id: string }>('POST', '/api/tasks', { token: user.token, body: { name, dueDate } });
      if (complete) await api.call('POST', `/api/tasks/${created.body.id}/complete`, { token: user.token });
    }
    const view = async (now: string) => {
      api.clock.now = new Date(now);
      try {
        const res = await api.call<CommandCenterAnswer>('GET', '/api/command-center', { token: user.token });
        expect(res.status).toBe(200);
        const names = (tasks: Array<{ name: string }>) => tasks.map((t) => t.name);
        return { today: res.body.today, tomorrow: res.body.tomorrow, timeZone: res.body.timeZone, todays: names(res.body.tasks.today), tomorrows: names(res.body.tasks.tomorrow) };
      } finally {
        api.clock.now = undefined;
      }
    };
    // 06:59:59Z is already July 1 in UTC, but still 23:59:59 on June 30 in Los Angeles (UTC−7 in summer).
    expect(await view('2026-07-01T06:59:59Z')).toEqual({ timeZone: 'America/Los_Angeles', today: '2026-06-30', tomorrow: '2026-07-01', todays: ['June 30'], tomorrows: ['July 1'] });
    expect(await view('2026-07-01T07:00:00Z')).toEqual({ timeZone: 'America/Los_Angeles', today: '2026-07-01', tomorrow: '2026-07-02', todays: ['July 1'], tomorrows: ['July 2'] });

    // A new zone moves the days with it.
    expect((await api.call<{ timeZone: string }>('PATCH', '/api/me', { token: user.token, body: { timeZone: 'Asia/Tokyo' } })).body.timeZone).toBe('Asia/Tokyo');
    expect(await view('2026-06-30T14:59:59Z')).toEqual({ timeZone: 'Asia/Tokyo', today: '2026-06-30', tomorrow: '2026-07-01', todays: ['June 30'], tomorrows: ['July 1'] });
    const badZone = await api.call<ErrorBody>('PATCH', '/api/me', { token: user.token, body: { timeZone: 'Pacific/Nowhere' } });
    expect(badZone.status).toBe(400);
    expect(badZone.body.error.fields).toEqual([{ field: 'timeZone', message: expect.stringContaining('IANA') }]);
  });
});

describe('OpenAPI document', () => {
  it('lists every route with its method, parameters and body schemas, without a token', async () => {
    const res = await api.call<OpenApiDoc>('GET', '/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer' });
    const routes = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops ?? {}).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/me',
        'PATCH /api/me',
        'POST /api/me/tokens',
        'DELETE /api/me/tokens/{tokenId}',
        'POST /api/admin/users',
        'POST /api/admin/users/{userId}/tokens',
        'GET /api/admin/subject-template',
        'PUT /api/admin/subject-template',
        'GET /api/salesforce/connect',
        'GET /api/salesforce/connection',
        'DELETE /api/salesforce/connection',
        'GET /oauth/salesforce/callback',
        'GET /api/sync-settings',
        'PUT /api/sync-settings',
        'GET /api/tasks',
        'POST /api/tasks',
        'GET /api/tasks/{id}',
        'PATCH /api/tasks/{id}',
        'DELETE /api/tasks/{id}',
        'POST /api/tasks/{id}/complete',
        'POST /api/tasks/{id}/reopen',
        'GET /api/command-center',
        'GET /api/sync-status',
        'GET /api/sync-log',
        'POST /api/emails',
      ]),
    );
    const createTask = doc.paths['/api/tasks']?.post;
    expect(createTask?.security).toEqual([{ bearerAuth: [] }]);
    expect(createTask?.summary).toBe('Create a task');
    const body = createTask?.requestBody?.content['application/json']?.schema;
    expect(body?.required).toEqual(['name']);
    expect(Object.keys(body?.properties ?? {}).sort()).toEqual(['details', 'dueDate', 'name', 'priority', 'reminderAt', 'status']);
    expect(body?.properties?.status?.enum).toEqual(['open', 'complete']);
    const listParams = (doc.paths['/api/tasks']?.get?.parameters ?? []).map((p) => `${p.in}:${p.name}`).sort();
    expect(listParams).toEqual(['query:dueFrom', 'query:dueTo', 'query:includeDeleted', 'query:status']);
    const settingsBody = doc.paths['/api/sync-settings']?.put?.requestBody?.content['application/json']?.schema;
    expect(Object.keys(settingsBody?.properties ?? {}).sort()).toEqual(['emailLogging', 'taskSync']);
    expect(doc.paths['/openapi.json']).toBeUndefined();
  });
});

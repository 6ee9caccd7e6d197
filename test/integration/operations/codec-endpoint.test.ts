import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildCodecServer, codecRoutesOptionsFromEnv } from '../../../api/codec-server';
import { operatorEndpoints } from '../../../api/operator-endpoints';
import { saveSyncSettings, readSyncStatus } from '../../../client/sync-workflow';
import { ensureTemporalCli } from '../../../dev/temporal';
import { openStore, type Store } from '../../../store';
import { salesforceSyncWorkflowId } from '../../../contract/ids';
import { eventually, startTestTemporal, type TestTemporal } from '../../support/temporal';
import { payloadsIn, rawHistoryReader } from './history-scan';

/**
 * The codec endpoint an operator's Temporal UI (or CLI) calls to read encrypted payloads: it
 * opens them for a caller with the token, and for nobody else.
 */

const token = 'codec-test-token-4f1e9a';
const uiOrigin = 'http://localhost:8233';
const bcc = 'emailtosalesforce+codec-test@private.le.salesforce.com';
const userId = `codec-user-${Date.now()}`;

let t: TestTemporal;
let server: FastifyInstance;
let endpoint: string;
let encrypted: { metadata: Record<string, string>; data: string };

beforeAll(async () => {
  t = await startTestTemporal();
  await saveSyncSettings(t.client, userId, { emailLogging: { mode: 'bcc', address: bcc } }, { taskQueue: t.config.taskQueue });
  await eventually(() => readSyncStatus(t.client, userId), (s) => s !== null);
  const reader = await rawHistoryReader(t.config);
  const history = await reader.read(salesforceSyncWorkflowId(userId));
  await reader.close();
  const input = payloadsIn(history).find((p) => p.path.includes('workflowExecutionStartedEventAttributes.input'));
  if (!input) throw new Error('the start event carries no input payload');
  encrypted = {
    metadata: Object.fromEntries(Object.entries(input.payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
    data: Buffer.from(input.payload.data ?? new Uint8Array()).toString('base64'),
  };
  server = await buildCodecServer(codecRoutesOptionsFromEnv({ ...process.env, CODEC_AUTH_TOKEN: token }));
  endpoint = `${await server.listen({ port: 0, host: '127.0.0.1' })}/codec`;
});

afterAll(async () => {
  await server?.close();
  await t?.stop();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${endpoint}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-namespace': t.config.namespace, ...headers }, body: JSON.stringify(body) });
const decodedText = (body: { payloads: Array<{ data: string }> }) => body.payloads.map((p) => Buffer.from(p.data, 'base64').toString('utf8')).join('\n');

describe('POST /codec/decode', () => {
  it('opens a payload from a stored history for a caller with the token, as JSON payloads the UI reads', async () => {
    expect(Buffer.from(encrypted.data, 'base64').toString('utf8')).not.toContain(bcc);
    const res = await post('decode', { payloads: [encrypted] }, { authorization: `Bearer ${token}`, origin: uiOrigin });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    const body = (await res.json()) as { payloads: Array<{ metadata: Record<string, string>; data: string }> };
    expect(Buffer.from(body.payloads[0]?.metadata.encoding ?? '', 'base64').toString()).toBe('json/plain');
    expect(decodedText(body)).toContain(bcc);
  });

  it('refuses a caller without the token, or with another one, and says what is needed', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong-token' }, { authorization: token }, { authorization: `Basic ${Buffer.from(`x:${token}`).toString('base64')}` }]) {
      const res = await post('decode', { payloads: [encrypted] }, headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const text = await res.text();
      expect(text).toContain('CODEC_AUTH_TOKEN');
      expect(text).not.toContain(bcc);
    }
  });

  it('refuses another namespace, and a body that is not payloads', async () => {
    const other = await post('decode', { payloads: [encrypted] }, { authorization: `Bearer ${token}`, 'x-namespace': 'someone-else' });
    expect(other.status).toBe(403);
    const bad = await post('decode', { items: [] }, { authorization: `Bearer ${token}` });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('{"payloads":');
  });
});

describe('the endpoint the Temporal UI is given', () => {
  it('takes the token in the path, since the UI cannot add a header, and refuses any other path token', async () => {
    const at = (pathToken: string) =>
      fetch(`${endpoint}/t/${encodeURIComponent(pathToken)}/decode`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-namespace': t.config.namespace, origin: uiOrigin }, body: JSON.stringify({ payloads: [encrypted] }) });
    const ok = await at(token);
    expect(ok.status).toBe(200);
    expect(decodedText((await ok.json()) as { payloads: Array<{ data: string }> })).toContain(bcc);
    for (const wrong of ['wrong-token', `${token}x`]) {
      const res = await at(wrong);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain(bcc);
    }
  });
});

describe('POST /codec/encode', () => {
  it('encrypts what decode opens again', async () => {
    const plain = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from(JSON.stringify({ hello: bcc })).toString('base64') };
    const encoded = (await (await post('encode', { payloads: [plain] }, { authorization: `Bearer ${token}` })).json()) as { payloads: Array<{ metadata: Record<string, string>; data: string }> };
    expect(Buffer.from(encoded.payloads[0]?.metadata.encoding ?? '', 'base64').toString()).toBe('binary/encrypted');
    expect(decodedText(encoded)).not.toContain(bcc);
    const decoded = (await (await post('decode', encoded, { authorization: `Bearer ${token}` })).json()) as { payloads: unknown[] };
    expect(decoded.payloads).toEqual([plain]);
  });
});

describe('a browser on the Temporal UI', () => {
  it('gets the CORS preflight answered without a token, and only from the UI origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${endpoint}/decode`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-namespace' } });
    const ok = await preflight(uiOrigin);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toEqual(expect.stringContaining('authorization'));
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toEqual(expect.stringContaining('x-namespace'));
    const evil = await preflight('https://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});

/** The CLI prints payload data as base64: the text of every such field. */
const base64Fields = (json: string) => [...json.matchAll(/"data": "([A-Za-z0-9+/=]+)"/g)].map((m) => Buffer.from(m[1] ?? '', 'base64').toString('utf8')).join('\n');

describe('the Temporal CLI', () => {
  // Asynchronous: the endpoint the CLI calls runs in this process.
  const show = (extra: string[]) =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      const args = ['workflow', 'show', '--address', t.config.address, '--namespace', t.config.namespace, '--workflow-id', salesforceSyncWorkflowId(userId), '--output', 'json', '--codec-endpoint', endpoint, ...extra];
      execFile(ensureTemporalCli(), args, { encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
    });

  it('shows the history decoded through the endpoint with --codec-auth, and not without it', async () => {
    const authorised = await show(['--codec-auth', `Bearer ${token}`]);
    expect(authorised.stderr).toBe('');
    expect(authorised.status).toBe(0);
    expect(base64Fields(authorised.stdout)).toContain(bcc);
    const refused = await show([]);
    expect(`${refused.stdout}${refused.stderr}${base64Fields(refused.stdout)}`).not.toContain(bcc);
    expect(refused.status).not.toBe(0);
  });
});

describe('on the API server', () => {
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = await openStore(`sqlite:${join(mkdtempSync(join(tmpdir(), 'sia-codec-')), 'sia.db')}`);
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const decodeOn = (base: string, headers: Record<string, string>) =>
    fetch(`${base}/codec/decode`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ payloads: [encrypted] }) });

  it('is mounted with the operator endpoints when CODEC_AUTH_TOKEN is set, and absent when it is not', async () => {
    app = Fastify();
    await app.register(operatorEndpoints, { store, env: { ...process.env, CODEC_AUTH_TOKEN: token } });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const open = await decodeOn(base, { authorization: `Bearer ${token}` });
    expect(open.status).toBe(200);
    expect(decodedText((await open.json()) as { payloads: Array<{ data: string }> })).toContain(bcc);
    expect((await decodeOn(base, {})).status).toBe(401);

    const without = Fastify();
    await without.register(operatorEndpoints, { store, env: { ...process.env, CODEC_AUTH_TOKEN: '' } });
    try {
      expect((await decodeOn(await without.listen({ port: 0, host: '127.0.0.1' }), { authorization: `Bearer ${token}` })).status).toBe(404);
    } finally {
      await without.close();
    }
  });
});

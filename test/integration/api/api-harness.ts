import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { SalesforceAppConfig } from '../../../config/salesforce';
import { createTestDatabase } from '../../../dev/postgres';
import { freePort } from '../../../dev/temporal';
import { registeredRoutes } from '../../../api/http/route-docs';
import { buildServer } from '../../../api/server';
import { ensureAdmin } from '../../../store/bootstrap';
import { openStore, type Store } from '../../../store/open-store';
import type { TestTemporal } from '../../support/temporal';
import { ApiContract, type OpenApiDocument } from './openapi-contract';

/**
 * The API on a real port, over a real store (an SQLite file or a PostgreSQL database of its own)
 * and the run's Temporal dev server, with a first admin. `clock.now` pins the server's time.
 * Every answer `call` receives is checked against the server's own OpenAPI document: an answer the
 * document does not describe fails the test.
 */

export type Dialect = 'sqlite' | 'postgres';
export const dialects: Dialect[] = ['sqlite', 'postgres'];

export const testSecretKey = Buffer.alloc(32, 7);

export interface ApiHarness {
  url: string;
  store: Store;
  app: FastifyInstance;
  adminToken: string;
  clock: { now: Date | undefined };
  /** `T` is the shape the test expects the answer's JSON to have (`ErrorBody` for a 4xx). */
  call<T = unknown>(method: string, path: string, options?: CallOptions): Promise<ApiAnswer<T>>;
  /** The server's OpenAPI document, as the judge of its answers. */
  contract(): Promise<ApiContract>;
  /** A user made through the admin route, with their token. */
  newUser(fields?: Record<string, unknown>): Promise<{ id: string; token: string }>;
  close(): Promise<void>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface HarnessOptions {
  dialect: Dialect;
  temporal: TestTemporal;
  /** Builds the Salesforce app config from the API's own URL (for the OAuth redirect URI). */
  salesforceApp?: (apiUrl: string) => SalesforceAppConfig;
  temporalClient?: TestTemporal['client'];
  /** The server's environment (operator endpoints); process.env when left out. */
  env?: NodeJS.ProcessEnv;
}

const placeholderApp = (apiUrl: string): SalesforceAppConfig => ({
  loginUrl: 'http://127.0.0.1:9',
  clientId: 'unused',
  clientSecret: 'unused',
  redirectUri: `${apiUrl}/oauth/salesforce/callback`,
  apiVersion: '62.0',
});

export async function startApi(options: HarnessOptions): Promise<ApiHarness> {
  let dropDatabase = async () => {};
  let url: string;
  if (options.dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sia-api-'));
    url = `sqlite:${join(dir, 'api.db')}`;
    dropDatabase = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const base = process.env.DATABASE_URL_TEST;
    if (!base) throw new Error('DATABASE_URL_TEST is unset: run through jest --selectProjects integration, whose global setup starts PostgreSQL.');
    const database = await createTestDatabase(base);
    url = database.url;
    dropDatabase = database.drop;
  }
  const store = await openStore(url);
  const { token } = await ensureAdmin(store);
  if (!token) throw new Error('a fresh store should get a first admin token');
  const clock: { now: Date | undefined } = { now: undefined };
  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  const app = await buildServer({
    store,
    temporal: options.temporalClient ?? options.temporal.client,
    taskQueue: options.temporal.config.taskQueue,
    secretKey: testSecretKey,
    salesforceApp: (options.salesforceApp ?? placeholderApp)(apiUrl),
    publicUrl: 'http://app.example.test',
    now: () => clock.now ?? new Date(),
    ...(options.env ? { env: options.env } : {}),
  });
  await app.listen({ port, host: '127.0.0.1' });

  let document: Promise<ApiContract> | undefined;
  const contract = (): Promise<ApiContract> =>
    (document ??= fetch(`${apiUrl}/openapi.json`)
      .then((res) => res.json() as Promise<OpenApiDocument>)
      .then((doc) => new ApiContract(doc, registeredRoutes(app).filter((route) => route.undocumented !== undefined))));

  const call = async <T = unknown>(method: string, path: string, { token: bearer, body, headers = {} }: CallOptions = {}): Promise<ApiAnswer<T>> => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    (await contract()).check(method, path, { status: res.status, contentType: res.headers.get('content-type'), text });
    const isJson = (res.headers.get('content-type') ?? '').includes('application/json');
    return { status: res.status, headers: res.headers, body: (isJson && text ? JSON.parse(text) : text) as T };
  };

  let users = 0;
  return {
    url: apiUrl,
    store,
    app,
    adminToken: token,
    clock,
    call,
    contract,
    async newUser(fields = {}) {
      users += 1;
      const res = await call<{ user: { id: string }; token: string }>('POST', '/api/admin/users', { token, body: { email: `user${users}@example.com`, ...fields } });
      if (res.status !== 201) throw new Error(`creating a user failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.user.id, token: res.body.token };
    },
    async close() {
      await app.close();
      await store.close();
      await dropDatabase();
    },
  };
}

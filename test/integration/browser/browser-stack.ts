import jsforce, { type Connection } from 'jsforce';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildActivities } from '../../../activities';
import { buildServer } from '../../../api/server';
import { readSyncStatus } from '../../../client/sync-workflow';
import type { SalesforceAppConfig } from '../../../config/salesforce';
import { startSalesforceEmulator } from '../../../dev/salesforce-emulator';
import { freePort } from '../../../dev/temporal';
import { ensureAdmin } from '../../../store/bootstrap';
import { openStore, type Store } from '../../../store/open-store';
import { setSalesforceConnection } from '../../../store/users';
import { oauthConnection, redirectUri, testClient, testSecretKey, type TestOrg } from '../../support/salesforce';
import { eventually, startTestTemporal, type TestTemporal } from '../../support/temporal';
import { launchChromium } from './chromium';

/**
 * The whole product for the page tests: the Salesforce emulator with one org, a store, a real
 * Temporal worker with the real activities, the backend serving API and pages on a real port,
 * and headless Chromium. Salesforce sends the browser back to this server after connecting.
 * The browser knows the server as localhost and the emulator as 127.0.0.1: two sites, as
 * Salesforce and SIA are, so SameSite cookies behave as they do in production.
 */
export interface BrowserStack {
  /** The pages' address, as the browser uses it. */
  url: string;
  store: Store;
  temporal: TestTemporal;
  org: TestOrg;
  secretKey: Buffer;
  browser: Browser;
  adminToken: string;
  /** A SIA user made through the admin API, with their token. */
  newUser(fields?: Record<string, unknown>): Promise<{ id: string; token: string }>;
  /** Connects a user to Salesforce through the OAuth flow, without the browser. */
  connect(userId: string, username: string): Promise<void>;
  /** Calls the API with a user's token, as an API client would. */
  call(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** Saves two-way task sync through the API and waits until its first round has finished. */
  switchTaskSyncOn(token: string, userId: string): Promise<void>;
  /** The org's live Salesforce Tasks, read through the emulator's test surface. */
  sfTasks(): Promise<Array<Record<string, unknown>>>;
  /** A fresh browser context (its own cookies) signed in with the token through /sign-in. */
  signIn(token: string): Promise<{ context: BrowserContext; page: Page }>;
  /** A jsforce connection logged in as a Salesforce user: edits "in Salesforce". */
  salesforceAs(username: string): Promise<Connection>;
  /** With PAGE_SCREENSHOTS=<dir>, saves a full-page picture (for looking at the pages while changing them). */
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startBrowserStack(usernames: string[]): Promise<BrowserStack> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const apiUrl = `http://127.0.0.1:${port}`;
  const emulator = await startSalesforceEmulator({ port: 0 });
  const seeded = await emulator.control.seedOrg({
    name: 'Browser Test Org',
    auditFieldsOnCreate: true,
    // The page flow comes back to this server; the support helpers connect through their own URL.
    connectedApps: [{ clientId: testClient.clientId, clientSecret: testClient.clientSecret, callbackUrls: [`${url}/oauth/salesforce/callback`, redirectUri] }],
    users: usernames.map((username) => ({ username, password: 'pw', email: username })),
  });
  const app: SalesforceAppConfig = { loginUrl: emulator.url, clientId: testClient.clientId, clientSecret: testClient.clientSecret, redirectUri: `${url}/oauth/salesforce/callback`, apiVersion: '62.0' };
  const org: TestOrg = { emulator, orgId: seeded.orgId, users: seeded.users, app: { ...app, redirectUri } };

  const dir = mkdtempSync(join(tmpdir(), 'sia-pages-'));
  const store = await openStore(`sqlite:${join(dir, 'sia.db')}`);
  const secretKey = testSecretKey();
  const temporal = await startTestTemporal(buildActivities({ store, secretKey, salesforceApp: app }));
  const { token: adminToken } = await ensureAdmin(store);
  if (!adminToken) throw new Error('a fresh store should get a first admin token');
  let server: FastifyInstance | undefined;
  let browser: Browser | undefined;
  try {
    server = await buildServer({ store, temporal: temporal.client, taskQueue: temporal.config.taskQueue, secretKey, salesforceApp: app, publicUrl: url });
    await server.listen({ port, host: '127.0.0.1' });
    browser = await launchChromium();
  } catch (error) {
    await server?.close();
    await temporal.stop();
    await store.close();
    await emulator.close();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  let users = 0;
  const call = async (token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  };

  return {
    url,
    store,
    temporal,
    org,
    secretKey,
    browser,
    adminToken,
    async newUser(fields = {}) {
      users += 1;
      const res = await call(adminToken, 'POST', '/api/admin/users', { email: `person${users}@example.com`, ...fields });
      if (res.status !== 201) throw new Error(`creating a user failed: ${res.status} ${JSON.stringify(res.body)}`);
      const created = res.body as { user: { id: string }; token: string };
      return { id: created.user.id, token: created.token };
    },
    call,
    async switchTaskSyncOn(token, userId) {
      const saved = await call(token, 'PUT', '/api/sync-settings', { taskSync: { mode: 'two_way' } });
      if (saved.status !== 200) throw new Error(`saving settings failed: ${saved.status} ${JSON.stringify(saved.body)}`);
      const { savedAt } = saved.body as { savedAt: string };
      const status = await eventually(
        () => readSyncStatus(temporal.client, userId),
        (s) => s?.phase === 'reconciling' && (s.taskSync?.lastSyncAt ?? '') > savedAt,
        30_000,
      );
      if (status?.phase !== 'reconciling') throw new Error(`the first sync round did not finish: ${JSON.stringify(status)}`);
    },
    sfTasks: () => emulator.control.records(seeded.orgId, 'Task'),
    connect: async (userId, username) => setSalesforceConnection(store.db, secretKey, userId, await oauthConnection(org, username)),
    async signIn(token) {
      const context = await browser.newContext({ baseURL: url });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.getByLabel('API token').fill(token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${url}/command-center`);
      return { context, page };
    },
    async salesforceAs(username) {
      const conn = new jsforce.Connection({ oauth2: { loginUrl: app.loginUrl, clientId: app.clientId, clientSecret: app.clientSecret }, version: '62.0' });
      await conn.login(username, 'pw');
      return conn;
    },
    async screenshot(page, name) {
      const target = process.env.PAGE_SCREENSHOTS;
      if (!target) return;
      mkdirSync(target, { recursive: true });
      await page.screenshot({ path: join(target, `${name}.png`), fullPage: true });
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser?.close();
      await server?.close();
      await temporal.stop();
      await store.close();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

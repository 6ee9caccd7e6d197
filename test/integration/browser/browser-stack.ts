import jsforce, { type Connection } from 'jsforce';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildActivities } from '../../../activities';
import { buildServer } from '../../../client/server';
import type { SalesforceAppConfig } from '../../../config/salesforce';
import { startSalesforceEmulator } from '../../../dev/salesforce-emulator';
import { freePort } from '../../../dev/temporal';
import { ensureAdmin } from '../../../store/bootstrap';
import { openStore, type Store } from '../../../store/open-store';
import { connectUser, redirectUri, testClient, testSecretKey, type TestOrg } from '../../support/salesforce';
import { startTestTemporal, type TestTemporal } from '../../support/temporal';
import { launchChromium } from './chromium';

/**
 * The whole product for the page tests: the Salesforce emulator with one org, a store, a real
 * Temporal worker with the real activities, the backend serving API and pages on a real port,
 * and headless Chromium. Salesforce sends the browser back to this server after connecting.
 */
export interface BrowserStack {
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
  connect(userId: string, username: string, timeZone?: string): Promise<void>;
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
  const url = `http://127.0.0.1:${port}`;
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
      const res = await fetch(`${url}/api/admin/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email: `person${users}@example.com`, ...fields }),
      });
      const body = (await res.json()) as { user: { id: string }; token: string };
      if (res.status !== 201) throw new Error(`creating a user failed: ${res.status} ${JSON.stringify(body)}`);
      return { id: body.user.id, token: body.token };
    },
    connect: (userId, username, timeZone) => connectUser(store, secretKey, org, userId, username, timeZone),
    async signIn(token) {
      const context = await browser!.newContext({ baseURL: url });
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

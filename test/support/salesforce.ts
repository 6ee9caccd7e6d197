import { randomBytes } from 'node:crypto';
import type { SalesforceAppConfig } from '../../config/salesforce';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../dev/salesforce-emulator';
import type { OrgSeed } from '../../dev/salesforce-emulator/seed-schema';
import { setSalesforceConnection, upsertUser, type SalesforceConnectionInput, type Store } from '../../store';

export const testClient = { clientId: 'sia-test-client', clientSecret: 'sia-test-secret' };
export const redirectUri = 'http://localhost/oauth/salesforce/callback';

export interface TestOrg {
  emulator: SalesforceEmulator;
  orgId: string;
  /** Salesforce user ids by username. */
  users: Record<string, string>;
  app: SalesforceAppConfig;
}

/**
 * An emulator with one org, a connected app, and the given users (password `pw`). The app
 * subscribes to change events through the emulator's Pub/Sub API (TLS, its self-signed
 * certificate taken unchecked), as the product does; Task is selected for Change Data Capture
 * only with `changeEvents` (it is off in a new org, as in Salesforce), so until then orgs with an
 * integration user are polled.
 */
export async function startTestOrg(seed: Partial<OrgSeed> & { usernames: string[]; changeEvents?: boolean }): Promise<TestOrg> {
  const { usernames, changeEvents = false, ...rest } = seed;
  const emulator = await startSalesforceEmulator({ port: 0, pubsubTls: true });
  const seeded = await emulator.control.seedOrg({
    // Every emulator counts ids from the same start: a random org id keeps workflows keyed by org
    // (org-poller:<orgId>) of test files running side by side on one Temporal server apart.
    orgId: randomOrgId(),
    name: 'Test Org',
    auditFieldsOnCreate: true,
    connectedApps: [{ clientId: testClient.clientId, clientSecret: testClient.clientSecret, callbackUrls: [redirectUri] }],
    users: usernames.map((username) => ({ username, password: 'pw', email: username })),
    ...rest,
  });
  if (changeEvents) await emulator.control.setChangeDataCapture(seeded.orgId, { entities: { Task: true } });
  const pubsub = emulator.pubsub ? { endpoint: emulator.pubsub.address, verifyTls: false } : null;
  return {
    emulator,
    orgId: seeded.orgId,
    users: seeded.users,
    app: { loginUrl: emulator.url, clientId: testClient.clientId, clientSecret: testClient.clientSecret, redirectUri, apiVersion: '62.0', pubsub },
  };
}

/** The OAuth web-server flow against the emulator (it approves at once for `login_hint`). */
export async function oauthConnection(org: TestOrg, username: string): Promise<SalesforceConnectionInput> {
  const authorize = new URL('/services/oauth2/authorize', org.emulator.url);
  authorize.search = new URLSearchParams({ response_type: 'code', client_id: org.app.clientId, redirect_uri: redirectUri, login_hint: username, state: 'x' }).toString();
  const redirect = await fetch(authorize, { redirect: 'manual' });
  const code = new URL(redirect.headers.get('location') ?? 'http://invalid').searchParams.get('code');
  if (!code) throw new Error(`authorize gave no code (HTTP ${redirect.status})`);
  const token = await fetch(new URL('/services/oauth2/token', org.emulator.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: org.app.clientId, client_secret: org.app.clientSecret, redirect_uri: redirectUri }),
  });
  const body = (await token.json()) as { refresh_token?: string; instance_url: string; id: string };
  if (!body.refresh_token) throw new Error(`token exchange gave no refresh token: ${JSON.stringify(body)}`);
  const [, orgId, sfUserId] = new URL(body.id).pathname.match(/\/id\/([^/]+)\/([^/]+)/) ?? [];
  return { instanceUrl: body.instance_url, sfUserId: sfUserId ?? '', orgId: orgId ?? '', username, refreshToken: body.refresh_token };
}

/** Connects a SIA user to Salesforce the way the product does; the refresh token is stored encrypted. */
export async function connectUser(store: Store, secretKey: Buffer, org: TestOrg, userId: string, username: string, timeZone = 'UTC'): Promise<void> {
  await upsertUser(store.db, { id: userId, email: username, timeZone });
  await setSalesforceConnection(store.db, secretKey, userId, await oauthConnection(org, username));
}

export const testSecretKey = (): Buffer => randomBytes(32);

function randomOrgId(): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return `00DTs${Array.from(randomBytes(10), (b) => alphabet.charAt(b % 62)).join('')}`;
}


import jsforce, { type Connection } from 'jsforce';
import type { SyncStatus } from '../../contract/messages';
import { oauthConnection, redirectUri as personRedirectUri } from '../../test/support/salesforce';
import { inBatches } from '../users';
import { waitFor } from '../wait';
import { UserModel } from './model';
import type { SoakStack } from './stack';

/** The API over HTTP, as a person's browser or script reaches it. */
export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

export async function callApi(baseUrl: string, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiAnswer> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').includes('application/json') && text !== '';
  return { status: res.status, headers: res.headers, body: json ? (JSON.parse(text) as unknown) : text };
}

export function expectStatus(answer: ApiAnswer, status: number, what: string): void {
  if (answer.status !== status) throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
}

/** A SIA user with a Salesforce org of their own, connected through the API's OAuth flow, and the two people who edit their tasks. */
export interface SoakUser {
  index: number;
  id: string;
  /** The user's API token: SIA edits go through the tasks routes with it. */
  token: string;
  username: string;
  orgId: string;
  sfUserId: string;
  /** jsforce as the user: Salesforce edits, on a session of its own (refreshed when it expires). */
  sf: Connection;
  model: UserModel;
}

/**
 * Creates the users through the admin route, connects each to a fresh org through the API's OAuth
 * flow (the emulator approves at once), switches two-way task sync on through the settings route
 * and waits for each first round.
 */
export async function createSoakUsers(stack: SoakStack, count: number, say: (line: string) => void): Promise<SoakUser[]> {
  const users: SoakUser[] = [];
  await inBatches(
    Array.from({ length: count }, (_, i) => i),
    5,
    async (index) => {
      users.push(await createUser(stack, index));
    },
  );
  users.sort((a, b) => a.index - b.index);
  say(`${count} users connected through OAuth with two-way task sync saved; waiting for their first rounds…`);
  await inBatches(users, 10, (u) => waitUntilSynced(stack, u, '', 5 * 60_000));
  return users;
}

async function createUser(stack: SoakStack, index: number): Promise<SoakUser> {
  const id = `soak-${stack.runId}-${index}`;
  const username = `user${index}.${stack.runId}@soak.test`;
  // A very large allowance: the soak looks for losses, not for the budget's pacing.
  const seeded = await stack.emulator.control.seedOrg({
    name: `Soak ${index}`,
    dailyApiLimit: 50_000_000,
    auditFieldsOnCreate: true,
    connectedApps: [{ clientId: stack.app.clientId, clientSecret: stack.app.clientSecret, callbackUrls: [stack.app.redirectUri, personRedirectUri] }],
    users: [{ username, password: 'pw', email: username }],
  });
  const sfUserId = seeded.users[username];
  if (!sfUserId) throw new Error(`the emulator did not seed ${username}`);

  const created = await callApi(stack.api.url, 'POST', '/api/admin/users', { token: stack.api.adminToken, body: { id, email: username } });
  expectStatus(created, 201, `creating user ${id}`);
  const token = (created.body as { token: string }).token;

  // Settings → Salesforce → Connect: the API's authorize URL, the emulator's approval, the API's callback.
  const start = await callApi(stack.api.url, 'GET', `/api/salesforce/connect?loginHint=${encodeURIComponent(username)}`, { token });
  expectStatus(start, 200, `starting the Salesforce connection of ${id}`);
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const approval = await fetch((start.body as { authorizeUrl: string }).authorizeUrl, { redirect: 'manual' });
  const callback = approval.headers.get('location');
  if (!callback) throw new Error(`the emulator did not redirect back for ${username} (HTTP ${approval.status})`);
  const callbackUrl = new URL(callback);
  const done = await callApi(stack.api.url, 'GET', `${callbackUrl.pathname}${callbackUrl.search}`, { headers: { cookie, accept: 'application/json' } });
  expectStatus(done, 200, `the OAuth callback of ${id}`);

  const saved = await callApi(stack.api.url, 'PUT', '/api/sync-settings', { token, body: { taskSync: { mode: 'two_way' }, emailLogging: { mode: 'off' } } });
  expectStatus(saved, 200, `switching task sync on for ${id}`);

  const testOrg = { emulator: stack.emulator, orgId: seeded.orgId, users: seeded.users, app: { ...stack.app, redirectUri: personRedirectUri } };
  const session = await oauthConnection(testOrg, username);
  const sf = new jsforce.Connection({
    oauth2: { loginUrl: stack.app.loginUrl, clientId: stack.app.clientId, clientSecret: stack.app.clientSecret, redirectUri: personRedirectUri },
    instanceUrl: session.instanceUrl,
    refreshToken: session.refreshToken,
    version: stack.app.apiVersion,
  });
  return { index, id, token, username, orgId: seeded.orgId, sfUserId, sf, model: new UserModel() };
}

export interface SyncStatusView {
  workflow: { state: 'running'; status: SyncStatus } | { state: 'not_started' | 'unreachable'; status: null };
}

/** Sync Health's view of the user's sync, through the API. */
export async function syncStatus(stack: SoakStack, user: SoakUser): Promise<SyncStatus | null> {
  const answer = await callApi(stack.api.url, 'GET', '/api/sync-status', { token: user.token });
  if (answer.status !== 200) return null;
  const view = answer.body as SyncStatusView;
  return view.workflow.state === 'running' ? view.workflow.status : null;
}

/** A round finished after `since` (ISO; '' for any) and the sync is reconciling. */
export function syncedSince(status: SyncStatus | null, since: string): boolean {
  const last = status?.taskSync?.lastSyncAt ?? null;
  return last !== null && last > since && status?.phase === 'reconciling';
}

export function waitUntilSynced(stack: SoakStack, user: SoakUser, since: string, timeoutMs: number): Promise<SyncStatus | null> {
  return waitFor(() => syncStatus(stack, user), (s) => syncedSince(s, since), { timeoutMs, intervalMs: 500, what: `a round of ${user.id} after ${since || 'switching on'}` });
}

/** Sync Health's Resync button. */
export async function resync(stack: SoakStack, user: SoakUser): Promise<boolean> {
  const answer = await callApi(stack.api.url, 'POST', '/api/sync/resync', { token: user.token });
  return answer.status === 200;
}

import { expect } from '@jest/globals';
import { OAuth2 } from 'jsforce';
import { getSalesforceCredentials, setSalesforceStatus } from '../../../store/users';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../../dev/salesforce-emulator';
import { startTestTemporal, type TestTemporal } from '../../support/temporal';
import type { ErrorBody } from '../../../api/http/api-error';
import { startApi, testSecretKey, type ApiHarness } from './api-harness';

const ALICE = 'alice@acme.demo';
const BOB = 'bob@acme.demo';

let temporal: TestTemporal;
let sf: SalesforceEmulator;
let api: ApiHarness;
beforeAll(async () => {
  [temporal, sf] = await Promise.all([startTestTemporal(), startSalesforceEmulator({ port: 0, seedDemo: true })]);
  api = await startApi({
    dialect: 'sqlite',
    temporal,
    salesforceApp: (apiUrl) => ({ loginUrl: sf.url, clientId: 'sia-demo-client', clientSecret: 'sia-demo-secret', redirectUri: `${apiUrl}/oauth/salesforce/callback`, apiVersion: '62.0' }),
  });
});
afterAll(async () => {
  await api?.close();
  await sf?.close();
  await temporal?.stop();
});

const demoApp = () => new OAuth2({ loginUrl: sf.url, clientId: 'sia-demo-client', clientSecret: 'sia-demo-secret' });

/** Starts connecting as the user, lets the emulator approve for `username`, and answers the callback URL and the flow's cookie. */
async function authorizeAs(token: string, username: string): Promise<{ callback: string; cookie: string; authorizeUrl: URL }> {
  const start = await api.call<{ authorizeUrl: string }>('GET', `/api/salesforce/connect?loginHint=${encodeURIComponent(username)}`, { token });
  expect(start.status).toBe(200);
  const authorizeUrl = new URL(start.body.authorizeUrl);
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0]!;
  const approval = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(approval.status).toBe(302);
  const callback = approval.headers.get('location')!;
  return { callback, cookie, authorizeUrl };
}

const callbackPath = (callback: string) => {
  const url = new URL(callback);
  return `${url.pathname}${url.search}`;
};

describe('connecting Salesforce (OAuth 2.0 web server flow)', () => {
  it('builds the authorize URL, exchanges the code, stores the connection with the refresh token encrypted', async () => {
    const user = await api.newUser();
    const { callback, cookie, authorizeUrl } = await authorizeAs(user.token, ALICE);
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${sf.url}/services/oauth2/authorize`);
    expect(Object.fromEntries(authorizeUrl.searchParams)).toMatchObject({ response_type: 'code', client_id: 'sia-demo-client', redirect_uri: `${api.url}/oauth/salesforce/callback`, state: expect.any(String) });
    expect(cookie).toMatch(/^sia_sf_oauth=/);
    expect(callback.startsWith(`${api.url}/oauth/salesforce/callback?`)).toBe(true);

    const done = await api.call<{ connection: unknown }>('GET', callbackPath(callback), { headers: { cookie, accept: 'application/json' } });
    expect(done.status).toBe(200);
    expect(done.body.connection).toMatchObject({ status: 'connected', connected: true, needsReconnect: false, username: ALICE, orgId: sf.demo!.orgId, sfUserId: sf.demo!.users[ALICE], instanceUrl: sf.url });

    const status = await api.call('GET', '/api/salesforce/connection', { token: user.token });
    expect(status.body).toMatchObject({ connected: true, username: ALICE, orgId: sf.demo!.orgId, reason: null });

    // The column holds a sealed value, never the token; the token it seals is one Salesforce honours.
    const credentials = await getSalesforceCredentials(api.store.db, testSecretKey, user.id);
    expect(credentials?.refreshToken).toMatch(/^5Aep/);
    const row = await api.store.db.selectFrom('users').select('sf_refresh_token_enc').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.sf_refresh_token_enc).toMatch(/^v1\./);
    expect(row.sf_refresh_token_enc).not.toContain(credentials!.refreshToken);
    const refreshed = await demoApp().refreshToken(credentials!.refreshToken);
    expect(refreshed.access_token).toBeTruthy();
  });

  it('redirects a browser to the settings page', async () => {
    const user = await api.newUser();
    const { callback, cookie } = await authorizeAs(user.token, BOB);
    const done = await api.call('GET', callbackPath(callback), { headers: { cookie, accept: 'text/html' } });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('http://app.example.test/settings/salesforce?salesforce=connected');
    expect(done.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await api.call<{ username: string | null }>('GET', '/api/salesforce/connection', { token: user.token })).body.username).toBe(BOB);
  });

  it('refuses a used code, an altered or expired state, a flow from another browser, and a denial, with the cause', async () => {
    const user = await api.newUser();
    const { callback, cookie } = await authorizeAs(user.token, ALICE);
    const path = callbackPath(callback);
    const json = { cookie, accept: 'application/json' };
    expect((await api.call('GET', path, { headers: json })).status).toBe(200);

    const reused = await api.call<ErrorBody>('GET', path, { headers: json });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('invalid_grant');
    expect(reused.body.error.message).toContain('connect again');

    const fresh = await authorizeAs(user.token, ALICE);
    const url = new URL(fresh.callback);
    const state = url.searchParams.get('state')!;
    url.searchParams.set('state', `${state.slice(0, -2)}xx`);
    const altered = await api.call<ErrorBody>('GET', callbackPath(url.toString()), { headers: { cookie: fresh.cookie, accept: 'application/json' } });
    expect(altered.body.error.code).toBe('invalid_state');

    const noCookie = await api.call<ErrorBody>('GET', callbackPath(fresh.callback), { headers: { accept: 'application/json' } });
    expect(noCookie.status).toBe(400);
    expect(noCookie.body.error.code).toBe('state_not_bound');

    api.clock.now = new Date(Date.now() + 11 * 60_000);
    try {
      const late = await api.call<ErrorBody>('GET', callbackPath(fresh.callback), { headers: { cookie: fresh.cookie, accept: 'application/json' } });
      expect(late.body.error.code).toBe('state_expired');
    } finally {
      api.clock.now = undefined;
    }

    const denied = await api.call<string>('GET', `/oauth/salesforce/callback?error=access_denied&error_description=end-user+denied+authorization&state=${encodeURIComponent(state)}`, { headers: { cookie: fresh.cookie } });
    expect(denied.status).toBe(400);
    expect(denied.headers.get('content-type')).toContain('text/html');
    expect(denied.body).toContain('Salesforce did not grant access (access_denied: end-user denied authorization)');
    expect(denied.body).toContain('href="http://app.example.test/settings/salesforce"');
  });

  it('shows a connection Salesforce stopped accepting as needing a reconnect, with the reason', async () => {
    const user = await api.newUser();
    const { callback, cookie } = await authorizeAs(user.token, ALICE);
    await api.call('GET', callbackPath(callback), { headers: { cookie, accept: 'application/json' } });
    await setSalesforceStatus(api.store.db, user.id, 'needs_reconnect', 'invalid_grant: expired access/refresh token');
    const status = await api.call<{ reason: string | null }>('GET', '/api/salesforce/connection', { token: user.token });
    expect(status.body).toMatchObject({ status: 'needs_reconnect', connected: true, needsReconnect: true, reason: expect.stringContaining('invalid_grant: expired access/refresh token') });
    expect(status.body.reason).toContain('Connect again');
  });

  it('disconnects: revokes the refresh token at Salesforce and forgets it', async () => {
    const user = await api.newUser();
    const { callback, cookie } = await authorizeAs(user.token, ALICE);
    await api.call('GET', callbackPath(callback), { headers: { cookie, accept: 'application/json' } });
    const { refreshToken } = (await getSalesforceCredentials(api.store.db, testSecretKey, user.id))!;

    const gone = await api.call('DELETE', '/api/salesforce/connection', { token: user.token });
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ wasConnected: true, revoked: true, revokeError: null, connection: { status: 'not_connected', connected: false, username: null } });
    expect(await getSalesforceCredentials(api.store.db, testSecretKey, user.id)).toBeUndefined();
    await expect(demoApp().refreshToken(refreshToken)).rejects.toMatchObject({ name: 'invalid_grant' });

    const again = await api.call('DELETE', '/api/salesforce/connection', { token: user.token });
    expect(again.body).toMatchObject({ wasConnected: false, revoked: false });
  });
});

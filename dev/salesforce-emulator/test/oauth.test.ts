/**
 * OAuth 2.0 as jsforce meets it, emulator only: the emulator's URLs and seeded ids, the
 * web-server flow (auto-approved with login_hint), refresh, and sessions ended through the test
 * surface. The public facts of the token endpoint are in ../public-api/oauth.test.ts.
 */
import { ADMIN, ALICE, connection, login, loginWithCode, PASSWORD, rejection, startOrg, type TestOrg } from './helpers';

let t: TestOrg;
beforeAll(async () => {
  t = await startOrg({}, { tokenLifetimeSeconds: 7200 });
});
afterAll(() => t.emulator.close());

describe('token endpoint', () => {
  it('the id URL and the instance URL are the emulator URL, with the seeded org and user ids', async () => {
    const json = (await connection(t.emulator).oauth2.authenticate(ALICE, PASSWORD)) as unknown as Record<string, string>;
    expect(json.id).toBe(`${t.emulator.url}/id/${t.orgId}/${t.users[ALICE]}`);
    expect(json.instance_url).toBe(t.emulator.url);
    const conn = await login(t.emulator, ALICE);
    expect(conn.userInfo?.id).toBe(t.users[ALICE]);
    expect(conn.userInfo?.organizationId).toBe(t.orgId);
    expect(conn.instanceUrl).toBe(t.emulator.url);
  });
});

describe('identity', () => {
  it('the identity URL and userinfo tell user id, org id, email and username', async () => {
    const conn = await login(t.emulator, ALICE);
    const id = await conn.identity();
    expect(id).toMatchObject({ user_id: t.users[ALICE], organization_id: t.orgId, username: ALICE, email: ALICE });
    const info = await conn.request<Record<string, unknown>>(`${t.emulator.url}/services/oauth2/userinfo`);
    expect(info).toMatchObject({ user_id: t.users[ALICE], organization_id: t.orgId, preferred_username: ALICE, email: ALICE });
  });
});

describe('web-server flow and refresh', () => {
  it('an expired session is refreshed with the refresh token and jsforce fires "refresh"', async () => {
    const conn = await loginWithCode(t.emulator, ALICE);
    expect(conn.refreshToken).toMatch(/^5Aep/);
    const first = conn.accessToken;
    const refreshed: string[] = [];
    conn.on('refresh', (token: string) => refreshed.push(token));
    await t.emulator.control.advanceClock(2 * 3600_000 + 1000);
    const result = await conn.query<{ Id: string }>('SELECT Id FROM Task');
    expect(result.done).toBe(true);
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]).not.toBe(first);
    expect(conn.accessToken).toBe(refreshed[0]);
    const calls = await t.emulator.control.calls({ path: '/services/oauth2/token' });
    expect(calls.summary.counted).toBe(0);
  });

  it('a session used in the second half of its life is extended (inactivity timeout)', async () => {
    const conn = await loginWithCode(t.emulator, ADMIN);
    let refreshes = 0;
    conn.on('refresh', () => refreshes++);
    await t.emulator.control.advanceClock(1.5 * 3600_000);
    await conn.query('SELECT Id FROM Task');
    await t.emulator.control.advanceClock(1.5 * 3600_000);
    await conn.query('SELECT Id FROM Task');
    expect(refreshes).toBe(0);
  });

  it('a revoked refresh token is invalid_grant "expired access/refresh token"', async () => {
    const conn = await loginWithCode(t.emulator, ALICE);
    const refreshToken = conn.refreshToken as string;
    await t.emulator.control.revokeTokens({ token: refreshToken });
    await t.emulator.control.expireSessions({ userId: t.users[ALICE] });
    const err = await rejection(conn.query('SELECT Id FROM Task'));
    expect(err.message).toContain('expired access/refresh token');
    const direct = await rejection(conn.oauth2.refreshToken(refreshToken));
    expect(direct.name).toBe('invalid_grant');
  });

  it('POST /services/oauth2/revoke ends the refresh token and its sessions', async () => {
    const conn = await loginWithCode(t.emulator, ALICE);
    const refreshToken = conn.refreshToken as string;
    let unauthorized: unknown;
    await conn.oauth2.revokeToken(refreshToken);
    // The session is gone (401), and so is the refresh token jsforce then tries.
    const err = await rejection(conn.request({ method: 'GET', url: '/sobjects' }).then((r) => (unauthorized = r)));
    expect(unauthorized).toBeUndefined();
    expect(err.message).toContain('expired access/refresh token');
    const calls = await t.emulator.control.calls({ path: '/services/data/v50.0/sobjects' });
    expect(calls.calls.at(-1)?.status).toBe(401);
  });

  it('an authorization code works once', async () => {
    const conn = connection(t.emulator);
    const url = `${conn.oauth2.getAuthorizationUrl({})}&login_hint=${encodeURIComponent(ALICE)}`;
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const code = new URL(res.headers.get('location') as string).searchParams.get('code') as string;
    await conn.authorize(code);
    const err = await rejection(connection(t.emulator).authorize(code));
    expect(err.name).toBe('invalid_grant');
  });
});

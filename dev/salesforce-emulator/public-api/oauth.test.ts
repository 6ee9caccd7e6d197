/**
 * OAuth 2.0 through jsforce, public API only: the connected app's username-password flow, its
 * errors, the identity URL and userinfo, revocation. Makes no records. The wrong-password test
 * counts one failed login against the test user (the next successful login resets the count).
 */
import { createHmac } from 'node:crypto';
import { OAuth2 } from 'jsforce';
import { openTarget, rejection, type ContractTarget } from './target';

let target: ContractTarget;
beforeAll(async () => {
  target = await openTarget();
});
afterAll(() => target?.close());

const ID_URL = /\/id\/(00D[0-9A-Za-z]{15})\/(005[0-9A-Za-z]{15})$/;

describe('token endpoint (username-password flow of the connected app)', () => {
  it('answers the Salesforce token fields, signed with the client secret, and no refresh token', async () => {
    const { username, password, clientSecret } = target.creds;
    const json = (await target.connection().oauth2.authenticate(username, password)) as unknown as Record<string, string>;
    expect(Object.keys(json).sort()).toEqual(['access_token', 'id', 'instance_url', 'issued_at', 'signature', 'token_type']);
    expect(json.token_type).toBe('Bearer');
    expect(json.id).toMatch(ID_URL);
    const orgId = (ID_URL.exec(json.id as string) as RegExpExecArray)[1] as string;
    expect((json.access_token as string).startsWith(`${orgId.slice(0, 15)}!`)).toBe(true);
    expect(json.issued_at).toMatch(/^\d{13}$/);
    // Documented: HMAC-SHA256 of the id URL and issued_at, keyed with the client secret, in base64.
    expect(json.signature).toBe(createHmac('sha256', clientSecret).update(`${json.id as string}${json.issued_at as string}`).digest('base64'));
  });

  it('conn.login learns the user and org ids that the identity URL tells, and holds no refresh token', async () => {
    const conn = await target.login();
    const id = await conn.identity();
    expect(conn.userInfo?.id).toBe(id.user_id);
    expect(conn.userInfo?.organizationId).toBe(id.organization_id);
    expect(id.username.toLowerCase()).toBe(target.creds.username.toLowerCase());
    expect(conn.refreshToken ?? undefined).toBeUndefined();
  });

  it('a wrong password is invalid_grant / authentication failure', async () => {
    const err = await rejection(target.connection().login(target.creds.username, `${target.creds.password}-wrong`));
    expect(err.name).toBe('invalid_grant');
    expect(err.message).toBe('authentication failure');
  });

  it('an unknown client id is invalid_client_id / client identifier invalid', async () => {
    const oauth2 = new OAuth2({ loginUrl: target.creds.loginUrl, clientId: 'no-such-client-id', clientSecret: 'x' });
    const err = await rejection(oauth2.authenticate(target.creds.username, target.creds.password));
    expect(err.name).toBe('invalid_client_id');
    expect(err.message).toBe('client identifier invalid');
  });

  it('a wrong client secret is invalid_client / invalid client credentials', async () => {
    const oauth2 = new OAuth2({ loginUrl: target.creds.loginUrl, clientId: target.creds.clientId, clientSecret: `${target.creds.clientSecret}-wrong` });
    const err = await rejection(oauth2.authenticate(target.creds.username, target.creds.password));
    expect(err.name).toBe('invalid_client');
    expect(err.message).toBe('invalid client credentials');
  });

  it('an unknown refresh token is invalid_grant / expired access/refresh token', async () => {
    const err = await rejection(target.connection().oauth2.refreshToken('5Aep861no.such.refresh.token'));
    expect(err.name).toBe('invalid_grant');
    expect(err.message).toBe('expired access/refresh token');
  });
});

describe('identity', () => {
  it('the identity URL and userinfo tell the same user, org, username and email', async () => {
    const conn = await target.login();
    const id = await conn.identity();
    const info = await conn.request<Record<string, unknown>>(`${target.creds.loginUrl}/services/oauth2/userinfo`);
    expect(info).toMatchObject({ user_id: id.user_id, organization_id: id.organization_id, preferred_username: id.username, email: id.email });
  });

  it('the identity URL refuses an unknown token with 403 Bad_OAuth_Token', async () => {
    const conn = await target.login();
    const res = await fetch(conn.userInfo?.url as string, { headers: { authorization: `Bearer ${conn.userInfo?.organizationId.slice(0, 15) ?? ''}!no.such.token` } });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('Bad_OAuth_Token');
  });
});

describe('revocation', () => {
  it('a revoked access token answers 401 INVALID_SESSION_ID; jsforce logs in again with the password and fires "refresh"', async () => {
    const conn = await target.login();
    const revoked = conn.accessToken as string;
    const refreshes: string[] = [];
    conn.on('refresh', (token: string) => refreshes.push(token));
    await conn.oauth2.revokeToken(revoked);
    const res = await fetch(`${conn.instanceUrl}/services/data/v${conn.version}/limits`, { headers: { authorization: `Bearer ${revoked}` } });
    expect(res.status).toBe(401);
    const [error] = (await res.json()) as { errorCode: string; message: string }[];
    expect([error?.errorCode, error?.message]).toEqual(['INVALID_SESSION_ID', 'Session expired or invalid']);
    await expect(conn.query('SELECT Id FROM Task LIMIT 1')).resolves.toMatchObject({ done: true });
    expect(refreshes).toHaveLength(1);
    expect(conn.accessToken).toBe(refreshes[0]);
    expect(conn.accessToken).not.toBe(revoked);
  });

  it('revoking an unknown token answers 400 unsupported_token_type', async () => {
    const res = await fetch(`${target.creds.loginUrl}/services/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: 'no.such.token' }).toString(),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'unsupported_token_type', error_description: 'this token type is not supported' });
  });
});

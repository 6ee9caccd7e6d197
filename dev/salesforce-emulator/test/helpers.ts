/**
 * Shared setup for the emulator-only contract tests: an emulator, one seeded org, jsforce
 * connections into it. The tests that use only Salesforce's public API, and so also run against a
 * real org, are in ../public-api/ with their own target (target.ts).
 */
import { Connection } from 'jsforce';
import { startSalesforceEmulator, type SalesforceEmulator, type SalesforceEmulatorOptions } from '../index';
import type { OrgSeed } from '../seed-schema';

export { rejection } from '../public-api/target';

export const CLIENT_ID = 'contract-client';
export const CLIENT_SECRET = 'contract-secret';
export const REDIRECT_URI = 'http://localhost:9999/oauth/callback';
export const PASSWORD = 'pw-123456';
export const ALICE = 'alice@contract.test';
export const BOB = 'bob@contract.test';
export const ADMIN = 'integration@contract.test';

export interface TestOrg {
  emulator: SalesforceEmulator;
  orgId: string;
  users: Record<string, string>;
}

export async function startOrg(seed: Partial<OrgSeed> = {}, opts: SalesforceEmulatorOptions = {}): Promise<TestOrg> {
  const emulator = await startSalesforceEmulator(opts);
  const seeded = await emulator.control.seedOrg({
    name: 'Contract Org',
    connectedApps: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, callbackUrls: [REDIRECT_URI] }],
    users: [
      { username: ALICE, password: PASSWORD, email: ALICE, firstName: 'Alice', lastName: 'Able' },
      { username: BOB, password: PASSWORD, email: BOB, firstName: 'Bob', lastName: 'Baker' },
      { username: ADMIN, password: PASSWORD, email: ADMIN, lastName: 'Integration', viewAllData: true },
    ],
    ...seed,
  });
  return { emulator, orgId: seeded.orgId, users: seeded.users };
}

export function connection(emulator: SalesforceEmulator, version = '50.0'): Connection {
  return new Connection({ oauth2: { loginUrl: emulator.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: REDIRECT_URI }, version });
}

/** Username-password login, as `conn.login` does it with a connected app. */
export async function login(emulator: SalesforceEmulator, username: string, version = '50.0'): Promise<Connection> {
  const conn = connection(emulator, version);
  await conn.login(username, PASSWORD);
  return conn;
}

/** Web-server flow: the authorize redirect's code exchanged by jsforce, which then holds a refresh token. */
export async function loginWithCode(emulator: SalesforceEmulator, username: string, version = '50.0'): Promise<Connection> {
  const conn = connection(emulator, version);
  const url = `${conn.oauth2.getAuthorizationUrl({ state: 'xyz' })}&login_hint=${encodeURIComponent(username)}`;
  const res = await fetch(url, { redirect: 'manual' });
  const location = new URL(res.headers.get('location') ?? '');
  const code = location.searchParams.get('code');
  if (!code) throw new Error(`no code in redirect ${location.toString()}`);
  await conn.authorize(code);
  return conn;
}

export const isoMinutesAgo = (nowMs: number, minutes: number): string => new Date(nowMs - minutes * 60_000).toISOString();

/**
 * Registers beforeAll/afterAll that start an emulator with the contract org and log Alice in;
 * read `env.t` and `env.alice` inside tests.
 */
export function aliceOrg(): { t: TestOrg; alice: Connection } {
  const env = {} as { t: TestOrg; alice: Connection };
  beforeAll(async () => {
    env.t = await startOrg();
    env.alice = await login(env.t.emulator, ALICE);
  });
  afterAll(() => env.t.emulator.close());
  return env;
}

/**
 * Where the public-API contract tests run. With SALESFORCE_USERNAME set they run against the org
 * the SALESFORCE_* variables name (a real org, or an emulator process reached over HTTP) and use
 * nothing but Salesforce's public API; without it, against an emulator started in this process
 * with its demo org (connected app and Alice from demo-seed.ts).
 *
 * A real org holds data the tests must not touch: every record a test makes carries the run's tag
 * (in Subject, Name, LastName or FirstName, or the run id in SIA_Task_Id__c), tests assert only on
 * such records, and `contractOrg()` deletes them all after the file (to the recycle bin: the REST
 * API has no hard delete, Salesforce empties the bin after 15 days).
 */
import { randomBytes } from 'node:crypto';
import { Connection } from 'jsforce';
import { DEMO } from '../demo-seed';
import { startSalesforceEmulator } from '../index';

/** The API version the tests use unless SALESFORCE_API_VERSION says otherwise (the product's default). */
export const DEFAULT_API_VERSION = '62.0';

export interface OrgCredentials {
  loginUrl: string;
  username: string;
  /** The password with the security token appended, as the username-password flow wants it. */
  password: string;
  clientId: string;
  clientSecret: string;
  apiVersion: string;
}

const REQUIRED = ['SALESFORCE_LOGIN_URL', 'SALESFORCE_PASSWORD', 'SALESFORCE_CLIENT_ID', 'SALESFORCE_CLIENT_SECRET'] as const;

/** The org named by the environment, or undefined when SALESFORCE_USERNAME is not set. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): OrgCredentials | undefined {
  const username = env.SALESFORCE_USERNAME;
  if (!username) return undefined;
  const missing = REQUIRED.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new Error(`SALESFORCE_USERNAME is set, so the contract tests run against that org, but ${missing.join(', ')} must be set too`);
  }
  return {
    loginUrl: (env.SALESFORCE_LOGIN_URL as string).replace(/\/+$/, ''),
    username,
    password: `${env.SALESFORCE_PASSWORD as string}${env.SALESFORCE_SECURITY_TOKEN ?? ''}`,
    clientId: env.SALESFORCE_CLIENT_ID as string,
    clientSecret: env.SALESFORCE_CLIENT_SECRET as string,
    apiVersion: env.SALESFORCE_API_VERSION ?? DEFAULT_API_VERSION,
  };
}

export interface ContractTarget {
  creds: OrgCredentials;
  /** A jsforce connection to the org's connected app, not logged in. */
  connection(version?: string): Connection;
  /** Username-password login of the test user. */
  login(version?: string): Promise<Connection>;
  close(): Promise<void>;
}

/** The org from the environment, else an in-process emulator with its demo org. */
export async function openTarget(): Promise<ContractTarget> {
  let creds = credentialsFromEnv();
  let close = (): Promise<void> => Promise.resolve();
  if (!creds) {
    const emulator = await startSalesforceEmulator({ seedDemo: true });
    creds = {
      loginUrl: emulator.url,
      username: DEMO.users.alice,
      password: DEMO.password,
      clientId: DEMO.clientId,
      clientSecret: DEMO.clientSecret,
      apiVersion: DEFAULT_API_VERSION,
    };
    close = () => emulator.close();
  }
  const c = creds;
  const connection = (version = c.apiVersion): Connection =>
    new Connection({ oauth2: { loginUrl: c.loginUrl, clientId: c.clientId, clientSecret: c.clientSecret }, version });
  return {
    creds: c,
    connection,
    login: async (version) => {
      const conn = connection(version);
      await conn.login(c.username, c.password);
      return conn;
    },
    close,
  };
}

export interface ContractOrg {
  target: ContractTarget;
  /** Logged in as the test user at the target's API version. */
  conn: Connection;
  /** Unique to this file's run: letters and digits only. */
  run: string;
  /** `SIA contract <run>`: starts the Subject, Name or LastName of every record the file makes. */
  tag: string;
  /** `<tag> <text>`: a Subject or Name that marks the record as this run's. */
  label(text: string): string;
  /** `<run>-<text>`: an SIA_Task_Id__c value of this run. */
  extId(text: string): string;
}

/** An object and the condition that finds the run's records in it. */
export type Sweep = [sobject: string, where: string];

/** Where each kind of record carries the run's mark; afterAll deletes every live record that matches. */
const sweeps = (c: Pick<ContractOrg, 'tag' | 'run'>): Sweep[] => [
  ['Task', `Subject LIKE '${c.tag}%' OR SIA_Task_Id__c LIKE '${c.run}%'`],
  ['Opportunity', `Name LIKE '${c.tag}%'`],
  ['Lead', `FirstName LIKE '${c.tag}%' OR LastName LIKE '${c.tag}%'`],
  ['Contact', `LastName LIKE '${c.tag}%'`],
  ['Account', `Name LIKE '${c.tag}%'`],
];

async function liveIds(conn: Connection, sobject: string, where: string): Promise<string[]> {
  const res = await conn.query<{ Id: string }>(`SELECT Id FROM ${sobject} WHERE ${where}`, { autoFetch: true, maxFetch: 100_000 });
  return res.records.map((r) => r.Id);
}

/** Deletes every live record of this run (200 a call), then checks none is left; `first` runs before the standard sweeps. */
async function cleanUp(org: ContractOrg, first: readonly Sweep[]): Promise<void> {
  for (const [sobject, where] of [...first, ...sweeps(org)]) {
    const ids = await liveIds(org.conn, sobject, where);
    for (let i = 0; i < ids.length; i += 200) await org.conn.sobject(sobject).destroy(ids.slice(i, i + 200));
    const left = await liveIds(org.conn, sobject, where);
    if (left.length > 0) throw new Error(`clean-up left ${left.length} ${sobject} record(s) of run ${org.run}: ${left.join(', ')}`);
  }
}

/**
 * The precondition of every file: Task has SIA_Task_Id__c as a unique External ID text field of
 * 64 characters (the sweep looks records up by it).
 */
async function checkPreconditions(conn: Connection): Promise<void> {
  const field = (await conn.sobject('Task').describe()).fields.find((f) => f.name === 'SIA_Task_Id__c');
  if (!field?.externalId || !field.unique || field.type !== 'string' || field.length !== 64) {
    throw new Error('Precondition: the org needs the custom field SIA_Task_Id__c on Task (Text(64), External ID, Unique, case-insensitive); see README.md');
  }
}

/**
 * Registers beforeAll/afterAll: opens the target, logs the test user in, checks the org's
 * preconditions, and after the file deletes every record the run made. Read the fields inside tests.
 * A file that makes other kinds of records names where they carry the mark (`sweeps`, from the
 * run's tag), swept first.
 */
export function contractOrg(opts: { sweeps?: (tag: string) => Sweep[] } = {}): ContractOrg {
  const run = `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  const tag = `SIA contract ${run}`;
  const org = { run, tag, label: (text: string) => `${tag} ${text}`, extId: (text: string) => `${run}-${text}` } as ContractOrg;
  let opened: ContractTarget | undefined;
  let loggedIn = false;
  beforeAll(async () => {
    opened = await openTarget();
    org.target = opened;
    org.conn = await opened.login();
    loggedIn = true;
    await checkPreconditions(org.conn);
  });
  afterAll(async () => {
    try {
      if (loggedIn) await cleanUp(org, opts.sweeps?.(tag) ?? []);
    } finally {
      await opened?.close();
    }
  });
  return org;
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(p: PromiseLike<unknown>): Promise<Error & { errorCode?: string; data?: unknown; name: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { errorCode?: string; data?: unknown };
  }
  throw new Error('expected the call to fail, it succeeded');
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

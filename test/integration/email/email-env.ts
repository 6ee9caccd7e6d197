import jsforce from 'jsforce';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmailActivities } from '../../../activities/email';
import type { EmailOutcome } from '../../../contract/email';
import type { emailLog } from '../../../workflows/email-log';
import { SalesforceConnections } from '../../../activities/salesforce/connections';
import { handOverEmail, type HandOverDirection, type HandOverResult } from '../../../client/email-handover';
import type { SalesforceAppConfig } from '../../../config/salesforce';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../../dev/salesforce-emulator';
import { getEmail, openStore, saveSyncSettings, setSalesforceConnection, upsertUser, type Email, type Store } from '../../../store';
import type { SyncSettingsInput } from '../../../sync/settings';
import { startTestTemporal, type TestTemporal } from '../../support/temporal';

/**
 * Everything the email logging tests run against, all real: a Temporal dev server worker with
 * the email activities, a SQLite store in a temp dir, and the Salesforce emulator with its
 * Email to Salesforce SMTP listener. One Salesforce org; each test connects a fresh SIA user.
 */

export const rep = { username: 'rep@sia-sales.test', e2s: 'emailtosalesforce@rep.x7k2p9.sia-sales.le.salesforce.com' };
export const noApiRep = 'noapi@sia-sales.test';
const app = { clientId: 'sia-email-tests', clientSecret: 'sia-email-secret', redirectUri: 'http://localhost/oauth/callback' };

/** The org's people and deals, by name. */
export interface OrgRecords {
  ann: string;
  ben: string;
  lee: string;
  patContact: string;
  patLead: string;
  dupOld: string;
  dupMid: string;
  dupNew: string;
  dealOpen: string;
  dealOpen2: string;
  dealClosed: string;
}

export interface EmailTestEnv {
  t: TestTemporal;
  store: Store;
  sf: SalesforceEmulator;
  orgId: string;
  sfUsers: Record<string, string>;
  records: OrgRecords;
  /** A SIA user connected to `username` in Salesforce, with these email logging settings. */
  newUser(emailLogging: SyncSettingsInput['emailLogging'], username?: string): Promise<string>;
  handOver(userId: string, raw: Buffer, direction?: HandOverDirection): Promise<HandOverResult>;
  /** Hands over and waits for the workflow's outcome; answers the stored email too. */
  log(userId: string, raw: Buffer, direction?: HandOverDirection): Promise<{ handOver: HandOverResult; outcome: EmailOutcome; email: Email }>;
  /** Tasks in the org (any owner) whose Subject contains `text`. */
  tasks(text: string): Promise<Array<Record<string, unknown>>>;
  stop(): Promise<void>;
}

export async function startEmailTestEnv(): Promise<EmailTestEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'sia-email-'));
  const store = await openStore(`sqlite:${join(dir, 'store.db')}`);
  const sf = await startSalesforceEmulator({ port: 0, smtpPort: 0 });
  const { orgId, users: sfUsers, records } = await seedOrg(sf);
  const secretKey = randomBytes(32);
  const salesforceApp: SalesforceAppConfig = { loginUrl: sf.url, ...app, apiVersion: '62.0' };
  const connections = new SalesforceConnections(store, secretKey, salesforceApp);
  const activities = createEmailActivities({ store, connections, smtp: { host: '127.0.0.1', port: sf.smtpPort as number, ignoreTLS: true } });
  const t = await startTestTemporal(activities);
  const temporal = { client: t.client, taskQueue: t.config.taskQueue };

  const env: EmailTestEnv = {
    t,
    store,
    sf,
    orgId,
    sfUsers,
    records,
    async newUser(emailLogging, username = rep.username) {
      const userId = `user-${randomUUID()}`;
      await upsertUser(store.db, { id: userId, email: username });
      await connect(sf, store, secretKey, userId, username);
      await saveSyncSettings(store.db, userId, { emailLogging });
      return userId;
    },
    handOver: (userId, raw, direction) => handOverEmail(temporal, store, { userId, raw, direction }),
    async log(userId, raw, direction) {
      const handOver = await env.handOver(userId, raw, direction);
      const outcome = await t.client.workflow.getHandle<typeof emailLog>(handOver.workflowId).result();
      const email = await getEmail(store.db, handOver.emailId);
      if (!email) throw new Error(`email ${handOver.emailId} vanished`);
      return { handOver, outcome, email };
    },
    async tasks(text) {
      return (await sf.control.records(orgId, 'Task')).filter((r) => typeof r.Subject === 'string' && r.Subject.includes(text));
    },
    async stop() {
      await t.stop();
      await sf.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return env;
}

/** The web-server OAuth flow (the emulator approves `login_hint` at once); the refresh token is stored sealed. */
async function connect(sf: SalesforceEmulator, store: Store, secretKey: Buffer, userId: string, username: string): Promise<void> {
  const conn = new jsforce.Connection({ oauth2: { loginUrl: sf.url, ...app }, version: '62.0' });
  const redirect = await fetch(`${conn.oauth2.getAuthorizationUrl({})}&login_hint=${encodeURIComponent(username)}`, { redirect: 'manual' });
  const code = new URL(redirect.headers.get('location') ?? 'http://invalid').searchParams.get('code');
  if (!code) throw new Error(`authorize gave no code for ${username} (HTTP ${redirect.status})`);
  const identity = await conn.authorize(code);
  if (!conn.refreshToken) throw new Error('the code exchange gave no refresh token');
  await setSalesforceConnection(store.db, secretKey, userId, { instanceUrl: conn.instanceUrl, sfUserId: identity.id, orgId: identity.organizationId, username, refreshToken: conn.refreshToken });
}

async function seedOrg(sf: SalesforceEmulator): Promise<{ orgId: string; users: Record<string, string>; records: OrgRecords }> {
  const { orgId, users } = await sf.control.seedOrg({
    name: 'Email Logging Org',
    edition: 'Enterprise',
    auditFieldsOnCreate: true,
    connectedApps: [{ clientId: app.clientId, clientSecret: app.clientSecret, callbackUrls: [app.redirectUri] }],
    users: [
      { username: rep.username, password: 'pw', email: rep.username, lastName: 'Rep', emailToSalesforceAddress: rep.e2s, acceptableEmailAddresses: [rep.username] },
      { username: noApiRep, password: 'pw', email: noApiRep, lastName: 'NoApi', apiEnabled: false },
    ],
  });
  const owner = rep.username;
  const seed = (sobject: string, fields: Record<string, unknown>) => ({ sobject, fields, owner });
  const [acme] = await sf.control.seedRecords(orgId, [seed('Account', { Name: 'Acme' })]);
  const [ann, ben, patContact, dupOld, dupMid, dupNew] = await sf.control.seedRecords(orgId, [
    seed('Contact', { FirstName: 'Ann', LastName: 'Archer', Email: 'Ann@Acme.test', AccountId: acme }),
    seed('Contact', { FirstName: 'Ben', LastName: 'Baker', Email: 'ben@acme.test', AccountId: acme }),
    seed('Contact', { FirstName: 'Pat', LastName: 'Both', Email: 'pat@both.test' }),
    seed('Contact', { LastName: 'Old', Email: 'dup@multi.test', CreatedDate: '2024-01-10T10:00:00.000+0000' }),
    seed('Contact', { LastName: 'Mid', Email: 'dup@multi.test', CreatedDate: '2024-06-01T10:00:00.000+0000' }),
    seed('Contact', { LastName: 'New', Email: 'dup@multi.test', CreatedDate: '2025-09-01T10:00:00.000+0000' }),
  ]);
  const [lee, patLead] = await sf.control.seedRecords(orgId, [
    seed('Lead', { FirstName: 'Lee', LastName: 'Lead', Company: 'Leads Inc', Email: 'lee@leads.test' }),
    seed('Lead', { FirstName: 'Pat', LastName: 'Both', Company: 'Both Ltd', Email: 'pat@both.test' }),
    seed('Lead', { LastName: 'Converted', Company: 'Gone', Email: 'conv@leads.test', IsConverted: true }),
  ]);
  const [dealOpen, dealOpen2, dealClosed] = await sf.control.seedRecords(orgId, [
    seed('Opportunity', { Name: 'Acme renewal', StageName: 'Prospecting', CloseDate: '2026-12-31', AccountId: acme }),
    seed('Opportunity', { Name: 'Acme expansion', StageName: 'Qualification', CloseDate: '2026-12-31', AccountId: acme }),
    seed('Opportunity', { Name: 'Acme pilot', StageName: 'Closed Won', CloseDate: '2025-06-30', AccountId: acme }),
  ]);
  await sf.control.seedRecords(orgId, [
    seed('OpportunityContactRole', { OpportunityId: dealOpen, ContactId: ann, Role: 'Decision Maker' }),
    seed('OpportunityContactRole', { OpportunityId: dealClosed, ContactId: ann, Role: 'Evaluator' }),
    seed('OpportunityContactRole', { OpportunityId: dealOpen, ContactId: ben, Role: 'Influencer' }),
    seed('OpportunityContactRole', { OpportunityId: dealOpen2, ContactId: ben, Role: 'Technical Buyer' }),
    // Mid has the latest activity of the three duplicates, New the latest creation.
    seed('Task', { Subject: 'Call Mid', WhoId: dupMid, Status: 'Completed', ActivityDate: '2026-02-01' }),
    seed('Task', { Subject: 'Call New', WhoId: dupNew, Status: 'Completed', ActivityDate: '2025-10-01' }),
    seed('Task', { Subject: 'Call Old later', WhoId: dupOld, Status: 'Not Started', ActivityDate: '2026-05-01' }),
  ]);
  const ids = { ann, ben, lee, patContact, patLead, dupOld, dupMid, dupNew, dealOpen, dealOpen2, dealClosed };
  for (const [name, id] of Object.entries(ids)) if (!id) throw new Error(`seeding gave no id for ${name}`);
  return { orgId, users, records: ids as OrgRecords };
}

/** A sent email; `tag` goes into the subject and Message-ID so a test finds its own Tasks. */
export function sentEmail(tag: string, opts: { to?: string; cc?: string; from?: string; fromName?: string; subject?: string; body?: string; date?: string; headers?: string } = {}): Buffer {
  const lines = [
    `From: ${opts.fromName ?? 'Rita Rep'} <${opts.from ?? rep.username}>`,
    `To: ${opts.to ?? 'Ann Archer <ann@acme.test>'}`,
    ...(opts.cc ? [`Cc: ${opts.cc}`] : []),
    `Subject: ${opts.subject ?? `Proposal ${tag}`}`,
    `Date: ${opts.date ?? 'Tue, 10 Mar 2026 23:30:00 +0100'}`,
    `Message-ID: <${tag}@mail.sia-sales.test>`,
    ...(opts.headers ? [opts.headers] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    opts.body ?? `Hi,\r\n\r\nThe proposal ${tag} is attached.\r\n\r\nRita`,
  ];
  return Buffer.from(lines.join('\r\n'));
}

export function fixture(name: string): Buffer {
  return readFileSync(join(__dirname, '..', '..', 'fixtures', 'emails', name));
}

export const tag = (): string => `t${randomUUID().slice(0, 8)}`;

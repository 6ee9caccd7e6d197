import nodemailer from 'nodemailer';
import { Clock } from '../clock';
import type { EmailToSalesforceMultipleMatch } from '../org-model';
import { OrgStore } from '../org-store';
import type { RecordSeed } from '../seed-schema';
import { startEmailToSalesforce, type EmailToSalesforceServer } from './index';

const E2S = 'emailtosalesforce@1a2b3c4d.in.salesforce.com';
const SENDER = 'rep@seller.example';
const SENT = new Date('2024-03-05T23:30:00Z');

let store: OrgStore;
let server: EmailToSalesforceServer;
let orgId: string;
let repId: string;
let ids: string[];

interface Setup {
  multipleMatch?: EmailToSalesforceMultipleMatch;
  active?: boolean;
  records?: RecordSeed[];
}

async function setup(opts: Setup = {}): Promise<void> {
  store = new OrgStore(new Clock());
  const seeded = store.seedOrg({
    emailToSalesforce: { active: opts.active ?? true, multipleMatch: opts.multipleMatch ?? 'all' },
    users: [
      { username: 'rep@org.example', password: 'pw', email: 'rep@org.example', emailToSalesforceAddress: E2S, acceptableEmailAddresses: [SENDER, 'rep@org.example'] },
      { username: 'other@org.example', password: 'pw', email: 'other@org.example', emailToSalesforceAddress: 'other@9z8y.in.salesforce.com' },
    ],
    records: opts.records ?? [],
  });
  orgId = seeded.orgId;
  repId = seeded.users['rep@org.example'] as string;
  ids = seeded.recordIds;
  server = await startEmailToSalesforce({ port: 0, host: '127.0.0.1', store });
}

afterEach(async () => {
  await server?.close();
});

const contact = (email: string, last: string, created = '2023-01-01T00:00:00.000Z'): RecordSeed => ({ sobject: 'Contact', fields: { LastName: last, Email: email, CreatedDate: created } });
const lead = (email: string, last: string, created = '2023-01-01T00:00:00.000Z'): RecordSeed => ({ sobject: 'Lead', fields: { LastName: last, Company: 'Acme', Email: email, CreatedDate: created } });

interface Mail {
  from?: string;
  to?: string | string[];
  cc?: string | string[];
  bcc?: string | string[];
  subject?: string;
  text?: string;
  /** SMTP envelope; default: only the Email to Salesforce address, as the sender's MTA routes a Bcc. */
  envelope?: { from: string; to: string[] } | null;
}

async function send(mail: Mail) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.port, secure: false, ignoreTLS: true });
  try {
    const envelope = mail.envelope === null ? undefined : (mail.envelope ?? { from: mail.from ?? SENDER, to: [E2S] });
    return await transport.sendMail({
      from: mail.from ?? SENDER,
      to: mail.to,
      cc: mail.cc,
      bcc: mail.bcc ?? E2S,
      subject: mail.subject ?? 'Quarterly review',
      text: mail.text ?? 'Hi, see you Tuesday.',
      date: SENT,
      ...(envelope ? { envelope } : {}),
    });
  } finally {
    transport.close();
  }
}

async function sendRefused(mail: Mail): Promise<{ responseCode?: number; response?: string }> {
  try {
    await send(mail);
  } catch (e) {
    return e as { responseCode?: number; response?: string };
  }
  throw new Error('expected the mail to be refused');
}

const tasks = () => store.queryRecords(orgId, 'Task', () => true);
const whoIds = () => tasks().map((t) => t.WhoId).sort();

describe('Email to Salesforce over SMTP', () => {
  it('logs a completed email Task on each Contact and Lead in To and Cc, never on a Bcc', async () => {
    await setup({ records: [contact('ann@buyer.example', 'Ann'), lead('LEE@buyer.example', 'Lee'), contact('bob@buyer.example', 'Bob'), contact('nobody@else.example', 'Zed')] });
    const [ann, lee, bob] = ids as [string, string, string];
    await send({ to: 'Ann <ann@buyer.example>', cc: ['lee@buyer.example'], bcc: [E2S, 'bob@buyer.example'], subject: 'Quarterly review', text: 'Hi, see you Tuesday.' });

    expect(whoIds()).toEqual([ann, lee].sort());
    expect(whoIds()).not.toContain(bob);
    const task = tasks().find((t) => t.WhoId === ann) as Record<string, unknown>;
    expect(task).toMatchObject({
      Subject: 'Email: Quarterly review',
      Type: 'Email',
      Status: 'Completed',
      IsClosed: true,
      Priority: 'Normal',
      ActivityDate: '2024-03-05',
      OwnerId: repId,
      WhatId: null,
    });
    expect(task.Description).toBe(
      ['Additional To: ann@buyer.example', 'CC: lee@buyer.example', 'BCC: ', 'Attachment: ', '', 'Subject: Quarterly review', 'Body:', 'Hi, see you Tuesday.\n'].join('\n'),
    );

    const [entry] = server.inbox();
    expect(entry).toMatchObject({
      outcome: 'accepted',
      recipient: E2S,
      userId: repId,
      envelope: { mailFrom: SENDER, rcptTo: [E2S] },
      from: SENDER,
      subject: 'Quarterly review',
      to: ['ann@buyer.example'],
      cc: ['lee@buyer.example'],
      considered: ['ann@buyer.example', 'lee@buyer.example'],
      unresolved: false,
    });
    expect(entry?.tasks.map((t) => t.id).sort()).toEqual(tasks().map((t) => t.Id).sort());
  });

  it('looks up only the first 50 unique To and Cc addresses', async () => {
    const to = Array.from({ length: 40 }, (_, i) => `p${i}@buyer.example`);
    // Repeats do not count: the 50th unique address is c9, the 51st is c10.
    const cc = ['P0@buyer.example', ...Array.from({ length: 15 }, (_, i) => `c${i}@buyer.example`)];
    await setup({ records: [contact('c9@buyer.example', 'Fiftieth'), contact('c10@buyer.example', 'FiftyFirst'), lead('p0@buyer.example', 'First')] });
    const [fiftieth, , first] = ids as [string, string, string];
    await send({ to, cc });

    expect(whoIds()).toEqual([fiftieth, first].sort());
    const [entry] = server.inbox();
    expect(entry?.considered).toHaveLength(50);
    expect(entry?.ignored).toEqual(['c10@buyer.example', 'c11@buyer.example', 'c12@buyer.example', 'c13@buyer.example', 'c14@buyer.example']);
  });

  describe('an address that matches several records', () => {
    const records = [
      contact('dup@buyer.example', 'Newer', '2023-06-01T00:00:00.000Z'),
      contact('dup@buyer.example', 'Oldest', '2022-01-01T00:00:00.000Z'),
      lead('dup@buyer.example', 'Busy', '2023-03-01T00:00:00.000Z'),
    ];
    it('all: logs on every match', async () => {
      await setup({ multipleMatch: 'all', records });
      await send({ to: 'dup@buyer.example' });
      expect(whoIds()).toEqual([...ids].sort());
    });

    it('oldest: logs on the oldest record only', async () => {
      await setup({ multipleMatch: 'oldest', records });
      await send({ to: 'dup@buyer.example' });
      expect(whoIds()).toEqual([ids[1]]);
    });

    it('most activity: logs on the record with the most activities', async () => {
      await setup({ multipleMatch: 'mostActivity', records });
      const busyLead = ids[2] as string;
      const newer = ids[0] as string;
      // Two earlier activities on the lead, one on the newer contact, none on the oldest.
      store.createRecord(orgId, repId, 'Task', { Subject: 'Call', WhoId: busyLead });
      store.createRecord(orgId, repId, 'Task', { Subject: 'Call again', WhoId: busyLead });
      store.createRecord(orgId, repId, 'Task', { Subject: 'Call', WhoId: newer });
      await send({ to: 'dup@buyer.example' });
      const logged = tasks().filter((t) => t.Subject === 'Email: Quarterly review');
      expect(logged.map((t) => t.WhoId)).toEqual([busyLead]);
    });

    it('most activity with no activity anywhere: the oldest wins the tie', async () => {
      await setup({ multipleMatch: 'mostActivity', records });
      await send({ to: 'dup@buyer.example' });
      expect(whoIds()).toEqual([ids[1]]);
    });
  });

  it('also logs on each open opportunity where a matched contact has a contact role', async () => {
    await setup({
      records: [
        contact('ann@buyer.example', 'Ann'),
        contact('cid@buyer.example', 'Cid'),
        { sobject: 'Opportunity', fields: { Name: 'Open one', StageName: 'Prospecting', CloseDate: '2024-06-30', CreatedDate: '2023-01-01T00:00:00.000Z' } },
        { sobject: 'Opportunity', fields: { Name: 'Open two', StageName: 'Qualification', CloseDate: '2024-06-30', CreatedDate: '2023-02-01T00:00:00.000Z' } },
        { sobject: 'Opportunity', fields: { Name: 'Lost', StageName: 'Closed Lost', CloseDate: '2023-06-30' } },
        { sobject: 'Opportunity', fields: { Name: 'No role', StageName: 'Prospecting', CloseDate: '2024-06-30' } },
      ],
    });
    const [ann, cid, open1, open2, lost] = ids as [string, string, string, string, string];
    store.seedRecords(orgId, [
      { sobject: 'OpportunityContactRole', fields: { OpportunityId: open1, ContactId: ann, Role: 'Decision Maker' } },
      { sobject: 'OpportunityContactRole', fields: { OpportunityId: open2, ContactId: ann, Role: 'Evaluator' } },
      { sobject: 'OpportunityContactRole', fields: { OpportunityId: lost, ContactId: ann } },
      { sobject: 'OpportunityContactRole', fields: { OpportunityId: open1, ContactId: cid } },
    ]);
    await send({ to: ['ann@buyer.example', 'cid@buyer.example'] });

    const links = tasks().map((t) => [t.WhoId, t.WhatId]);
    // Each open opportunity once; Cid's only opportunity is already logged, so Cid's Task has none.
    expect(links).toEqual([
      [ann, open1],
      [ann, open2],
      [cid, null],
    ]);
    expect(tasks().every((t) => t.Status === 'Completed')).toBe(true);
  });

  it('with no match, leaves an open Task in My Unresolved Items', async () => {
    await setup({ records: [contact('ann@buyer.example', 'Ann')] });
    await send({ to: 'stranger@nowhere.example' });
    expect(tasks()).toHaveLength(1);
    expect(tasks()[0]).toMatchObject({ Subject: 'Email: Quarterly review', Status: 'Not Started', IsClosed: false, WhoId: null, WhatId: null, OwnerId: repId, Type: 'Email' });
    expect(server.inbox()[0]).toMatchObject({ outcome: 'accepted', unresolved: true });
  });

  it('refuses a sender that is not one of My Acceptable Email Addresses', async () => {
    await setup({ records: [contact('ann@buyer.example', 'Ann')] });
    const err = await sendRefused({ from: 'intruder@evil.example', to: 'ann@buyer.example' });
    expect(err.responseCode).toBe(550);
    expect(err.response).toContain('not one of My Acceptable Email Addresses');
    expect(tasks()).toEqual([]);
    expect(server.inbox()).toEqual([
      expect.objectContaining({ outcome: 'refused', recipient: E2S, userId: repId, smtpCode: 550, envelope: { mailFrom: 'intruder@evil.example', rcptTo: [E2S] } }),
    ]);
  });

  it('refuses a From header that is not acceptable even when the envelope sender is', async () => {
    await setup({ records: [contact('ann@buyer.example', 'Ann')] });
    const err = await sendRefused({ from: 'intruder@evil.example', to: 'ann@buyer.example', envelope: { from: SENDER, to: [E2S] } });
    expect(err.responseCode).toBe(550);
    expect(tasks()).toEqual([]);
    expect(server.inbox()[0]).toMatchObject({ outcome: 'refused', from: 'intruder@evil.example' });
  });

  it('refuses an unknown Email to Salesforce address', async () => {
    await setup();
    const err = await sendRefused({ to: 'ann@buyer.example', bcc: 'nobody@0000.in.salesforce.com', envelope: { from: SENDER, to: ['nobody@0000.in.salesforce.com'] } });
    expect(err.responseCode).toBe(550);
    expect(err.response).toContain('no such Email to Salesforce address');
    expect(server.inbox()[0]).toMatchObject({ outcome: 'refused', recipient: 'nobody@0000.in.salesforce.com', userId: null });
  });

  it('refuses every address while the org has Email to Salesforce switched off', async () => {
    await setup({ active: false, records: [contact('ann@buyer.example', 'Ann')] });
    const err = await sendRefused({ to: 'ann@buyer.example' });
    expect(err.responseCode).toBe(550);
    expect(tasks()).toEqual([]);
  });

  it('logs once for its own address when the mail also went to other recipients', async () => {
    await setup({ records: [contact('ann@buyer.example', 'Ann')] });
    // No explicit envelope: nodemailer offers every recipient to this one server.
    const info = await send({ to: 'ann@buyer.example', envelope: null });
    expect(info.accepted).toEqual([E2S]);
    expect(info.rejected).toEqual(['ann@buyer.example']);
    expect(whoIds()).toEqual([ids[0]]);
    expect(server.inbox().map((e) => e.outcome)).toEqual(['refused', 'accepted']);
  });

  it('takes the mail but records a failure when the org refuses the Task', async () => {
    await setup({ records: [contact('ann@buyer.example', 'Ann')] });
    store.installValidationRule(orgId, {
      sobject: 'Task',
      name: 'No_Email_Tasks',
      condition: { field: 'Type', op: 'equals', value: 'Email' },
      message: 'Email tasks are logged elsewhere',
    });
    const info = await send({ to: 'ann@buyer.example' });
    expect(info.accepted).toEqual([E2S]);
    expect(tasks()).toEqual([]);
    expect(server.inbox()[0]).toMatchObject({ outcome: 'failed', reason: 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Email tasks are logged elsewhere' });
  });
});

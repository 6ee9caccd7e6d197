/**
 * Emails logged as EmailMessage records (Enhanced Email), public API only: the objects'
 * describe, a sent and a received message, the Task Salesforce creates for each, the relations
 * to Contacts, Leads and the user, finding a message by its Message-ID, and what a logged
 * message refuses. Needs Enhanced Email on (Setup → Enhanced Email), as most orgs have it; every
 * record made carries the run's tag and is deleted after the file.
 */
import { contractOrg, rejection } from './target';

const org = contractOrg({
  sweeps: (tag) => [
    ['EmailMessage', `Subject LIKE '${tag}%'`],
    // The Tasks Salesforce created for them, if deleting the messages left any.
    ['Task', `TaskSubtype = 'Email' AND Subject LIKE '%${tag}%'`],
  ],
});

interface MessageRow {
  Id: string;
  ActivityId: string | null;
  Subject: string;
  Status: string;
  Incoming: boolean;
  MessageIdentifier: string | null;
  IsExternallyVisible: boolean;
  CreatedById: string;
}

interface TaskRow {
  Id: string;
  Subject: string;
  Type: string | null;
  TaskSubtype: string | null;
  Status: string;
  IsClosed: boolean;
  OwnerId: string;
  WhoId: string | null;
  WhatId: string | null;
}

interface RelationRow {
  EmailMessageId: string;
  RelationId: string | null;
  RelationAddress: string | null;
  RelationObjectType: string | null;
  RelationType: string;
}

const idOf = (res: unknown): string => (res as { id: string }).id;
const create = async (sobject: string, fields: Record<string, unknown>): Promise<string> => idOf(await org.conn.sobject(sobject).create(fields));
const messageId = (text: string): string => `<${org.run}.${text}@contract.sia-sales.test>`;

let contact: string;
let lead: string;
let deal: string;
let me: string;

beforeAll(async () => {
  me = org.conn.userInfo?.id as string;
  contact = await create('Contact', { LastName: org.label('Ann'), Email: `ann.${org.run}@contract.sia-sales.test` });
  lead = await create('Lead', { LastName: org.label('Lee'), Company: 'Contract Co', Email: `lee.${org.run}@contract.sia-sales.test` });
  deal = await create('Opportunity', { Name: org.label('Renewal'), StageName: 'Prospecting', CloseDate: '2030-12-31' });
});

const sent = (text: string, more: Record<string, unknown> = {}): Record<string, unknown> => ({
  Subject: org.label(text),
  Status: '3',
  MessageDate: '2026-03-10T22:30:00.000Z',
  FromAddress: 'rita@contract.sia-sales.test',
  FromName: 'Rita Rep',
  ToAddress: `ann.${org.run}@contract.sia-sales.test`,
  CcAddress: `lee.${org.run}@contract.sia-sales.test; someone@contract.sia-sales.test`,
  TextBody: 'Hi Ann,\nnumbers inside.',
  HtmlBody: '<p>Hi Ann,<br>numbers inside.</p>',
  MessageIdentifier: messageId(text),
  ...more,
});

const message = async (id: string): Promise<MessageRow> =>
  (await org.conn.query<MessageRow>(`SELECT Id, ActivityId, Subject, Status, Incoming, MessageIdentifier, IsExternallyVisible, CreatedById FROM EmailMessage WHERE Id = '${id}'`)).records[0] as MessageRow;
const task = async (id: string): Promise<TaskRow> =>
  (await org.conn.query<TaskRow>(`SELECT Id, Subject, Type, TaskSubtype, Status, IsClosed, OwnerId, WhoId, WhatId FROM Task WHERE Id = '${id}'`)).records[0] as TaskRow;
const relations = async (id: string): Promise<RelationRow[]> =>
  (await org.conn.query<RelationRow>(`SELECT EmailMessageId, RelationId, RelationAddress, RelationObjectType, RelationType FROM EmailMessageRelation WHERE EmailMessageId = '${id}' ORDER BY RelationType`)).records.map(
    ({ EmailMessageId, RelationId, RelationAddress, RelationObjectType, RelationType }) => ({ EmailMessageId, RelationId, RelationAddress, RelationObjectType, RelationType }),
  );

describe('describe', () => {
  it('EmailMessage: key prefix, the Status codes 0–5, Incoming set on create only, the lengths of subject, addresses, bodies and Message-ID', async () => {
    const d = await org.conn.sobject('EmailMessage').describe();
    expect(d.keyPrefix).toBe('02s');
    const field = (name: string) => d.fields.find((f) => f.name === name);
    const status = field('Status');
    expect((status?.picklistValues as Array<{ value: string; label: string }> | undefined)?.map((p) => [p.value, p.label])).toEqual([
      ['0', 'New'],
      ['1', 'Read'],
      ['2', 'Replied'],
      ['3', 'Sent'],
      ['4', 'Forwarded'],
      ['5', 'Draft'],
    ]);
    expect(status).toMatchObject({ restrictedPicklist: true, nillable: false });
    expect(field('Incoming')).toMatchObject({ type: 'boolean', createable: true, updateable: false });
    expect(field('Subject')).toMatchObject({ type: 'string', length: 3000 });
    for (const name of ['ToAddress', 'CcAddress', 'BccAddress']) expect(field(name)).toMatchObject({ type: 'string', length: 4000 });
    expect(field('FromAddress')).toMatchObject({ type: 'email', length: 1000 });
    expect(field('HtmlBody')).toMatchObject({ type: 'textarea', length: 131072 });
    expect(field('TextBody')).toMatchObject({ type: 'textarea', length: 131072 });
    expect(field('MessageIdentifier')).toMatchObject({ type: 'string', length: 255, filterable: true });
    expect(field('ActivityId')).toMatchObject({ type: 'reference', referenceTo: ['Task'] });
    expect(field('RelatedToId')?.referenceTo).toEqual(expect.arrayContaining(['Account', 'Opportunity']));
  });

  it('EmailMessageRelation: the relation types To, Cc, Bcc and From, and Contact, Lead or User', async () => {
    const d = await org.conn.sobject('EmailMessageRelation').describe();
    const field = (name: string) => d.fields.find((f) => f.name === name);
    const types = (field('RelationType')?.picklistValues as Array<{ value: string }> | undefined)?.map((p) => p.value);
    expect(types).toEqual(expect.arrayContaining(['ToAddress', 'CcAddress', 'BccAddress', 'FromAddress']));
    expect(field('RelationType')).toMatchObject({ restrictedPicklist: true, nillable: false });
    expect(field('RelationId')?.referenceTo).toEqual(expect.arrayContaining(['Contact', 'Lead', 'User']));
    expect(field('EmailMessageId')).toMatchObject({ nillable: false, updateable: false, referenceTo: ['EmailMessage'] });
    expect(field('RelationObjectType')).toMatchObject({ createable: false, updateable: false });
  });
});

describe('a logged email', () => {
  it('a sent message gets its Task from Salesforce: closed, subtype and type Email, owned by the user, on the related opportunity', async () => {
    const id = await create('EmailMessage', sent('Proposal', { RelatedToId: deal }));
    expect(id.startsWith('02s')).toBe(true);
    const row = await message(id);
    expect(row).toMatchObject({ Subject: org.label('Proposal'), Status: '3', Incoming: false, MessageIdentifier: messageId('Proposal'), CreatedById: me });
    expect(row.ActivityId).toMatch(/^00T/);
    expect(await task(row.ActivityId as string)).toMatchObject({
      Subject: `Email: ${org.label('Proposal')}`,
      Type: 'Email',
      TaskSubtype: 'Email',
      Status: 'Completed',
      IsClosed: true,
      OwnerId: me,
      WhatId: deal,
    });
  });

  it('is found again by its Message-ID and creator', async () => {
    const id = await create('EmailMessage', sent('Find me'));
    const found = await org.conn.query<{ Id: string }>(`SELECT Id FROM EmailMessage WHERE MessageIdentifier = '${messageId('Find me')}' AND CreatedById = '${me}'`);
    expect(found.records.map((r) => r.Id)).toEqual([id]);
  });

  it('relates to contacts, leads and the user; an address left out is the record\'s own; the first contact becomes the Task\'s Name', async () => {
    const id = await create('EmailMessage', sent('Relations'));
    await create('EmailMessageRelation', { EmailMessageId: id, RelationId: contact, RelationAddress: `ann.${org.run}@contract.sia-sales.test`, RelationType: 'ToAddress' });
    await create('EmailMessageRelation', { EmailMessageId: id, RelationId: lead, RelationType: 'CcAddress' });
    await create('EmailMessageRelation', { EmailMessageId: id, RelationId: me, RelationAddress: 'rita@contract.sia-sales.test', RelationType: 'FromAddress' });
    expect(await relations(id)).toEqual([
      { EmailMessageId: id, RelationId: lead, RelationAddress: `lee.${org.run}@contract.sia-sales.test`, RelationObjectType: 'Lead', RelationType: 'CcAddress' },
      { EmailMessageId: id, RelationId: me, RelationAddress: 'rita@contract.sia-sales.test', RelationObjectType: 'User', RelationType: 'FromAddress' },
      { EmailMessageId: id, RelationId: contact, RelationAddress: `ann.${org.run}@contract.sia-sales.test`, RelationObjectType: 'Contact', RelationType: 'ToAddress' },
    ]);
    expect((await task((await message(id)).ActivityId as string)).WhoId).toBe(contact);
  });

  it('a received message is Incoming, from the contact', async () => {
    const id = await create('EmailMessage', sent('Reply', { Incoming: true, Status: '1', FromAddress: `ann.${org.run}@contract.sia-sales.test`, FromName: 'Ann' }));
    await create('EmailMessageRelation', { EmailMessageId: id, RelationId: contact, RelationType: 'FromAddress' });
    expect(await message(id)).toMatchObject({ Incoming: true, Status: '1' });
    expect(await relations(id)).toEqual([expect.objectContaining({ RelationId: contact, RelationObjectType: 'Contact', RelationType: 'FromAddress' })]);
    const activity = await task((await message(id)).ActivityId as string);
    expect(activity).toMatchObject({ TaskSubtype: 'Email', IsClosed: true, WhoId: contact });
  });
});

describe('what a logged email refuses', () => {
  it('a Status that is not one of the codes; a relation type that is not one of the four', async () => {
    const status = await rejection(org.conn.sobject('EmailMessage').create(sent('Bad status', { Status: 'Sent' })));
    expect(status.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    const id = await create('EmailMessage', sent('Bad relation'));
    const type = await rejection(org.conn.sobject('EmailMessageRelation').create({ EmailMessageId: id, RelationId: contact, RelationType: 'ReplyTo' }));
    expect(type.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  });

  it('an ActivityId: Salesforce makes the Task itself', async () => {
    const other = await create('EmailMessage', sent('First'));
    const err = await rejection(org.conn.sobject('EmailMessage').create(sent('Second', { ActivityId: (await message(other)).ActivityId })));
    expect(err.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
  });

  it('a change to a message that is not a draft, but its external visibility', async () => {
    const id = await create('EmailMessage', sent('Settled'));
    const err = await rejection(org.conn.sobject('EmailMessage').update({ Id: id, Subject: org.label('Rewritten') }));
    expect(err.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
    await expect(org.conn.sobject('EmailMessage').update({ Id: id, IsExternallyVisible: false })).resolves.toMatchObject({ success: true });
    expect(await message(id)).toMatchObject({ Subject: org.label('Settled'), IsExternallyVisible: false });
  });

  it('deleting the message takes its relations with it', async () => {
    const id = await create('EmailMessage', sent('Gone'));
    await create('EmailMessageRelation', { EmailMessageId: id, RelationId: contact, RelationType: 'ToAddress' });
    await org.conn.sobject('EmailMessage').destroy(id);
    expect(await relations(id)).toEqual([]);
  });
});

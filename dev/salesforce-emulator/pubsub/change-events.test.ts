/**
 * Every Task write, whatever made it, becomes a change event with the header and field values
 * Change Data Capture sends: REST create, update, delete and upsert, sObject Collections,
 * cascade deletes and Email to Salesforce.
 */
import type { Connection } from 'jsforce';
import nodemailer from 'nodemailer';
import type PubSubApiClient from 'salesforce-pubsub-api-client';
import { endSubscriptions, login, pubSubClient, rawClient, authMetadata, Received, startPubSubOrg, streamOpen, SYNC, ALICE, TOPIC, type ChangeEvent, type PubSubOrg, type RawFetchResponse } from './test-support';

let t: PubSubOrg;
let sync: Connection;
let client: PubSubApiClient;
let got: Received;

beforeAll(async () => {
  t = await startPubSubOrg();
  sync = await login(t.sf, SYNC, { version: '62.0', client: 'sia-sync' });
  client = pubSubClient(t.sf, { accessToken: sync.accessToken as string });
  await client.connect();
  got = new Received();
  client.subscribe(TOPIC, got.callback, null);
  await streamOpen(t.sf);
});
afterAll(async () => {
  await endSubscriptions(t.sf, client, [got]);
  await t.sf.close();
});

/** The events that arrive after `action`, once `count` of them have. */
async function eventsOf(count: number, action: () => Promise<unknown>): Promise<ChangeEvent[]> {
  const from = got.events.length;
  await action();
  await got.eventsCount(from + count);
  // Nothing more than expected arrives.
  await new Promise((r) => setTimeout(r, 150));
  expect(got.events.length).toBe(from + count);
  return got.events.slice(from);
}

const header = (e: ChangeEvent | undefined): ChangeEvent['payload']['ChangeEventHeader'] => (e as ChangeEvent).payload.ChangeEventHeader;
const epochMs = (sfDateTime: unknown): number => Date.parse(String(sfDateTime).replace('+0000', 'Z'));

describe('REST writes', () => {
  let taskId: string;

  it('create: CREATE with every field the record has, no changed fields, the REST change origin with the client id', async () => {
    const [e] = await eventsOf(1, async () => {
      taskId = ((await sync.sobject('Task').create({ Subject: 'Call Ada', ActivityDate: '2024-05-02', Priority: 'High', SIA_Task_Id__c: 'sia-1' })) as { id: string }).id;
    });
    const stored = (await t.sf.control.records(t.orgId, 'Task')).find((r) => r.Id === taskId) as Record<string, unknown>;
    expect(header(e)).toMatchObject({
      entityName: 'Task',
      recordIds: [taskId],
      changeType: 'CREATE',
      changeOrigin: 'com/salesforce/api/rest/62.0;client=sia-sync',
      sequenceNumber: 1,
      commitUser: t.users[SYNC],
      changedFields: [],
      nulledFields: [],
      diffFields: [],
    });
    expect(header(e).transactionKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof header(e).commitNumber).toBe('number');
    expect(Math.abs((header(e).commitTimestamp as number) - epochMs(stored.CreatedDate))).toBeLessThan(2000);
    expect((e as ChangeEvent).payload).toMatchObject({
      Subject: 'Call Ada',
      ActivityDate: Date.UTC(2024, 4, 2) / 86_400_000,
      Priority: 'High',
      IsHighPriority: true,
      Status: 'Not Started',
      IsClosed: false,
      OwnerId: t.users[SYNC],
      CreatedById: t.users[SYNC],
      CreatedDate: epochMs(stored.CreatedDate),
      LastModifiedDate: epochMs(stored.LastModifiedDate),
      SIA_Task_Id__c: 'sia-1',
      WhoId: null,
      Description: null,
    });
    expect((e as ChangeEvent).payload).not.toHaveProperty('Id');
  });

  it('update: UPDATE with the changed fields (LastModifiedDate among them), nulls for the unchanged ones', async () => {
    const [e] = await eventsOf(1, () => sync.sobject('Task').update({ Id: taskId, Status: 'Completed', Description: 'Done' }));
    expect(header(e)).toMatchObject({ changeType: 'UPDATE', recordIds: [taskId], nulledFields: [] });
    expect(header(e).changedFields.sort()).toEqual(['CompletedDateTime', 'Description', 'IsClosed', 'LastModifiedDate', 'Status'].sort());
    const stored = (await t.sf.control.records(t.orgId, 'Task')).find((r) => r.Id === taskId) as Record<string, unknown>;
    expect((e as ChangeEvent).payload).toMatchObject({
      Status: 'Completed',
      IsClosed: true,
      Description: 'Done',
      CompletedDateTime: epochMs(stored.CompletedDateTime),
      LastModifiedDate: epochMs(stored.LastModifiedDate),
      Subject: null,
      Priority: null,
      OwnerId: null,
      CreatedDate: null,
      LastModifiedById: null,
    });
  });

  it('update to null: the field is in nulledFields and changedFields, its value null', async () => {
    const [e] = await eventsOf(1, () => sync.sobject('Task').update({ Id: taskId, Description: null }));
    expect(header(e).nulledFields).toEqual(['Description']);
    expect(header(e).changedFields.sort()).toEqual(['Description', 'LastModifiedDate']);
    expect((e as ChangeEvent).payload.Description).toBeNull();
  });

  it('a write by another user: commitUser and LastModifiedById are that user', async () => {
    await t.sf.control.updateUser(t.orgId, t.users[ALICE] as string, { viewAllData: true });
    const alice = await login(t.sf, ALICE);
    const [e] = await eventsOf(1, () => alice.sobject('Task').update({ Id: taskId, Subject: 'Call Ada back' }));
    expect(header(e)).toMatchObject({ commitUser: t.users[ALICE], changeOrigin: 'com/salesforce/api/rest/62.0' });
    expect(header(e).changedFields.sort()).toEqual(['LastModifiedById', 'LastModifiedDate', 'Subject']);
    expect((e as ChangeEvent).payload.LastModifiedById).toBe(t.users[ALICE]);
    await t.sf.control.updateUser(t.orgId, t.users[ALICE] as string, { viewAllData: false });
  });

  it('upsert on the external id: UPDATE when it matches, CREATE when it does not', async () => {
    const [updated] = await eventsOf(1, () => sync.sobject('Task').upsert({ SIA_Task_Id__c: 'sia-1', Priority: 'Low' }, 'SIA_Task_Id__c'));
    expect(header(updated)).toMatchObject({ changeType: 'UPDATE', recordIds: [taskId] });
    // Alice made the last change, so LastModifiedById changes back too.
    expect(header(updated).changedFields.sort()).toEqual(['IsHighPriority', 'LastModifiedById', 'LastModifiedDate', 'Priority']);
    const [created] = await eventsOf(1, () => sync.sobject('Task').upsert({ SIA_Task_Id__c: 'sia-2', Subject: 'New via upsert' }, 'SIA_Task_Id__c'));
    expect(header(created).changeType).toBe('CREATE');
    expect((created as ChangeEvent).payload).toMatchObject({ SIA_Task_Id__c: 'sia-2', Subject: 'New via upsert' });
  });

  it('delete: DELETE with the record id and no field values', async () => {
    const [e] = await eventsOf(1, () => sync.sobject('Task').destroy(taskId));
    expect(header(e)).toMatchObject({ changeType: 'DELETE', recordIds: [taskId], changedFields: [], nulledFields: [] });
    expect((e as ChangeEvent).payload).toMatchObject({ Subject: null, Status: null, OwnerId: null, LastModifiedDate: null });
  });

  it('a write that fails makes no event; writes to other objects make none', async () => {
    await expect(sync.sobject('Task').create({ Status: 'Nope' })).rejects.toThrow();
    await sync.sobject('Account').create({ Name: 'Acme' });
    const marker = await eventsOf(1, () => sync.sobject('Task').create({ Subject: 'marker' }));
    expect(marker.map((e) => e.payload.Subject)).toEqual(['marker']);
  });
});

describe('sObject Collections: one call is one transaction', () => {
  it('create several: one CREATE each, one transaction key, sequence numbers 1, 2, 3', async () => {
    const events = await eventsOf(3, () =>
      sync.sobject('Task').create([{ Subject: 'one' }, { Subject: 'two' }, { Subject: 'three' }], { allOrNone: true }),
    );
    expect(events.map((e) => e.payload.Subject)).toEqual(['one', 'two', 'three']);
    expect(new Set(events.map((e) => header(e).transactionKey)).size).toBe(1);
    expect(events.map((e) => header(e).sequenceNumber)).toEqual([1, 2, 3]);
    expect(new Set(events.map((e) => header(e).commitNumber)).size).toBe(1);
  });

  it('the same change to several records is one event naming them all; separate calls have their own transaction keys', async () => {
    const ids = ((await eventsOf(2, () => sync.sobject('Task').create([{ Subject: 'a' }, { Subject: 'b' }])))).map((e) => header(e).recordIds[0] as string);
    const [updated] = await eventsOf(1, () => sync.sobject('Task').update(ids.map((Id) => ({ Id, Status: 'Deferred' }))));
    expect(header(updated).recordIds).toEqual(ids);
    const [deleted] = await eventsOf(1, () => sync.sobject('Task').destroy(ids));
    expect(header(deleted)).toMatchObject({ changeType: 'DELETE', recordIds: ids, sequenceNumber: 1 });
    expect(header(deleted).transactionKey).not.toBe(header(updated).transactionKey);
  });

  it('different changes in one call are separate events of one transaction', async () => {
    const ids = ((await eventsOf(2, () => sync.sobject('Task').create([{ Subject: 'x' }, { Subject: 'y' }])))).map((e) => header(e).recordIds[0] as string);
    const events = await eventsOf(2, () => sync.sobject('Task').update([{ Id: ids[0] as string, Subject: 'x2' }, { Id: ids[1] as string, Subject: 'y2' }]));
    expect(events.map((e) => header(e).recordIds)).toEqual([[ids[0]], [ids[1]]]);
    expect(events.map((e) => header(e).sequenceNumber)).toEqual([1, 2]);
    expect(header(events[0]).transactionKey).toBe(header(events[1]).transactionKey);
  });

  it('allOrNone rolled back: no event; without allOrNone the saved records have theirs', async () => {
    const rolledBack = await sync.sobject('Task').create([{ Subject: 'kept?' }, { Status: 'Nope' }], { allOrNone: true });
    expect(rolledBack.every((r) => !r.success)).toBe(true);
    const events = await eventsOf(1, () => sync.sobject('Task').create([{ Subject: 'saved' }, { Status: 'Nope' }], { allOrNone: false }));
    expect(events.map((e) => e.payload.Subject)).toEqual(['saved']);
  });
});

describe('cascade deletes', () => {
  it("deleting a contact deletes its tasks: DELETE events for the tasks, in the contact delete's transaction", async () => {
    const contactId = ((await sync.sobject('Contact').create({ LastName: 'Lovelace' })) as { id: string }).id;
    const created = await eventsOf(2, () => sync.sobject('Task').create([{ Subject: 'c1', WhoId: contactId }, { Subject: 'c2', WhoId: contactId }]));
    const taskIds = created.map((e) => header(e).recordIds[0]);
    const [deleted] = await eventsOf(1, () => sync.sobject('Contact').destroy(contactId));
    expect(header(deleted)).toMatchObject({ changeType: 'DELETE', entityName: 'Task', recordIds: taskIds, commitUser: t.users[SYNC] });
  });
});

describe('Email to Salesforce', () => {
  it('a logged email creates its Task with a CREATE event and no change origin (not an API app)', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: t.sf.smtpPort, secure: false, ignoreTLS: true });
    const [e] = await eventsOf(1, () =>
      transport.sendMail({ from: ALICE, to: 'nobody@customer.test', bcc: 'alice.e2s@emulator.test', subject: 'Proposal', text: 'Here it is.' }),
    );
    transport.close();
    expect(header(e)).toMatchObject({ changeType: 'CREATE', changeOrigin: '', commitUser: t.users[ALICE] });
    expect((e as ChangeEvent).payload).toMatchObject({ Subject: 'Email: Proposal', OwnerId: t.users[ALICE], TaskSubtype: 'Email' });
  });
});

describe('the wire format', () => {
  it('sends changedFields and nulledFields as bitmaps over the schema positions, replay ids as 8 bytes', async () => {
    const conn = await login(t.sf, SYNC);
    const raw = rawClient(t.sf);
    const stream = raw.Subscribe(authMetadata(t.sf, conn));
    const responses: RawFetchResponse[] = [];
    stream.on('data', (r) => responses.push(r));
    stream.on('error', () => undefined);
    stream.write({ topicName: TOPIC, replayPreset: 0, numRequested: 5 });
    await streamOpen(t.sf, 2);
    const id = ((await conn.sobject('Task').create({ Subject: 'bits', Description: 'x' })) as { id: string }).id;
    await conn.sobject('Task').update({ Id: id, Description: null });
    const deadline = Date.now() + 5000;
    while (responses.flatMap((r) => r.events).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    stream.cancel();
    raw.close();
    const events = responses.flatMap((r) => r.events);
    expect(events).toHaveLength(2);
    for (const e of events) expect(e.replayId).toHaveLength(8);
    const schema = t.sf.state.cdc.schema('Task');
    const decoded = schema.decode((events[1] as RawFetchResponse['events'][number]).event.payload) as { ChangeEventHeader: { changedFields: string[]; nulledFields: string[] } };
    const position = (name: string): number => schema.fields.findIndex((f) => f.name === name) + 1;
    const expected = (1n << BigInt(position('Description'))) | (1n << BigInt(position('LastModifiedDate')));
    expect(decoded.ChangeEventHeader.changedFields).toHaveLength(1);
    expect(BigInt(decoded.ChangeEventHeader.changedFields[0] as string)).toBe(expected);
    expect(decoded.ChangeEventHeader.changedFields[0]).toMatch(/^0x([0-9A-F]{2})+$/);
    expect(BigInt(decoded.ChangeEventHeader.nulledFields[0] as string)).toBe(1n << BigInt(position('Description')));
  });
});

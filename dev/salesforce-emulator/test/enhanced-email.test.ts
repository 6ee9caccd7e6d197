/**
 * Enhanced Email per org, emulator only (a real org cannot be switched by a test): without it
 * EmailMessage and EmailMessageRelation do not exist for the API, as an unknown object does not;
 * who sees a logged email; the Task Salesforce made goes with its message.
 */
import type { Connection } from 'jsforce';
import { ADMIN, ALICE, BOB, login, rejection, startOrg, type TestOrg } from './helpers';

let t: TestOrg;
let alice: Connection;
let bob: Connection;
let admin: Connection;

beforeAll(async () => {
  t = await startOrg({ enhancedEmail: false });
  [alice, bob, admin] = await Promise.all([login(t.emulator, ALICE, '62.0'), login(t.emulator, BOB, '62.0'), login(t.emulator, ADMIN, '62.0')]);
});
afterAll(() => t.emulator.close());

const email = { Subject: 'Proposal', Status: '3', MessageIdentifier: '<p1@mail.test>', TextBody: 'Numbers inside.' };
const names = async (conn: Connection): Promise<string[]> => (await conn.describeGlobal()).sobjects.map((o) => o.name);

describe('an org without Enhanced Email', () => {
  it('answers a query on EmailMessage with INVALID_TYPE, as for an object that does not exist', async () => {
    const err = await rejection(alice.query(`SELECT Id FROM EmailMessage WHERE MessageIdentifier = '<p1@mail.test>'`));
    expect(err.errorCode).toBe('INVALID_TYPE');
    expect(err.message).toContain("sObject type 'EmailMessage' is not supported.");
    const relation = await rejection(alice.query('SELECT Id FROM EmailMessageRelation'));
    expect(relation.errorCode).toBe('INVALID_TYPE');
  });

  it('has no such resource to create, describe or list; a collection refuses the record', async () => {
    expect((await rejection(alice.sobject('EmailMessage').create(email))).errorCode).toBe('NOT_FOUND');
    expect((await rejection(alice.sobject('EmailMessage').describe())).errorCode).toBe('NOT_FOUND');
    expect(await names(alice)).not.toContain('EmailMessage');
    expect(await names(alice)).not.toContain('EmailMessageRelation');
    expect(await names(alice)).toContain('Task');
    const [result] = await alice.sobject('EmailMessage').create([email], { allOrNone: false });
    expect(result).toMatchObject({ success: false, errors: [expect.objectContaining({ statusCode: 'NOT_FOUND' })] });
    expect(await t.emulator.control.records(t.orgId, 'EmailMessage')).toEqual([]);
    expect(await t.emulator.control.records(t.orgId, 'Task')).toEqual([]);
  });

  it('switched on, has both objects; switched off again, its messages are out of reach', async () => {
    await t.emulator.control.updateOrg(t.orgId, { enhancedEmail: true });
    const id = ((await alice.sobject('EmailMessage').create(email)) as { id: string }).id;
    expect(await names(alice)).toEqual(expect.arrayContaining(['EmailMessage', 'EmailMessageRelation']));
    await t.emulator.control.updateOrg(t.orgId, { enhancedEmail: false });
    expect((await rejection(alice.sobject('EmailMessage').retrieve(id))).errorCode).toBe('NOT_FOUND');
    expect((await rejection(alice.sobject('EmailMessage').destroy(id))).errorCode).toBe('NOT_FOUND');
    await t.emulator.control.updateOrg(t.orgId, { enhancedEmail: true });
    expect(await alice.sobject('EmailMessage').retrieve(id)).toMatchObject({ Id: id, Subject: 'Proposal' });
  });
});

describe('a logged email in an org with Enhanced Email', () => {
  beforeAll(() => t.emulator.control.updateOrg(t.orgId, { enhancedEmail: true }));

  it('is seen by its creator and by View All Data, not by another user; neither are its relations', async () => {
    const contact = ((await alice.sobject('Contact').create({ LastName: 'Archer', Email: 'ann@acme.test' })) as { id: string }).id;
    const id = ((await alice.sobject('EmailMessage').create({ ...email, MessageIdentifier: '<p2@mail.test>' })) as { id: string }).id;
    await alice.sobject('EmailMessageRelation').create({ EmailMessageId: id, RelationId: contact, RelationType: 'ToAddress' });
    const query = `SELECT Id FROM EmailMessage WHERE MessageIdentifier = '<p2@mail.test>'`;
    expect((await alice.query(query)).totalSize).toBe(1);
    expect((await admin.query(query)).totalSize).toBe(1);
    expect((await bob.query(query)).totalSize).toBe(0);
    expect((await bob.query(`SELECT Id FROM EmailMessageRelation WHERE EmailMessageId = '${id}'`)).totalSize).toBe(0);
    expect((await rejection(bob.sobject('EmailMessage').retrieve(id))).errorCode).toBe('NOT_FOUND');
    const link = await rejection(bob.sobject('EmailMessageRelation').create({ EmailMessageId: id, RelationId: contact, RelationType: 'CcAddress' }));
    expect(link.errorCode).toBe('INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY');
  });

  it('takes its Task to the recycle bin when deleted', async () => {
    const id = ((await alice.sobject('EmailMessage').create({ ...email, MessageIdentifier: '<p3@mail.test>' })) as { id: string }).id;
    const activity = ((await alice.sobject('EmailMessage').retrieve(id)) as unknown as { ActivityId: string }).ActivityId;
    await alice.sobject('EmailMessage').destroy(id);
    expect((await rejection(alice.sobject('Task').retrieve(activity))).errorCode).toBe('ENTITY_IS_DELETED');
  });

  it('a draft may still change; a relation of a sent message cannot be pointed elsewhere', async () => {
    const [ann, ben] = (await alice.sobject('Contact').create([
      { LastName: 'Ann', Email: 'ann2@acme.test' },
      { LastName: 'Ben', Email: 'ben2@acme.test' },
    ])) as Array<{ id: string }>;
    const draft = ((await alice.sobject('EmailMessage').create({ ...email, Status: '5', MessageIdentifier: '<p4@mail.test>' })) as { id: string }).id;
    await expect(alice.sobject('EmailMessage').update({ Id: draft, Subject: 'Proposal v2' })).resolves.toMatchObject({ success: true });
    const sent = ((await alice.sobject('EmailMessage').create({ ...email, MessageIdentifier: '<p5@mail.test>' })) as { id: string }).id;
    const relation = ((await alice.sobject('EmailMessageRelation').create({ EmailMessageId: sent, RelationId: ann?.id, RelationType: 'ToAddress' })) as { id: string }).id;
    const err = await rejection(alice.sobject('EmailMessageRelation').update({ Id: relation, RelationId: ben?.id }));
    expect(err.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
  });
});

/** Who sees and writes what, emulator only (three seeded users): owners, View All Data, cross-reference checks. */
import type { Connection } from 'jsforce';
import { ADMIN, ALICE, BOB, login, rejection, startOrg, type TestOrg } from './helpers';

let t: TestOrg;
let alice: Connection;
let bob: Connection;
let admin: Connection;
let aliceTask: string;
let aliceContact: string;

beforeAll(async () => {
  t = await startOrg();
  [alice, bob, admin] = await Promise.all([login(t.emulator, ALICE), login(t.emulator, BOB), login(t.emulator, ADMIN)]);
  aliceContact = ((await alice.sobject('Contact').create({ LastName: 'Private', Email: 'private@x.example' })) as { id: string }).id;
  aliceTask = ((await alice.sobject('Task').create({ Subject: "Alice's", WhoId: aliceContact, SIA_Task_Id__c: 'vis-1' })) as { id: string }).id;
});
afterAll(() => t.emulator.close());

it('another user neither queries nor reads the record', async () => {
  expect((await bob.query(`SELECT Id FROM Task WHERE Id = '${aliceTask}'`)).totalSize).toBe(0);
  const err = await rejection(bob.sobject('Task').retrieve(aliceTask));
  expect(err.errorCode).toBe('NOT_FOUND');
});

it('another user cannot update or delete it', async () => {
  const upd = await rejection(bob.sobject('Task').update({ Id: aliceTask, Subject: 'mine now' }));
  expect(upd.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
  const del = await rejection(bob.sobject('Task').destroy(aliceTask));
  expect(del.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
});

it('linking to a record one cannot see is INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY', async () => {
  const err = await rejection(bob.sobject('Task').create({ Subject: 'x', WhoId: aliceContact }));
  expect(err.errorCode).toBe('INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY');
});

it("an upsert cannot match a record one cannot see, and the unique external id then refuses the insert", async () => {
  const err = await rejection(bob.sobject('Task').upsert({ SIA_Task_Id__c: 'vis-1', Subject: 'bob' }, 'SIA_Task_Id__c'));
  expect(err.errorCode).toBe('DUPLICATE_VALUE');
});

it('a user with View All Data sees and writes every record', async () => {
  const res = await admin.query<{ Id: string; OwnerId: string }>(`SELECT Id, OwnerId FROM Task WHERE Id = '${aliceTask}'`);
  expect(res.records[0]?.OwnerId).toBe(t.users[ALICE]);
  await expect(admin.sobject('Task').update({ Id: aliceTask, Status: 'Completed' })).resolves.toMatchObject({ success: true });
  const rec = (await alice.sobject('Task').retrieve(aliceTask)) as unknown as { LastModifiedById: string; IsClosed: boolean };
  expect(rec).toMatchObject({ LastModifiedById: t.users[ADMIN], IsClosed: true });
});

describe('a change of owner', () => {
  const count = async (conn: Connection, subject: string) => (await conn.query(`SELECT Id FROM Task WHERE Subject LIKE '${subject}%'`)).totalSize;

  it("takes the record out of the first owner's queries and into the new owner's", async () => {
    const id = ((await alice.sobject('Task').create({ Subject: 'handed over' })) as { id: string }).id;
    // Both users query first, so what they saw before the change is no longer what they see.
    expect([await count(alice, 'handed over'), await count(bob, 'handed over')]).toEqual([1, 0]);
    await alice.sobject('Task').update({ Id: id, OwnerId: t.users[BOB] });
    expect([await count(alice, 'handed over'), await count(bob, 'handed over')]).toEqual([0, 1]);
  });

  it('that an all-or-none update rolls back leaves every record with its owner', async () => {
    await t.emulator.control.installValidationRule(t.orgId, { sobject: 'Task', name: 'No_Spam', condition: { field: 'Subject', op: 'contains', value: 'SPAM' }, message: 'Subject may not contain SPAM' });
    const created = (await alice.sobject('Task').create([{ Subject: 'kept 1' }, { Subject: 'kept 2' }])) as Array<{ id: string }>;
    expect([await count(alice, 'kept'), await count(bob, 'kept')]).toEqual([2, 0]);
    const res = (await alice.sobject('Task').update(
      created.map((c, i) => ({ Id: c.id, OwnerId: t.users[BOB], ...(i === 1 ? { Subject: 'kept SPAM' } : {}) })),
      { allOrNone: true },
    )) as Array<{ success: boolean }>;
    expect(res.map((r) => r.success)).toEqual([false, false]);
    expect([await count(alice, 'kept'), await count(bob, 'kept')]).toEqual([2, 0]);
  });
});

/**
 * Single-record resources through jsforce, emulator only: the emulator's Task Type picklist, HTTP
 * statuses from the call log, duplicates seeded past the unique index, the audit-fields org
 * setting. CRUD, upsert and write errors are in ../public-api/sobjects.test.ts.
 */
import { ADMIN, ALICE, login, rejection, aliceOrg } from './helpers';

const env = aliceOrg();

interface TaskRow {
  CreatedDate: string;
  LastModifiedDate: string;
  SystemModstamp: string;
  CreatedById: string;
}

describe('describe', () => {
  it("the emulator's Task Type picklist adds Reply to the standard values", async () => {
    const d = await env.alice.sobject('Task').describe();
    const type = d.fields.find((f) => f.name === 'Type');
    expect((type?.picklistValues as { value: string }[] | undefined)?.map((p) => p.value)).toEqual(['Call', 'Email', 'Meeting', 'Other', 'Reply']);
    expect(type?.restrictedPicklist).toBe(false);
  });
});

describe('upsert on SIA_Task_Id__c', () => {
  it('answers HTTP 201 on create, then 200 on update at API 50.0', async () => {
    await env.alice.sobject('Task').upsert({ SIA_Task_Id__c: 'sia-1', Subject: 'v1' }, 'SIA_Task_Id__c');
    await env.alice.sobject('Task').upsert({ SIA_Task_Id__c: 'sia-1', Subject: 'v2' }, 'SIA_Task_Id__c');
    const calls = await env.t.emulator.control.calls({ method: 'PATCH', path: 'SIA_Task_Id__c/sia-1' });
    expect(calls.calls.map((c) => c.status)).toEqual([201, 200]);
  });

  it('several matches (seeded) answer 300 Multiple Choices', async () => {
    await env.t.emulator.control.seedRecords(env.t.orgId, [
      { sobject: 'Task', fields: { SIA_Task_Id__c: 'twice', Subject: 'a' }, owner: ALICE },
      { sobject: 'Task', fields: { SIA_Task_Id__c: 'twice', Subject: 'b' }, owner: ALICE },
    ]);
    const err = await rejection(env.alice.sobject('Task').upsert({ SIA_Task_Id__c: 'twice', Subject: 'c' }, 'SIA_Task_Id__c'));
    expect(err.errorCode).toBe('MULTIPLE_CHOICES');
    expect(err.data).toEqual([expect.stringMatching(/^\/services\/data\/v50\.0\/sobjects\/Task\/00T/), expect.stringMatching(/^\/services\/data\/v50\.0\/sobjects\/Task\/00T/)]);
  });
});

describe('audit fields on create', () => {
  it('are refused unless the org sets "Set Audit Fields upon Record Creation"', async () => {
    const past = '2023-06-01T09:15:00.000+0000';
    const err = await rejection(env.alice.sobject('Task').create({ Subject: 'old', CreatedDate: past }));
    expect(err.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    await env.t.emulator.control.updateOrg(env.t.orgId, { auditFieldsOnCreate: true });
    const admin = await login(env.t.emulator, ADMIN);
    const { id } = (await admin.sobject('Task').create({ Subject: 'old', CreatedDate: past, CreatedById: env.t.users[ALICE], OwnerId: env.t.users[ALICE] })) as { id: string };
    const rec = (await admin.sobject('Task').retrieve(id)) as unknown as TaskRow;
    expect(rec.CreatedDate).toBe(past);
    expect(rec.LastModifiedDate).toBe(past);
    expect(rec.CreatedById).toBe(env.t.users[ALICE]);
    expect(rec.SystemModstamp > past).toBe(true);
    const upd = await rejection(admin.sobject('Task').update({ Id: id, CreatedDate: past }));
    expect(upd.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    await env.t.emulator.control.updateOrg(env.t.orgId, { auditFieldsOnCreate: false });
  });
});

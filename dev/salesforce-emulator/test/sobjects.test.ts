/** Single-record resources through jsforce: describe, CRUD, upsert, errors, system fields. */
import { normalizeId } from '../ids';
import { ADMIN, ALICE, login, rejection, aliceOrg } from './helpers';

const env = aliceOrg();

interface TaskRow {
  Id: string;
  Subject: string | null;
  Status: string;
  Priority: string;
  IsClosed: boolean;
  OwnerId: string;
  CreatedDate: string;
  LastModifiedDate: string;
  SystemModstamp: string;
  ActivityDate: string | null;
  IsDeleted: boolean;
  CreatedById: string;
  SIA_Task_Id__c: string | null;
}

describe('describe', () => {
  it('Task describes its picklists, lengths and the SIA external id', async () => {
    const d = await env.alice.sobject('Task').describe();
    expect(d.keyPrefix).toBe('00T');
    const field = (name: string) => d.fields.find((f) => f.name === name);
    expect(field('Status')?.picklistValues?.map((p) => p.value)).toEqual(['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred']);
    expect(field('Status')?.restrictedPicklist).toBe(true);
    expect(field('Priority')?.picklistValues?.map((p) => p.value)).toEqual(['High', 'Normal', 'Low']);
    expect(field('Type')?.picklistValues?.map((p) => p.value)).toEqual(['Call', 'Email', 'Meeting', 'Other', 'Reply']);
    expect(field('Subject')).toMatchObject({ length: 255, type: 'combobox' });
    expect(field('Description')).toMatchObject({ length: 32000, type: 'textarea', filterable: false });
    expect(field('SIA_Task_Id__c')).toMatchObject({ externalId: true, unique: true, length: 64, custom: true, idLookup: true });
    expect(field('IsClosed')).toMatchObject({ createable: false, updateable: false });
  });
});

describe('create, read, update, delete', () => {
  it('creates with defaults and SF system fields at second precision', async () => {
    const res = await env.alice.sobject('Task').create({ Subject: 'Call back', ActivityDate: '2024-03-01' });
    expect(res).toEqual({ id: expect.any(String), success: true, errors: [] });
    const id = (res as { id: string }).id;
    expect(id).toHaveLength(18);
    expect(id.startsWith('00T')).toBe(true);
    expect(normalizeId(id.slice(0, 15))).toBe(id);
    const rec = (await env.alice.sobject('Task').retrieve(id)) as unknown as TaskRow;
    expect(rec).toMatchObject({ Status: 'Not Started', Priority: 'Normal', IsClosed: false, OwnerId: env.t.users[ALICE], ActivityDate: '2024-03-01', IsDeleted: false });
    expect(rec.CreatedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000$/);
    expect(rec.SystemModstamp).toBe(rec.CreatedDate);
  });

  it('retrieve with fields= answers only those, plus attributes', async () => {
    const { id } = (await env.alice.sobject('Task').create({ Subject: 'Fields' })) as { id: string };
    const rec = await env.alice.sobject('Task').retrieve(id, { fields: ['Subject', 'Status'] });
    expect(rec).toEqual({ attributes: { type: 'Task', url: `/services/data/v50.0/sobjects/Task/${id}` }, Subject: 'Fields', Status: 'Not Started' });
  });

  it('update derives IsClosed from Status; delete moves to the recycle bin', async () => {
    const { id } = (await env.alice.sobject('Task').create({ Subject: 'Close me' })) as { id: string };
    await env.t.emulator.control.advanceClock(2000);
    const upd = await env.alice.sobject('Task').update({ Id: id, Status: 'Completed' });
    expect(upd).toEqual({ id, success: true, errors: [] });
    const rec = (await env.alice.sobject('Task').retrieve(id)) as unknown as TaskRow;
    expect(rec.IsClosed).toBe(true);
    expect(rec.LastModifiedDate > rec.CreatedDate).toBe(true);
    await env.alice.sobject('Task').destroy(id);
    const err = await rejection(env.alice.sobject('Task').retrieve(id));
    expect(err.errorCode).toBe('ENTITY_IS_DELETED');
    const err2 = await rejection(env.alice.sobject('Task').update({ Id: id, Subject: 'x' }));
    expect(err2.errorCode).toBe('ENTITY_IS_DELETED');
  });

  it('an id that exists nowhere is NOT_FOUND; a non-id is read as an external id field name', async () => {
    const missing = '00TDn000000AAAAAAA';
    const err = await rejection(env.alice.sobject('Task').retrieve(normalizeId(missing.slice(0, 15)) as string));
    expect(err.errorCode).toBe('NOT_FOUND');
    const err2 = await rejection(env.alice.sobject('Task').retrieve('not-an-id'));
    expect(err2.errorCode).toBe('NOT_FOUND');
    expect(err2.message).toBe('Provided external ID field does not exist or is not accessible: not-an-id');
  });
});

describe('write errors in Salesforce shape', () => {
  it('REQUIRED_FIELD_MISSING names the fields', async () => {
    const err = await rejection(env.alice.sobject('Opportunity').create({ Name: 'Deal' }));
    expect(err.errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect(err.message).toBe('Required fields are missing: [StageName, CloseDate]');
    expect((err.data as { fields: string[] }).fields).toEqual(['StageName', 'CloseDate']);
    const lead = await rejection(env.alice.sobject('Lead').create({ FirstName: 'No' }));
    expect(lead.message).toBe('Required fields are missing: [LastName, Company]');
  });

  it('read-only fields are INVALID_FIELD_FOR_INSERT_UPDATE; unknown ones INVALID_FIELD', async () => {
    const err = await rejection(env.alice.sobject('Task').create({ Subject: 'x', IsClosed: true, SystemModstamp: '2024-01-01T00:00:00Z' }));
    expect(err.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    expect((err.data as { fields: string[] }).fields).toEqual(['IsClosed', 'SystemModstamp']);
    const err2 = await rejection(env.alice.sobject('Task').create({ Subject: 'x', Bogus__c: 1 }));
    expect(err2.errorCode).toBe('INVALID_FIELD');
    expect(err2.message).toBe("No such column 'Bogus__c' on sobject of type Task");
  });

  it('STRING_TOO_LONG at 255 for Subject and 32,000 for Description', async () => {
    const ok = await env.alice.sobject('Task').create({ Subject: 's'.repeat(255), Description: 'd'.repeat(32000) });
    expect(ok.success).toBe(true);
    const err = await rejection(env.alice.sobject('Task').create({ Subject: 's'.repeat(256) }));
    expect(err.errorCode).toBe('STRING_TOO_LONG');
    expect((err.data as { fields: string[] }).fields).toEqual(['Subject']);
    const err2 = await rejection(env.alice.sobject('Task').create({ Description: 'd'.repeat(32001) }));
    expect(err2.errorCode).toBe('STRING_TOO_LONG');
  });

  it('Status is a restricted picklist; Type is not', async () => {
    const err = await rejection(env.alice.sobject('Task').create({ Subject: 'x', Status: 'Open' }));
    expect(err.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(err.message).toBe('Status: bad value for restricted picklist field: Open');
    const ok = await env.alice.sobject('Task').create({ Subject: 'x', Type: 'Reply' });
    expect(ok.success).toBe(true);
  });

  it('a malformed reference is MALFORMED_ID; one of the wrong type FIELD_INTEGRITY_EXCEPTION', async () => {
    const err = await rejection(env.alice.sobject('Task').create({ Subject: 'x', WhoId: 'abc' }));
    expect(err.errorCode).toBe('MALFORMED_ID');
    const acct = (await env.alice.sobject('Account').create({ Name: 'Acme' })) as { id: string };
    const err2 = await rejection(env.alice.sobject('Task').create({ Subject: 'x', WhoId: acct.id }));
    expect(err2.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
  });
});

describe('upsert on SIA_Task_Id__c', () => {
  it('creates (201, created: true), then updates (200, created: false) at API 50.0', async () => {
    const first = await env.alice.sobject('Task').upsert({ SIA_Task_Id__c: 'sia-1', Subject: 'v1' }, 'SIA_Task_Id__c');
    expect(first).toEqual({ id: expect.any(String), success: true, errors: [], created: true });
    const second = await env.alice.sobject('Task').upsert({ SIA_Task_Id__c: 'sia-1', Subject: 'v2' }, 'SIA_Task_Id__c');
    expect(second).toEqual({ id: (first as { id: string }).id, success: true, errors: [], created: false });
    const calls = await env.t.emulator.control.calls({ method: 'PATCH', path: 'SIA_Task_Id__c/sia-1' });
    expect(calls.calls.map((c) => c.status)).toEqual([201, 200]);
  });

  it('before API 46.0 an update answers 204 with no body', async () => {
    const old = await login(env.t.emulator, ALICE, '45.0');
    await old.sobject('Task').upsert({ SIA_Task_Id__c: 'sia-old', Subject: 'v1' }, 'SIA_Task_Id__c');
    const res = await old.sobject('Task').upsert({ SIA_Task_Id__c: 'sia-old', Subject: 'v2' }, 'SIA_Task_Id__c');
    expect(res).toEqual({ success: true, errors: [] });
  });

  it('a duplicate value on create is DUPLICATE_VALUE', async () => {
    await env.alice.sobject('Task').create({ SIA_Task_Id__c: 'dup-1' });
    const err = await rejection(env.alice.sobject('Task').create({ SIA_Task_Id__c: 'DUP-1' }));
    expect(err.errorCode).toBe('DUPLICATE_VALUE');
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

/**
 * Single-record resources through jsforce, public API only: describe, CRUD, upsert on the
 * external id, write errors, system fields. Needs the org's standard Task Status and Priority
 * picklists and SIA_Task_Id__c on Task; every record made carries the run's tag and is deleted
 * after the file.
 */
import { normalizeId } from '../ids';
import { contractOrg, rejection, sleep } from './target';

const org = contractOrg();

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
}

const createTask = async (fields: Record<string, unknown>): Promise<string> => ((await org.conn.sobject('Task').create(fields)) as { id: string }).id;

describe('describe', () => {
  it('Task: key prefix, lengths, read-only IsClosed, restricted Status and Priority picklists, SIA_Task_Id__c (standard picklists; needs the field)', async () => {
    const d = await org.conn.sobject('Task').describe();
    expect(d.keyPrefix).toBe('00T');
    const field = (name: string) => d.fields.find((f) => f.name === name);
    const values = (name: string): string[] | undefined => (field(name)?.picklistValues as { value: string }[] | undefined)?.map((p) => p.value);
    expect(values('Status')).toEqual(['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred']);
    expect(field('Status')?.restrictedPicklist).toBe(true);
    expect(values('Priority')).toEqual(['High', 'Normal', 'Low']);
    expect(field('Priority')?.restrictedPicklist).toBe(true);
    expect(field('Subject')).toMatchObject({ length: 255, type: 'combobox' });
    expect(field('Description')).toMatchObject({ length: 32000, type: 'textarea', filterable: false });
    expect(field('SIA_Task_Id__c')).toMatchObject({ externalId: true, unique: true, length: 64, custom: true, idLookup: true });
    expect(field('IsClosed')).toMatchObject({ createable: false, updateable: false });
  });
});

describe('create, read, update, delete', () => {
  it('creates with the default Status and Priority, owned by the user, system fields at second precision', async () => {
    const res = await org.conn.sobject('Task').create({ Subject: org.label('Call back'), ActivityDate: '2024-03-01' });
    const id = (res as { id: string }).id;
    expect(res).toEqual({ id, success: true, errors: [] });
    expect(id).toHaveLength(18);
    expect(id.startsWith('00T')).toBe(true);
    expect(normalizeId(id.slice(0, 15))).toBe(id);
    const rec = (await org.conn.sobject('Task').retrieve(id)) as unknown as TaskRow;
    expect(rec).toMatchObject({ Status: 'Not Started', Priority: 'Normal', IsClosed: false, OwnerId: org.conn.userInfo?.id, ActivityDate: '2024-03-01', IsDeleted: false });
    expect(rec.CreatedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000\+0000$/);
    expect(rec.SystemModstamp).toBe(rec.CreatedDate);
  });

  it('retrieve with fields= answers only those, plus attributes', async () => {
    const id = await createTask({ Subject: org.label('Fields') });
    const rec = await org.conn.sobject('Task').retrieve(id, { fields: ['Subject', 'Status'] });
    expect(rec).toEqual({ attributes: { type: 'Task', url: `/services/data/v${org.conn.version}/sobjects/Task/${id}` }, Subject: org.label('Fields'), Status: 'Not Started' });
  });

  it('update derives IsClosed from Status; a deleted record is ENTITY_IS_DELETED to read and to update', async () => {
    const id = await createTask({ Subject: org.label('Close me') });
    await sleep(1100);
    const upd = await org.conn.sobject('Task').update({ Id: id, Status: 'Completed' });
    expect(upd).toEqual({ id, success: true, errors: [] });
    const rec = (await org.conn.sobject('Task').retrieve(id)) as unknown as TaskRow;
    expect(rec.IsClosed).toBe(true);
    expect(rec.LastModifiedDate > rec.CreatedDate).toBe(true);
    await org.conn.sobject('Task').destroy(id);
    const err = await rejection(org.conn.sobject('Task').retrieve(id));
    expect(err.errorCode).toBe('ENTITY_IS_DELETED');
    const err2 = await rejection(org.conn.sobject('Task').update({ Id: id, Subject: org.label('x') }));
    expect(err2.errorCode).toBe('ENTITY_IS_DELETED');
  });

  it('an id that exists nowhere is NOT_FOUND; a non-id is read as an external id field name', async () => {
    const missing = '00TDn000000AAAAAAA';
    const err = await rejection(org.conn.sobject('Task').retrieve(normalizeId(missing.slice(0, 15)) as string));
    expect(err.errorCode).toBe('NOT_FOUND');
    const err2 = await rejection(org.conn.sobject('Task').retrieve('not-an-id'));
    expect(err2.errorCode).toBe('NOT_FOUND');
    expect(err2.message).toBe('Provided external ID field does not exist or is not accessible: not-an-id');
  });

  it('deleting a contact takes its tasks to the recycle bin with it', async () => {
    const contact = ((await org.conn.sobject('Contact').create({ LastName: org.label('Gone') })) as { id: string }).id;
    const task = await createTask({ Subject: org.label('on gone'), WhoId: contact });
    await org.conn.sobject('Contact').destroy(contact);
    const err = await rejection(org.conn.sobject('Task').retrieve(task));
    expect(err.errorCode).toBe('ENTITY_IS_DELETED');
  });
});

describe('write errors in Salesforce shape', () => {
  it('REQUIRED_FIELD_MISSING names the fields', async () => {
    const err = await rejection(org.conn.sobject('Opportunity').create({ Name: org.label('Deal') }));
    expect(err.errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect(err.message).toBe('Required fields are missing: [StageName, CloseDate]');
    expect((err.data as { fields: string[] }).fields).toEqual(['StageName', 'CloseDate']);
    const lead = await rejection(org.conn.sobject('Lead').create({ FirstName: org.label('No') }));
    expect(lead.message).toBe('Required fields are missing: [LastName, Company]');
  });

  it('read-only fields are INVALID_FIELD_FOR_INSERT_UPDATE; unknown ones INVALID_FIELD', async () => {
    const err = await rejection(org.conn.sobject('Task').create({ Subject: org.label('x'), IsClosed: true, SystemModstamp: '2024-01-01T00:00:00Z' }));
    expect(err.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    expect((err.data as { fields: string[] }).fields).toEqual(['IsClosed', 'SystemModstamp']);
    const err2 = await rejection(org.conn.sobject('Task').create({ Subject: org.label('x'), Bogus__c: 1 }));
    expect(err2.errorCode).toBe('INVALID_FIELD');
    expect(err2.message).toBe("No such column 'Bogus__c' on sobject of type Task");
  });

  it('STRING_TOO_LONG at 255 for Subject and 32,000 for Description', async () => {
    const ok = await org.conn.sobject('Task').create({ Subject: org.label('s').padEnd(255, 's'), Description: 'd'.repeat(32000) });
    expect(ok.success).toBe(true);
    const err = await rejection(org.conn.sobject('Task').create({ Subject: org.label('s').padEnd(256, 's') }));
    expect(err.errorCode).toBe('STRING_TOO_LONG');
    expect((err.data as { fields: string[] }).fields).toEqual(['Subject']);
    const err2 = await rejection(org.conn.sobject('Task').create({ Subject: org.label('d'), Description: 'd'.repeat(32001) }));
    expect(err2.errorCode).toBe('STRING_TOO_LONG');
  });

  it('Status and Priority are restricted picklists; Type is not', async () => {
    const err = await rejection(org.conn.sobject('Task').create({ Subject: org.label('x'), Status: 'Open' }));
    expect(err.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(err.message).toBe('Status: bad value for restricted picklist field: Open');
    const err2 = await rejection(org.conn.sobject('Task').create({ Subject: org.label('x'), Priority: 'Urgent' }));
    expect(err2.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(err2.message).toBe('Priority: bad value for restricted picklist field: Urgent');
    const ok = await org.conn.sobject('Task').create({ Subject: org.label('x'), Type: 'Reply' });
    expect(ok.success).toBe(true);
  });

  it('a date field takes YYYY-MM-DD only: a date-time is JSON_PARSER_ERROR', async () => {
    const err = await rejection(org.conn.sobject('Task').create({ Subject: org.label('x'), ActivityDate: '2024-03-01T10:00:00Z' }));
    expect(err.errorCode).toBe('JSON_PARSER_ERROR');
    expect(err.message).toBe('Cannot deserialize instance of date from VALUE_STRING value 2024-03-01T10:00:00Z or request may be missing a required field');
  });

  it('a malformed reference is MALFORMED_ID; one of the wrong type FIELD_INTEGRITY_EXCEPTION', async () => {
    const err = await rejection(org.conn.sobject('Task').create({ Subject: org.label('x'), WhoId: 'abc' }));
    expect(err.errorCode).toBe('MALFORMED_ID');
    const acct = (await org.conn.sobject('Account').create({ Name: org.label('Acme') })) as { id: string };
    const err2 = await rejection(org.conn.sobject('Task').create({ Subject: org.label('x'), WhoId: acct.id }));
    expect(err2.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
  });
});

describe('upsert on SIA_Task_Id__c (needs the field: Text(64), External ID, Unique, case-insensitive)', () => {
  it('creates (created: true), then updates (created: false) from API 46.0', async () => {
    const key = org.extId('upsert');
    const first = await org.conn.sobject('Task').upsert({ SIA_Task_Id__c: key, Subject: org.label('v1') }, 'SIA_Task_Id__c');
    const id = (first as { id: string }).id;
    expect(id).toMatch(/^00T[0-9A-Za-z]{15}$/);
    expect(first).toEqual({ id, success: true, errors: [], created: true });
    const second = await org.conn.sobject('Task').upsert({ SIA_Task_Id__c: key, Subject: org.label('v2') }, 'SIA_Task_Id__c');
    expect(second).toEqual({ id, success: true, errors: [], created: false });
  });

  it('before API 46.0 an update answers 204 with no body', async () => {
    const old = await org.target.login('45.0');
    const key = org.extId('old');
    await old.sobject('Task').upsert({ SIA_Task_Id__c: key, Subject: org.label('v1') }, 'SIA_Task_Id__c');
    const res = await old.sobject('Task').upsert({ SIA_Task_Id__c: key, Subject: org.label('v2') }, 'SIA_Task_Id__c');
    expect(res).toEqual({ success: true, errors: [] });
  });

  it('the same value in another case is DUPLICATE_VALUE on create', async () => {
    await createTask({ Subject: org.label('dup'), SIA_Task_Id__c: org.extId('dup') });
    const err = await rejection(org.conn.sobject('Task').create({ Subject: org.label('dup again'), SIA_Task_Id__c: org.extId('dup').toUpperCase() }));
    expect(err.errorCode).toBe('DUPLICATE_VALUE');
  });
});

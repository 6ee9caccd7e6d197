/** sObject Collections through jsforce: 200-record cap, per-record results, allOrNone, validation rules. */
import { aliceOrg, rejection } from './helpers';

const env = aliceOrg();
afterEach(() => env.t.emulator.control.removeValidationRules(env.t.orgId));

interface Result {
  id?: string;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
  created?: boolean;
}

const tasks = (n: number, prefix: string): Record<string, unknown>[] => Array.from({ length: n }, (_, i) => ({ Subject: `${prefix} ${i}` }));
const countSubjects = async (prefix: string): Promise<number> =>
  (await env.t.emulator.control.records(env.t.orgId, 'Task')).filter((r) => String(r.Subject).startsWith(prefix)).length;

it('201 records in one call are refused whole with EXCEEDED_ID_LIMIT', async () => {
  const err = await rejection(env.alice.sobject('Task').create(tasks(201, 'too-many')));
  expect(err.errorCode).toBe('EXCEEDED_ID_LIMIT');
  expect(err.message).toBe('record limit reached. cannot submit more than 200 records into this call');
  expect(await countSubjects('too-many')).toBe(0);
});

it('200 records are created in one call, one result each, in order', async () => {
  const res = (await env.alice.sobject('Task').create(tasks(200, 'two-hundred'))) as Result[];
  expect(res).toHaveLength(200);
  expect(res.every((r) => r.success && r.errors.length === 0 && /^00T/.test(r.id as string))).toBe(true);
  const calls = await env.t.emulator.control.calls({ method: 'POST', path: '/composite/sobjects' });
  expect(calls.calls.at(-1)?.counted).toBe(true);
  expect(await countSubjects('two-hundred')).toBe(200);
});

it('a validation rule fails one record; the others are saved (allOrNone false)', async () => {
  await env.t.emulator.control.installValidationRule(env.t.orgId, {
    sobject: 'Task',
    name: 'No_Spam',
    condition: { field: 'Subject', op: 'contains', value: 'SPAM' },
    message: 'Subject may not contain SPAM',
    errorField: 'Subject',
  });
  const res = (await env.alice.sobject('Task').create([{ Subject: 'vr ok 1' }, { Subject: 'vr SPAM' }, { Subject: 'vr ok 2' }])) as Result[];
  expect(res.map((r) => r.success)).toEqual([true, false, true]);
  expect(res[1]).toEqual({ success: false, errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Subject may not contain SPAM', fields: ['Subject'] }] });
  expect(await countSubjects('vr ')).toBe(2);
});

it('allOrNone rolls everything back and marks the valid records ALL_OR_NONE_OPERATION_ROLLED_BACK', async () => {
  await env.t.emulator.control.installValidationRule(env.t.orgId, {
    sobject: 'Task',
    name: 'No_Spam',
    condition: { field: 'Subject', op: 'contains', value: 'SPAM' },
    message: 'Subject may not contain SPAM',
  });
  const res = (await env.alice.sobject('Task').create([{ Subject: 'aon ok' }, { Subject: 'aon SPAM' }], { allOrNone: true })) as Result[];
  expect(res[0]).toEqual({
    success: false,
    errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] }],
  });
  expect(res[1]?.errors[0]?.statusCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
  expect(await countSubjects('aon ')).toBe(0);
});

it('allOrNone update rolls back earlier updates in the same call', async () => {
  const [a, b] = (await env.alice.sobject('Task').create([{ Subject: 'upd a' }, { Subject: 'upd b' }])).map((r) => (r as Result).id as string);
  const res = (await env.alice.sobject('Task').update(
    [
      { Id: a as string, Subject: 'upd a changed' },
      { Id: b as string, Status: 'Bogus' },
    ],
    { allOrNone: true },
  )) as Result[];
  expect(res.map((r) => r.errors[0]?.statusCode)).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST']);
  const stored = await env.alice.sobject('Task').retrieve(a as string, { fields: ['Subject'] });
  expect((stored as unknown as { Subject: string }).Subject).toBe('upd a');
});

it('update and delete report per record (deleted, malformed)', async () => {
  const [a, b] = (await env.alice.sobject('Task').create([{ Subject: 'del a' }, { Subject: 'del b' }])).map((r) => (r as Result).id as string);
  await env.alice.sobject('Task').destroy(b as string);
  const upd = (await env.alice.sobject('Task').update([
    { Id: a as string, Subject: 'del a2' },
    { Id: b as string, Subject: 'del b2' },
  ])) as Result[];
  expect(upd[0]).toEqual({ id: a, success: true, errors: [] });
  expect(upd[1]?.errors[0]?.statusCode).toBe('ENTITY_IS_DELETED');
  const del = (await env.alice.sobject('Task').destroy([a as string, 'garbage'])) as Result[];
  expect(del[0]).toEqual({ id: a, success: true, errors: [] });
  expect(del[1]?.errors[0]?.statusCode).toBe('MALFORMED_ID');
});

it('upsert by SIA_Task_Id__c: created flags per record; a validation failure stays on its record', async () => {
  const first = (await env.alice.sobject('Task').upsert(
    [
      { SIA_Task_Id__c: 'col-1', Subject: 'one' },
      { SIA_Task_Id__c: 'col-2', Subject: 'two' },
    ],
    'SIA_Task_Id__c',
  )) as Result[];
  expect(first.map((r) => r.created)).toEqual([true, true]);
  await env.t.emulator.control.installValidationRule(env.t.orgId, {
    sobject: 'Task',
    name: 'Subject_Required',
    condition: { field: 'Subject', op: 'isBlank' },
    message: 'A subject is required',
  });
  const second = (await env.alice.sobject('Task').upsert(
    [
      { SIA_Task_Id__c: 'col-1', Subject: 'one again' },
      { SIA_Task_Id__c: 'col-3', Subject: null },
    ],
    'SIA_Task_Id__c',
  )) as Result[];
  expect(second[0]).toEqual({ id: first[0]?.id, success: true, errors: [], created: false });
  expect(second[1]).toEqual({ success: false, errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'A subject is required', fields: [] }] });
});

it('retrieve by ids answers null for a missing record', async () => {
  const [a] = (await env.alice.sobject('Task').create([{ Subject: 'fetch me' }])) as Result[];
  const res = await env.alice.sobject('Task').retrieve([a?.id as string, '00TDn0000000000AAA'], { fields: ['Subject'] });
  expect(res[0]).toMatchObject({ Subject: 'fetch me' });
  expect(res[1]).toBeNull();
});

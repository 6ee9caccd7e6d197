/**
 * sObject Collections through jsforce, emulator only: validation rules installed through the test
 * surface, and what the call log counts. The cap, per-record results and allOrNone with the
 * org's own rules are in ../public-api/collections.test.ts.
 */
import { aliceOrg } from './helpers';

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

it('one collection call is one counted request', async () => {
  await env.alice.sobject('Task').create(tasks(3, 'counted'));
  const calls = await env.t.emulator.control.calls({ method: 'POST', path: '/composite/sobjects' });
  expect(calls.calls.at(-1)?.counted).toBe(true);
  expect(calls.summary.counted).toBe(1);
  expect(await countSubjects('counted')).toBe(3);
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

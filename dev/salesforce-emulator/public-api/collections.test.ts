/**
 * sObject Collections through jsforce, public API only: the 200-record cap, per-record results,
 * allOrNone, upsert on SIA_Task_Id__c (needs the field). Every record made carries the run's tag
 * and is deleted after the file.
 */
import { contractOrg, rejection } from './target';

const org = contractOrg();

interface Result {
  id?: string;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
  created?: boolean;
}

const tasks = (n: number, name: string): Record<string, unknown>[] => Array.from({ length: n }, (_, i) => ({ Subject: org.label(`${name} ${i}`) }));
const countTasks = async (name: string): Promise<number> => (await org.conn.query(`SELECT COUNT() FROM Task WHERE Subject LIKE '${org.label(name)}%'`)).totalSize;
const createTasks = async (records: Record<string, unknown>[]): Promise<string[]> =>
  ((await org.conn.sobject('Task').create(records)) as Result[]).map((r) => r.id as string);
const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

it('201 records in one call are refused whole with EXCEEDED_ID_LIMIT', async () => {
  const err = await rejection(org.conn.sobject('Task').create(tasks(201, 'too-many')));
  expect(err.errorCode).toBe('EXCEEDED_ID_LIMIT');
  expect(err.message).toBe('record limit reached. cannot submit more than 200 records into this call');
  expect(await countTasks('too-many')).toBe(0);
});

it('200 records are created in one call, one result each, in order', async () => {
  const res = (await org.conn.sobject('Task').create(tasks(200, 'two-hundred'))) as Result[];
  expect(res).toHaveLength(200);
  expect(res.every((r) => r.success && r.errors.length === 0 && /^00T/.test(r.id as string))).toBe(true);
  const sample = (await org.conn.sobject('Task').retrieve([res[0]?.id as string, res[199]?.id as string], { fields: ['Subject'] })) as unknown as { Subject: string }[];
  expect(sample.map((r) => r.Subject)).toEqual([org.label('two-hundred 0'), org.label('two-hundred 199')]);
  expect(await countTasks('two-hundred')).toBe(200);
});

it('one invalid record fails alone, with no id; the others are saved (allOrNone false)', async () => {
  const res = (await org.conn.sobject('Task').create([{ Subject: org.label('part ok 1') }, { Subject: org.label('part bad'), Status: 'Bogus' }, { Subject: org.label('part ok 2') }])) as Result[];
  expect(res.map((r) => r.success)).toEqual([true, false, true]);
  expect(res[1]).toEqual({
    success: false,
    errors: [{ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'Status: bad value for restricted picklist field: Bogus', fields: ['Status'] }],
  });
  expect(await countTasks('part ')).toBe(2);
});

it('allOrNone create saves nothing and marks the valid records ALL_OR_NONE_OPERATION_ROLLED_BACK', async () => {
  const res = (await org.conn.sobject('Task').create([{ Subject: org.label('aon ok') }, { Subject: org.label('aon bad'), Priority: 'Urgent' }], { allOrNone: true })) as Result[];
  expect(res[0]).toEqual({ success: false, errors: [ROLLED_BACK] });
  expect(res[1]?.errors[0]?.statusCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  expect(await countTasks('aon ')).toBe(0);
});

it('allOrNone update rolls back earlier updates in the same call', async () => {
  const [a, b] = await createTasks([{ Subject: org.label('upd a') }, { Subject: org.label('upd b') }]);
  const res = (await org.conn.sobject('Task').update(
    [
      { Id: a as string, Subject: org.label('upd a changed') },
      { Id: b as string, Status: 'Bogus' },
    ],
    { allOrNone: true },
  )) as Result[];
  expect(res.map((r) => r.errors[0]?.statusCode)).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST']);
  const stored = await org.conn.sobject('Task').retrieve(a as string, { fields: ['Subject'] });
  expect((stored as unknown as { Subject: string }).Subject).toBe(org.label('upd a'));
});

it('update and delete report per record (deleted, malformed)', async () => {
  const [a, b] = await createTasks([{ Subject: org.label('del a') }, { Subject: org.label('del b') }]);
  await org.conn.sobject('Task').destroy(b as string);
  const upd = (await org.conn.sobject('Task').update([
    { Id: a as string, Subject: org.label('del a2') },
    { Id: b as string, Subject: org.label('del b2') },
  ])) as Result[];
  expect(upd[0]).toEqual({ id: a, success: true, errors: [] });
  expect(upd[1]?.errors[0]?.statusCode).toBe('ENTITY_IS_DELETED');
  const del = (await org.conn.sobject('Task').destroy([a as string, 'garbage'])) as Result[];
  expect(del[0]).toEqual({ id: a, success: true, errors: [] });
  expect(del[1]?.errors[0]?.statusCode).toBe('MALFORMED_ID');
});

it('upsert by SIA_Task_Id__c: created flags per record; a failure stays on its record, with no id (needs the field)', async () => {
  const first = (await org.conn.sobject('Task').upsert(
    [
      { SIA_Task_Id__c: org.extId('col-1'), Subject: org.label('one') },
      { SIA_Task_Id__c: org.extId('col-2'), Subject: org.label('two') },
    ],
    'SIA_Task_Id__c',
  )) as Result[];
  expect(first.map((r) => r.created)).toEqual([true, true]);
  const second = (await org.conn.sobject('Task').upsert(
    [
      { SIA_Task_Id__c: org.extId('col-1'), Subject: org.label('one again') },
      { SIA_Task_Id__c: org.extId('col-3'), Subject: org.label('three'), Status: 'Bogus' },
    ],
    'SIA_Task_Id__c',
  )) as Result[];
  expect(second[0]).toEqual({ id: first[0]?.id, success: true, errors: [], created: false });
  expect(second[1]).toEqual({
    success: false,
    errors: [{ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'Status: bad value for restricted picklist field: Bogus', fields: ['Status'] }],
  });
});

it('retrieve by ids answers null for a missing record', async () => {
  const [a] = await createTasks([{ Subject: org.label('fetch me') }]);
  const res = await org.conn.sobject('Task').retrieve([a as string, '00TDn0000000000AAA'], { fields: ['Subject'] });
  expect(res[0]).toMatchObject({ Subject: org.label('fetch me') });
  expect(res[1]).toBeNull();
});

/**
 * SOQL over REST through jsforce, emulator only: 4,500 seeded tasks in 2,000-record pages, and
 * what the call log shows of queryAll. Pages of the org's own records, errors and parent fields
 * are in ../public-api/query.test.ts.
 */
import { expect } from '@jest/globals';
import type { Connection } from 'jsforce';
import { ALICE, login, startOrg, type TestOrg } from './helpers';

const SEEDED = 4500;
let t: TestOrg;
let alice: Connection;
let contactId: string;

beforeAll(async () => {
  t = await startOrg();
  [contactId] = (await t.emulator.control.seedRecords(t.orgId, [{ sobject: 'Contact', fields: { LastName: 'Paging', Email: 'p@x.example' }, owner: ALICE }])) as [string];
  // One seed call, all in the same second, like a bulk load.
  await t.emulator.control.seedRecords(
    t.orgId,
    Array.from({ length: SEEDED }, (_, i) => ({ sobject: 'Task', fields: { Subject: `Task ${i}`, WhoId: contactId, SIA_Task_Id__c: `bulk-${i}` }, owner: ALICE })),
  );
  alice = await login(t.emulator, ALICE);
});
afterAll(() => t.emulator.close());

interface Row {
  attributes: { type: string; url: string };
  Subject: string;
  Id?: string;
}

describe('paging', () => {
  it('answers 2,000 records a page with nextRecordsUrl, then queryMore to the end', async () => {
    // The raw answer, as the server sends it (jsforce rebuilds nextRecordsUrl from the locator).
    const raw = await alice.request<{ totalSize: number; done: boolean; nextRecordsUrl: string; records: Row[] }>(`/query?q=${encodeURIComponent('SELECT Subject FROM Task')}`);
    expect(Object.keys(raw)).toEqual(['totalSize', 'done', 'nextRecordsUrl', 'records']);
    expect(raw.nextRecordsUrl).toMatch(/^\/services\/data\/v50\.0\/query\/01g[0-9A-Za-z]{15}-2000$/);
    const first = await alice.query<Row>('SELECT Subject FROM Task');
    expect(first.totalSize).toBe(SEEDED);
    expect(first.done).toBe(false);
    expect(first.records).toHaveLength(2000);
    const rec = first.records[0] as Row;
    expect(Object.keys(rec)).toEqual(['attributes', 'Subject']);
    expect(rec.attributes).toEqual({ type: 'Task', url: expect.stringMatching(/^\/services\/data\/v50\.0\/sobjects\/Task\/00T[0-9A-Za-z]{15}$/) });
    const second = await alice.queryMore<Row>(first.nextRecordsUrl as string);
    expect(second.records).toHaveLength(2000);
    expect(second.nextRecordsUrl).toMatch(/-4000$/);
    const third = await alice.queryMore<Row>(second.nextRecordsUrl as string);
    expect(third.records).toHaveLength(SEEDED - 4000);
    expect(third.done).toBe(true);
    expect(third.nextRecordsUrl).toBeUndefined();
    const urls = new Set([...first.records, ...second.records, ...third.records].map((r) => r.attributes.url));
    expect(urls.size).toBe(SEEDED);
  });

  it('autoFetch collects every page; Sforce-Query-Options asks for smaller pages', async () => {
    const all = await alice.query<Row>('SELECT Id FROM Task', { autoFetch: true, maxFetch: 10_000 });
    expect(all.records).toHaveLength(SEEDED);
    const small = await alice.query<Row>('SELECT Id FROM Task', { headers: { 'Sforce-Query-Options': 'batchSize=500' } });
    expect(small.records).toHaveLength(500);
  });

});

describe('queryAll', () => {
  it('query hides deleted tasks; queryAll returns them with IsDeleted = true', async () => {
    const { records } = await alice.query<{ Id: string }>("SELECT Id FROM Task WHERE SIA_Task_Id__c IN ('bulk-1','bulk-2','bulk-3')");
    const ids = records.map((r) => r.Id);
    await alice.sobject('Task').destroy(ids.slice(0, 2));
    const live = await alice.query<{ Id: string }>("SELECT Id, IsDeleted FROM Task WHERE SIA_Task_Id__c IN ('bulk-1','bulk-2','bulk-3')");
    expect(live.records.map((r) => r.Id)).toEqual(ids.slice(2));
    const all = await alice.query<{ Id: string; IsDeleted: boolean }>("SELECT Id, IsDeleted FROM Task WHERE SIA_Task_Id__c IN ('bulk-1','bulk-2','bulk-3') ORDER BY SIA_Task_Id__c", { scanAll: true });
    expect(all.records.map((r) => [r.Id, r.IsDeleted])).toEqual([
      [ids[0], true],
      [ids[1], true],
      [ids[2], false],
    ]);
    const calls = await t.emulator.control.calls({ path: '/queryAll' });
    expect(calls.summary.total).toBe(1);
  });
});

describe('SOQL over the seeded tasks', () => {
  it('COUNT() answers totalSize only', async () => {
    const res = await alice.query("SELECT COUNT() FROM Task WHERE Subject LIKE 'Task 4%'");
    expect(res.records).toEqual([]);
    // Task 4, 40–49, 400–499, 4000–4499
    expect(res.totalSize).toBe(1 + 10 + 100 + 500);
  });
});

/**
 * What the replication resources (/sobjects/Task/updated and /deleted) list, through jsforce,
 * public API only, on the real clock: a change is listed once its minute is covered, so the file
 * waits for the next minute once (polling, as a replication client would). That wait keeps it
 * out of `npm run test:unit`; `npm run test:salesforce-contract` runs it. Every record made
 * carries the run's tag and is deleted after the file.
 */
import type { Connection } from 'jsforce';
import { contractOrg, sleep } from './target';

const org = contractOrg();
const MIN = 60_000;

interface Stamps {
  Id: string;
  CreatedDate: string;
  LastModifiedDate: string;
  SystemModstamp: string;
}

const at = (ms: number): string => new Date(ms).toISOString();
const parseSf = (sf: string): number => Date.parse(sf.replace('+0000', 'Z'));
const SF_MINUTE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000\+0000$/;

const stamps = async (conn: Connection, id: string): Promise<Stamps> =>
  (await conn.query<Stamps>(`SELECT Id, CreatedDate, LastModifiedDate, SystemModstamp FROM Task WHERE Id = '${id}'`, { scanAll: true })).records[0] as Stamps;

/** Asks /updated until latestDateCovered passes the minute of `lastChangeMs` (the server's clock). */
async function waitUntilCovered(conn: Connection, startMs: number, lastChangeMs: number): Promise<void> {
  const deadline = Date.now() + 100_000;
  for (;;) {
    const res = await conn.sobject('Task').updated(at(startMs), at(Date.now()));
    if (parseSf(res.latestDateCovered) > lastChangeMs) return;
    if (Date.now() > deadline) throw new Error(`latestDateCovered stayed at ${res.latestDateCovered}`);
    await sleep(3000);
  }
}

let startMs: number;
let updatedTask: Stamps;
let deletedTask: Stamps;

beforeAll(async () => {
  const updated = ((await org.conn.sobject('Task').create({ Subject: org.label('updated') })) as { id: string }).id;
  const deleted = ((await org.conn.sobject('Task').create({ Subject: org.label('deleted') })) as { id: string }).id;
  // A second apart, so the deletion's time is not the creation's.
  await sleep(1100);
  await org.conn.sobject('Task').destroy(deleted);
  [updatedTask, deletedTask] = await Promise.all([stamps(org.conn, updated), stamps(org.conn, deleted)]);
  startMs = Math.floor(parseSf(updatedTask.CreatedDate) / MIN) * MIN - 2 * MIN;
  await waitUntilCovered(org.conn, startMs, parseSf(deletedTask.SystemModstamp));
}, 150_000);

describe('updated', () => {
  it('lists the records changed in the covered minutes; latestDateCovered is a whole minute', async () => {
    const res = await org.conn.sobject('Task').updated(at(startMs), at(Date.now()));
    expect(res.ids).toContain(updatedTask.Id);
    expect(res.latestDateCovered).toMatch(SF_MINUTE);
  });

  it('never covers the current minute: a change made now is not listed yet', async () => {
    const late = ((await org.conn.sobject('Task').create({ Subject: org.label('late') })) as { id: string }).id;
    const res = await org.conn.sobject('Task').updated(at(startMs), at(Date.now()));
    const lateStamp = parseSf((await stamps(org.conn, late)).SystemModstamp);
    expect(parseSf(res.latestDateCovered)).toBe(Math.floor(lateStamp / MIN) * MIN);
    expect(res.ids).not.toContain(late);
  });
});

describe('deleted', () => {
  it("lists the deletion; its deletedDate is the record's SystemModstamp and LastModifiedDate, after its CreatedDate", async () => {
    const res = await org.conn.sobject('Task').deleted(at(startMs), at(Date.now()));
    expect(res.deletedRecords).toContainEqual({ id: deletedTask.Id, deletedDate: deletedTask.SystemModstamp });
    expect(deletedTask.LastModifiedDate).toBe(deletedTask.SystemModstamp);
    expect(parseSf(deletedTask.SystemModstamp)).toBeGreaterThan(parseSf(deletedTask.CreatedDate));
    expect(res.latestDateCovered).toMatch(SF_MINUTE);
    expect(parseSf(res.earliestDateAvailable)).toBeLessThanOrEqual(parseSf(deletedTask.SystemModstamp));
  });
});

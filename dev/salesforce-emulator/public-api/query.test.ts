/**
 * SOQL over REST through jsforce, public API only: pages and queryMore, queryAll of deleted
 * tasks, COUNT(), parent fields, errors. Queries filter on the run's tag, so the org's own data
 * never shows; every record made is deleted after the file.
 */
import { contractOrg, rejection } from './target';

const org = contractOrg();
const PAGED = 250;

interface Row {
  attributes: { type: string; url: string };
  Subject: string;
  Id?: string;
}
interface Raw {
  totalSize: number;
  done: boolean;
  nextRecordsUrl: string;
  records: Row[];
}

const createTasks = async (records: Record<string, unknown>[]): Promise<string[]> =>
  ((await org.conn.sobject('Task').create(records)) as { id: string }[]).map((r) => r.id);

beforeAll(async () => {
  const subjects = Array.from({ length: PAGED }, (_, i) => ({ Subject: org.label(`page ${i}`) }));
  await createTasks(subjects.slice(0, 200));
  await createTasks(subjects.slice(200));
});

describe('pages', () => {
  const soql = (): string => `SELECT Subject FROM Task WHERE Subject LIKE '${org.label('page ')}%'`;
  const pageOf200 = { headers: { 'Sforce-Query-Options': 'batchSize=200' } };

  it('Sforce-Query-Options batchSize=200 answers 200 records with nextRecordsUrl, then queryMore to the end', async () => {
    // The raw answer, as the server sends it (jsforce rebuilds nextRecordsUrl from the locator).
    const raw = await org.conn.request<Raw>({ method: 'GET', url: `/query?q=${encodeURIComponent(soql())}`, headers: pageOf200.headers });
    expect(Object.keys(raw)).toEqual(['totalSize', 'done', 'nextRecordsUrl', 'records']);
    expect(raw.nextRecordsUrl).toMatch(new RegExp(`^/services/data/v${org.conn.version.replace('.', '\\.')}/query/01g[0-9A-Za-z]{15}-200$`));
    const first = await org.conn.query<Row>(soql(), pageOf200);
    expect(first.totalSize).toBe(PAGED);
    expect(first.done).toBe(false);
    expect(first.records).toHaveLength(200);
    const rec = first.records[0] as Row;
    expect(Object.keys(rec)).toEqual(['attributes', 'Subject']);
    expect(Object.keys(rec.attributes)).toEqual(['type', 'url']);
    expect(rec.attributes.type).toBe('Task');
    expect(rec.attributes.url).toMatch(new RegExp(`^/services/data/v${org.conn.version.replace('.', '\\.')}/sobjects/Task/00T[0-9A-Za-z]{15}$`));
    const second = await org.conn.queryMore<Row>(first.nextRecordsUrl as string);
    expect(second.records).toHaveLength(PAGED - 200);
    expect(second.done).toBe(true);
    expect(second.nextRecordsUrl).toBeUndefined();
    const urls = new Set([...first.records, ...second.records].map((r) => r.attributes.url));
    expect(urls.size).toBe(PAGED);
  });

  it('autoFetch collects every page', async () => {
    const all = await org.conn.query<Row>(soql(), { ...pageOf200, autoFetch: true, maxFetch: 1000 });
    expect(all.records).toHaveLength(PAGED);
  });

  it('an unknown locator is INVALID_QUERY_LOCATOR', async () => {
    const err = await rejection(org.conn.queryMore('01gDn0000000000AAA-2000'));
    expect(err.errorCode).toBe('INVALID_QUERY_LOCATOR');
  });
});

describe('queryAll', () => {
  it('query hides deleted tasks; queryAll returns them with IsDeleted = true', async () => {
    const ids = await createTasks([1, 2, 3].map((i) => ({ Subject: org.label(`bin ${i}`) })));
    await org.conn.sobject('Task').destroy(ids.slice(0, 2));
    const where = `WHERE Subject LIKE '${org.label('bin ')}%'`;
    const live = await org.conn.query<{ Id: string }>(`SELECT Id, IsDeleted FROM Task ${where}`);
    expect(live.records.map((r) => r.Id)).toEqual(ids.slice(2));
    const all = await org.conn.query<{ Id: string; IsDeleted: boolean }>(`SELECT Id, IsDeleted FROM Task ${where} ORDER BY Subject`, { scanAll: true });
    expect(all.records.map((r) => [r.Id, r.IsDeleted])).toEqual([
      [ids[0], true],
      [ids[1], true],
      [ids[2], false],
    ]);
  });
});

describe('SOQL features and errors', () => {
  it('COUNT() answers totalSize only', async () => {
    const res = await org.conn.query(`SELECT COUNT() FROM Task WHERE Subject LIKE '${org.label('page 1')}%'`);
    expect(res.records).toEqual([]);
    // page 1, 10–19, 100–199
    expect(res.totalSize).toBe(1 + 10 + 100);
  });

  it('parent fields come as nested records, the polymorphic Who as the Name object', async () => {
    const contact = ((await org.conn.sobject('Contact').create({ LastName: org.label('Parent') })) as { id: string }).id;
    await createTasks([{ Subject: org.label('child'), WhoId: contact }]);
    const res = await org.conn.query<Record<string, unknown>>(`SELECT Subject, Who.Name, Owner.Email FROM Task WHERE Subject = '${org.label('child')}'`);
    const rec = res.records[0] as Record<string, { attributes: unknown; Name?: string; Email?: string }>;
    expect(rec.Who).toMatchObject({ attributes: { type: 'Name' }, Name: org.label('Parent') });
    expect(rec.Owner).toMatchObject({ Email: (await org.conn.identity()).email });
  });

  it('unknown fields and objects fail like Salesforce', async () => {
    const err = await rejection(org.conn.query('SELECT Nope FROM Task'));
    expect(err.errorCode).toBe('INVALID_FIELD');
    const err2 = await rejection(org.conn.query('SELECT Id FROM Nope'));
    expect(err2.errorCode).toBe('INVALID_TYPE');
  });
});

import { advance, boundaryReread, changesQuery, hasMorePages, recordsAfter, type ChangeCursor } from './cursor';
import { salesforceTaskFields } from './salesforce-mapping';

const cursor: ChangeCursor = { modstamp: '2024-01-15T10:30:00.000Z', id: '00T000000000005AAA' };

describe('changesQuery', () => {
  test('owners and cursor', () => {
    expect(changesQuery({ owners: { ownerIds: ['005A', '005B'] }, after: cursor, fields: ['Id', 'Subject', 'SystemModstamp'] })).toBe(
      "SELECT Id, Subject, SystemModstamp FROM Task WHERE OwnerId IN ('005A', '005B') AND " +
        "(SystemModstamp > 2024-01-15T10:30:00Z OR (SystemModstamp = 2024-01-15T10:30:00Z AND Id > '00T000000000005AAA')) " +
        'ORDER BY SystemModstamp ASC, Id ASC LIMIT 2000',
    );
  });

  test('first run: no cursor condition', () => {
    expect(changesQuery({ owners: { ownerIds: ['005A'] }, after: null, fields: ['Id'] })).toBe(
      "SELECT Id, SystemModstamp FROM Task WHERE OwnerId IN ('005A') ORDER BY SystemModstamp ASC, Id ASC LIMIT 2000",
    );
  });

  test('all owners, custom limit', () => {
    expect(changesQuery({ owners: 'all', after: null, fields: ['Id', 'SystemModstamp'], limit: 200 })).toBe(
      'SELECT Id, SystemModstamp FROM Task ORDER BY SystemModstamp ASC, Id ASC LIMIT 200',
    );
  });

  test('default fields are the mapped Task fields', () => {
    const q = changesQuery({ owners: 'all', after: null });
    expect(q.startsWith(`SELECT ${salesforceTaskFields.join(', ')} FROM Task`)).toBe(true);
  });

  test('a nasty owner id or cursor id stays a string literal', () => {
    const q = changesQuery({ owners: { ownerIds: ["005' OR OwnerId != '"] }, after: { modstamp: cursor.modstamp, id: "x\\' OR '1" }, fields: ['Id'] });
    expect(q).toContain("OwnerId IN ('005\\' OR OwnerId != \\'')");
    expect(q).toContain("Id > 'x\\\\\\' OR \\'1'");
  });

  test('cursor in Salesforce spelling', () => {
    expect(changesQuery({ owners: 'all', after: { modstamp: '2024-01-15T10:30:00.000+0000', id: 'a' }, fields: ['Id'] })).toContain('SystemModstamp > 2024-01-15T10:30:00Z');
  });

  test('a cursor with a fraction of a second falls back to >= its second', () => {
    expect(changesQuery({ owners: 'all', after: { modstamp: '2024-01-15T10:30:00.250Z', id: 'a' }, fields: ['Id'] })).toBe(
      'SELECT Id, SystemModstamp FROM Task WHERE SystemModstamp >= 2024-01-15T10:30:00Z ORDER BY SystemModstamp ASC, Id ASC LIMIT 2000',
    );
  });

  test.each([[0], [2001], [1.5]])('refuses limit %p', (limit) => {
    expect(() => changesQuery({ owners: 'all', after: null, limit })).toThrow(RangeError);
  });
  test.each([[1], [2000]])('accepts limit %p', (limit) => {
    expect(changesQuery({ owners: 'all', after: null, fields: ['Id'], limit })).toMatch(new RegExp(`LIMIT ${limit}$`));
  });
  test('refuses no owners and bad field names', () => {
    expect(() => changesQuery({ owners: { ownerIds: [] }, after: null })).toThrow(RangeError);
    expect(() => changesQuery({ owners: 'all', after: null, fields: ['Id FROM Account --'] })).toThrow(RangeError);
  });
});

describe('advance', () => {
  const page = [
    { Id: '00T1', SystemModstamp: '2024-01-15T10:30:00.000+0000' },
    { Id: '00T2', SystemModstamp: '2024-01-15T10:31:00.000+0000' },
  ];
  test.each<[string, ChangeCursor | null, typeof page, ChangeCursor | null]>([
    ['empty page keeps the cursor', cursor, [], cursor],
    ['empty first page stays null', null, [], null],
    ['moves to the last record as SF ordered it', cursor, page, { modstamp: '2024-01-15T10:31:00.000Z', id: '00T2' }],
  ])('%s', (_label, from, records, expected) => {
    expect(advance(from, records)).toEqual(expected);
  });
  test('refuses a bad SystemModstamp', () => {
    expect(() => advance(null, [{ Id: 'x', SystemModstamp: 'yesterday' }])).toThrow(RangeError);
  });
});

describe('hasMorePages', () => {
  test.each([
    [1999, 2000, false],
    [2000, 2000, true],
    [0, 2000, false],
    [200, 200, true],
  ])('%p records, limit %p → %p', (n, limit, expected) => {
    expect(hasMorePages(new Array(n).fill(null), limit)).toBe(expected);
  });
});

describe('recordsAfter', () => {
  const at = { modstamp: '2024-01-15T10:30:00.000Z', id: '00T000000000005' };
  test.each([
    ['earlier second', '2024-01-15T10:29:59.000+0000', '00T000000000009', false],
    ['same second, smaller id', '2024-01-15T10:30:00.000+0000', '00T000000000004', false],
    ['same second, same id', '2024-01-15T10:30:00.000+0000', '00T000000000005', false],
    ['same second, same id in 18-character form', '2024-01-15T10:30:00.000+0000', '00T000000000005AAA', false],
    ['same second, larger id', '2024-01-15T10:30:00.000+0000', '00T000000000006', true],
    ['later second, smaller id', '2024-01-15T10:30:01.000+0000', '00T000000000001', true],
  ])('%s → %p', (_label, SystemModstamp, Id, kept) => {
    expect(recordsAfter(at, [{ Id, SystemModstamp }])).toHaveLength(kept ? 1 : 0);
  });
  test('no cursor keeps everything', () => {
    expect(recordsAfter(null, [{ Id: 'a', SystemModstamp: '2024-01-15T10:30:00.000+0000' }])).toHaveLength(1);
  });
});

describe('boundaryReread', () => {
  it('starts the next read at the start of the cursor second, so a record changed again within it is read again', () => {
    const last = { modstamp: '2024-01-15T10:30:00.000Z', id: '00T000000000002AAA' };
    const from = boundaryReread(last);
    expect(from).toEqual({ modstamp: '2024-01-15T10:30:00.000Z', id: '' });
    const sameSecond = [
      { Id: '00T000000000001AAA', SystemModstamp: '2024-01-15T10:30:00.000+0000' },
      { Id: '00T000000000002AAA', SystemModstamp: '2024-01-15T10:30:00.000+0000' },
    ];
    expect(recordsAfter(from, sameSecond)).toHaveLength(2);
    expect(recordsAfter(last, sameSecond)).toHaveLength(0);
    expect(changesQuery({ owners: 'all', after: from })).toContain("(SystemModstamp > 2024-01-15T10:30:00Z OR (SystemModstamp = 2024-01-15T10:30:00Z AND Id > ''))");
  });

  it('has nothing to re-read before the first read', () => {
    expect(boundaryReread(null)).toBeNull();
  });
});

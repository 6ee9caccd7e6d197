import { executeSoql, parseSoql, SoqlError } from './index';
import { bareSchema, testSchema } from './test-schema';

const NOW = new Date('2024-01-20T15:00:00.000Z');
const U1 = '005000000000001AAA';
const U2 = '005000000000002';
const U3 = '005000000000003AAA';

function task(id: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    Id: id, Subject: null, Status: 'Not Started', Priority: 'Normal', ActivityDate: null, Description: null,
    IsReminderSet: false, ReminderDateTime: null, IsClosed: false, IsDeleted: false, OwnerId: U1, WhoId: null,
    SIA_Task_Id__c: null, SystemModstamp: '2024-01-15T10:30:00.000+0000', LastModifiedDate: '2024-01-15T10:30:00.000+0000',
    ...fields,
  };
}

const tasks = [
  task('00T000000000001AAA', { Subject: 'Call Bob', SystemModstamp: '2024-01-15T10:29:59.000+0000' }),
  task('00T000000000002AAA', { Subject: 'call alice', SystemModstamp: '2024-01-15T10:30:00.000+0000' }),
  task('00T000000000003AAA', { Subject: 'Email Carol', SystemModstamp: '2024-01-15T10:30:00.000+0000' }),
  task('00T000000000004AAA', { Subject: 'Demo', SystemModstamp: '2024-01-15T11:30:00.000+0100', OwnerId: '005000000000002AAA' }),
  task('00T000000000005AAA', { Subject: 'Other owner', SystemModstamp: '2024-01-16T00:00:00.000+0000', OwnerId: U3 }),
  task('00T000000000006AAA', { Subject: 'Later', SystemModstamp: '2024-01-16T09:00:00.000+0000', ActivityDate: '2024-01-21' }),
];

function run(soql: string, rows: Record<string, unknown>[] = tasks) {
  return executeSoql(parseSoql(soql, testSchema), rows, NOW);
}

function ids(soql: string, rows: Record<string, unknown>[] = tasks): string[] {
  return run(soql, rows).records.map((r) => String(r.Id).slice(12, 15));
}

function errorOf(soql: string, schema = testSchema): SoqlError {
  try {
    parseSoql(soql, schema);
  } catch (e) {
    if (e instanceof SoqlError) return e;
    throw e;
  }
  throw new Error(`expected ${soql} to be refused`);
}

describe('the product queries', () => {
  const cursorQuery =
    `SELECT Id, Subject, Status, Priority, ActivityDate, Description, IsReminderSet, ReminderDateTime, IsClosed, IsDeleted, OwnerId, SIA_Task_Id__c, SystemModstamp, LastModifiedDate FROM Task ` +
    `WHERE OwnerId IN ('${U1}', '${U2}') AND (SystemModstamp > 2024-01-15T10:30:00.000+0000 OR (SystemModstamp = 2024-01-15T10:30:00.000+0000 AND Id > '00T000000000002AAA')) ` +
    `ORDER BY SystemModstamp ASC, Id ASC LIMIT 2000`;

  it('pages tasks by the compound (SystemModstamp, Id) cursor', () => {
    // 001 is before the cursor, 002 is the cursor itself, 004 is 10:30 UTC written at +01:00 and
    // owned under an 18-char id matched by a 15-char one, 005 is another owner.
    expect(ids(cursorQuery)).toEqual(['003', '004', '006']);
  });

  it('returns every selected field, in canonical spelling and SELECT order', () => {
    const rec = run(cursorQuery).records[0] as Record<string, unknown>;
    expect(Object.keys(rec)).toEqual([
      'Id', 'Subject', 'Status', 'Priority', 'ActivityDate', 'Description', 'IsReminderSet', 'ReminderDateTime',
      'IsClosed', 'IsDeleted', 'OwnerId', 'SIA_Task_Id__c', 'SystemModstamp', 'LastModifiedDate',
    ]);
    expect(rec.Subject).toBe('Email Carol');
    expect(run(cursorQuery).totalSize).toBe(3);
  });

  it('matches contacts by email, case-insensitively', () => {
    const contacts = [
      { Id: '003000000000001AAA', Email: 'A@X.com', AccountId: '001000000000001AAA', LastName: 'A' },
      { Id: '003000000000002AAA', Email: 'b@y.com', AccountId: null, LastName: 'B' },
      { Id: '003000000000003AAA', Email: 'c@z.com', AccountId: null, LastName: 'C' },
      { Id: '003000000000004AAA', Email: null, AccountId: null, LastName: 'D' },
    ];
    const res = run(`SELECT Id, Email, AccountId FROM Contact WHERE Email IN ('a@x.com','b@y.com')`, contacts);
    expect(res.records).toEqual([
      { Id: '003000000000001AAA', Email: 'A@X.com', AccountId: '001000000000001AAA' },
      { Id: '003000000000002AAA', Email: 'b@y.com', AccountId: null },
    ]);
  });
});

describe('WHERE semantics', () => {
  const rows = [
    task('00T000000000001AAA', { Subject: 'Call Bob', ActivityDate: '2024-01-19', IsClosed: true, ReminderDateTime: '2024-01-20T08:00:00.000+0000' }),
    task('00T000000000002AAA', { Subject: 'call_50%', ActivityDate: '2024-01-20', ReminderDateTime: '2024-01-21T00:00:00.000+0000' }),
    task('00T000000000003AAA', { Subject: null, ActivityDate: '2024-01-21', ReminderDateTime: '2024-01-10T23:59:59.000+0000' }),
    task('00T000000000004AAA', { Subject: "O'Brien\\x", ActivityDate: '2024-01-25', WhoId: '003000000000001AAA' }),
    task('00T000000000005AAA', { Subject: 'line\nbreak', ActivityDate: '2023-12-31', IsClosed: true }),
  ];
  const table: Array<[string, string[]]> = [
    ["Subject = 'CALL BOB'", ['001']],
    ["Subject != 'call bob'", ['002', '003', '004', '005']],
    ["Subject <> 'call bob'", ['002', '003', '004', '005']],
    ['Subject = null', ['003']],
    ['Subject != null', ['001', '002', '004', '005']],
    ["Subject = ''", ['003']],
    ["Subject LIKE 'call%'", ['001', '002']],
    ["Subject LIKE 'CALL B_B'", ['001']],
    ["Subject LIKE 'call\\_50\\%'", ['002']],
    ["Subject LIKE 'call\\_%'", ['002']],
    ["Subject LIKE '%'", ['001', '002', '004', '005']],
    ["Subject = 'O\\'Brien\\\\x'", ['004']],
    ["Subject = 'line\\nbreak'", ['005']],
    ["Subject IN ('call bob', 'nobody')", ['001']],
    ["Subject NOT IN ('call bob')", ['002', '003', '004', '005']],
    ['ActivityDate = 2024-01-20', ['002']],
    ['ActivityDate > 2024-01-20', ['003', '004']],
    ['ActivityDate <= 2024-01-20', ['001', '002', '005']],
    ['ActivityDate = TODAY', ['002']],
    ['ActivityDate = YESTERDAY', ['001']],
    ['ActivityDate = TOMORROW', ['003']],
    ['ActivityDate > TODAY', ['003', '004']],
    ['ActivityDate < TODAY', ['001', '005']],
    ['ActivityDate >= TODAY', ['002', '003', '004']],
    ['ActivityDate <= TODAY', ['001', '002', '005']],
    ['ActivityDate = LAST_N_DAYS:1', ['001', '002']],
    ['ActivityDate = NEXT_N_DAYS:5', ['003', '004']],
    ['ActivityDate = NEXT_N_DAYS:1', ['003']],
    ['ActivityDate = LAST_N_DAYS:30', ['001', '002', '005']],
    ['ActivityDate = THIS_MONTH', ['001', '002', '003', '004']],
    ['ActivityDate = LAST_MONTH', ['005']],
    ['ActivityDate != TODAY', ['001', '003', '004', '005']],
    ['ReminderDateTime = TODAY', ['001']],
    ['ReminderDateTime > TODAY', ['002']],
    ['ReminderDateTime < 2024-01-20T09:00:00+01:00', ['003']],
    ['ReminderDateTime <= 2024-01-20T09:00:00+01:00', ['001', '003']],
    ['ReminderDateTime = 2024-01-20T08:00:00Z', ['001']],
    ['ReminderDateTime = 2024-01-20T08:00:00.000+0000', ['001']],
    ['ReminderDateTime > 2024-01-20T08:00:00.001Z', ['002']],
    ['IsClosed = true', ['001', '005']],
    ['IsClosed = FALSE', ['002', '003', '004']],
    ['IsClosed = null', ['002', '003', '004']],
    ['IsClosed != null', ['001', '005']],
    ["WhoId = '003000000000001'", ['004']],
    ["WhoId = '003000000000001AAA'", ['004']],
    ['WhoId = null', ['001', '002', '003', '005']],
    ["Id IN ('00T000000000001', '00T000000000003AAA')", ['001', '003']],
    ["Id > '00T000000000003'", ['004', '005']],
    ["NOT Subject = 'call bob'", ['002', '003', '004', '005']],
    ["IsClosed = true AND Subject LIKE 'call%'", ['001']],
    ["IsClosed = true OR Subject LIKE 'call%' OR ActivityDate = 2024-01-25", ['001', '002', '004', '005']],
    ["(IsClosed = true OR Subject LIKE 'call%') AND ActivityDate >= 2024-01-01", ['001', '002']],
    ["IsClosed = true AND (NOT Subject LIKE 'call%')", ['005']],
    ["NOT (IsClosed = true OR Subject = null)", ['002', '004']],
    ["subject = 'call bob' and isclosed = TRUE", ['001']],
  ];

  it.each(table)('WHERE %s', (where, expected) => {
    expect(ids(`SELECT Id FROM Task WHERE ${where}`, rows)).toEqual(expected);
  });

  it('counts with COUNT()', () => {
    expect(run('SELECT COUNT() FROM Task WHERE IsClosed = true', rows)).toEqual({ records: [], totalSize: 2 });
  });

  it('resolves date literals in UTC days', () => {
    const late = new Date('2024-01-20T23:59:59.999Z');
    const q = parseSoql('SELECT Id FROM Task WHERE ActivityDate = TODAY', testSchema);
    expect(executeSoql(q, rows, late).records).toHaveLength(1);
    expect(executeSoql(q, rows, new Date('2024-01-21T00:00:00.000Z')).records.map((r) => r.Id)).toEqual(['00T000000000003AAA']);
  });
});

describe('ORDER BY, LIMIT, OFFSET', () => {
  const rows = [
    task('00T000000000001AAA', { Subject: 'beta', ActivityDate: '2024-01-02' }),
    task('00T000000000002AAA', { Subject: null, ActivityDate: '2024-01-01' }),
    task('00T000000000003AAA', { Subject: 'Alpha', ActivityDate: null }),
    task('00T000000000004AAA', { Subject: 'alpha', ActivityDate: '2024-01-01' }),
    task('00T000000000005AAA', { Subject: 'Gamma', ActivityDate: '2024-01-03' }),
  ];
  const table: Array<[string, string[]]> = [
    ['ORDER BY Subject', ['002', '003', '004', '001', '005']],
    ['ORDER BY Subject ASC NULLS LAST', ['003', '004', '001', '005', '002']],
    ['ORDER BY Subject DESC', ['002', '005', '001', '003', '004']],
    ['ORDER BY Subject DESC NULLS LAST', ['005', '001', '003', '004', '002']],
    ['ORDER BY ActivityDate, Id DESC', ['003', '004', '002', '001', '005']],
    ['ORDER BY ActivityDate NULLS LAST, Subject', ['002', '004', '001', '005', '003']],
    ['ORDER BY Id DESC LIMIT 2', ['005', '004']],
    ['ORDER BY Id LIMIT 2 OFFSET 1', ['002', '003']],
    ['ORDER BY Id OFFSET 3', ['004', '005']],
    ['ORDER BY Id LIMIT 0', []],
    ['order by id desc limit 1', ['005']],
  ];
  it.each(table)('%s', (tail, expected) => {
    expect(ids(`SELECT Id FROM Task ${tail}`, rows)).toEqual(expected);
  });
});

describe('parent relationship fields', () => {
  const rows = [
    task('00T000000000001AAA', { Owner: { attributes: { type: 'User' }, Email: 'o@x.com', Name: 'Olga' }, Who: { Name: 'Bob', Type: 'Contact' } }),
    task('00T000000000002AAA', { Owner: { Email: 'p@x.com', Name: 'Pat' }, Who: null }),
  ];
  it('projects them as nested records and filters on them', () => {
    const res = run("SELECT Id, Owner.Email, owner.name, Who.Name FROM Task WHERE Owner.Email = 'O@X.COM'", rows);
    expect(res.records).toEqual([
      { Id: '00T000000000001AAA', Owner: { attributes: { type: 'User' }, Email: 'o@x.com', Name: 'Olga' }, Who: { Name: 'Bob' } },
    ]);
    const res2 = run('SELECT Id, Who.Name FROM Task WHERE Who.Name = null ORDER BY Owner.Name', rows);
    expect(res2.records).toEqual([{ Id: '00T000000000002AAA', Who: null }]);
  });
  it('reads parents that rows expose as lazy, non-enumerable properties', () => {
    const schema = { ...bareSchema, relationshipTarget: testSchema.relationshipTarget };
    const row = task('00T000000000001AAA', {});
    Object.defineProperty(row, 'Owner', { enumerable: false, get: () => ({ Email: 'lazy@x.com' }) });
    const q = parseSoql("SELECT Id, owner.Email FROM Task WHERE OWNER.Email LIKE 'lazy%'", schema);
    expect(executeSoql(q, [row], NOW).records).toEqual([{ Id: '00T000000000001AAA', owner: { Email: 'lazy@x.com' } }]);
  });
  it('refuses them when the schema knows no relationships', () => {
    const e = errorOf('SELECT Id, Owner.Email FROM Task', bareSchema);
    expect(e.errorCode).toBe('INVALID_FIELD');
    expect(e.message).toContain("Didn't understand relationship 'Owner' in field path");
  });
});

describe('errors', () => {
  const table: Array<[string, string, string]> = [
    ['SELECT Id, Foo FROM Task', 'INVALID_FIELD', "No such column 'Foo' on entity 'Task'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name."],
    ['SELECT Id FROM Task WHERE Foo__c = 1', 'INVALID_FIELD', "No such column 'Foo__c' on entity 'Task'"],
    ['SELECT Id FROM Task ORDER BY Bar', 'INVALID_FIELD', "No such column 'Bar' on entity 'Task'"],
    ['SELECT Id FROM Foo', 'INVALID_TYPE', "sObject type 'Foo' is not supported."],
    ["SELECT Id FROM Task WHERE ActivityDate = '2024-01-15'", 'INVALID_FIELD', "value of filter criterion for field 'ActivityDate' must be of type date and should not be enclosed in quotes"],
    ['SELECT Id FROM Task WHERE ActivityDate = 2024-01-15T00:00:00Z', 'INVALID_FIELD', 'must be of type date'],
    ['SELECT Id FROM Task WHERE SystemModstamp > 2024-01-15', 'INVALID_FIELD', "value of filter criterion for field 'SystemModstamp' must be of type dateTime and should not be enclosed in quotes"],
    ["SELECT Id FROM Task WHERE SystemModstamp > '2024-01-15T10:30:00Z'", 'INVALID_FIELD', 'must be of type dateTime'],
    ['SELECT Id FROM Task WHERE Subject = 5', 'INVALID_FIELD', "value of filter criterion for field 'Subject' must be of type string and should be enclosed in quotes"],
    ['SELECT Id FROM Task WHERE Subject = TODAY', 'INVALID_FIELD', 'must be of type string'],
    ["SELECT Id FROM Task WHERE IsClosed = 'true'", 'INVALID_FIELD', 'must be of type boolean and should not be enclosed in quotes'],
    ["SELECT Id FROM Task WHERE CallDurationInSeconds = '5'", 'INVALID_FIELD', 'must be of type int'],
    ['SELECT Id FROM Task WHERE CallDurationInSeconds = 1.5', 'INVALID_FIELD', 'must be of type int'],
    ["SELECT Id FROM Task WHERE OwnerId = 'abc'", 'INVALID_QUERY_FILTER_OPERATOR', 'invalid ID field: abc'],
    ["SELECT Id FROM Task WHERE Id IN ('00T000000000001', 'nope')", 'INVALID_QUERY_FILTER_OPERATOR', 'invalid ID field: nope'],
    ["SELECT Id FROM Task WHERE OwnerId LIKE '005%'", 'INVALID_QUERY_FILTER_OPERATOR', 'invalid operator on reference field'],
    ['SELECT Id FROM Task WHERE IsClosed > false', 'INVALID_QUERY_FILTER_OPERATOR', 'invalid operator on boolean field'],
    ["SELECT Id FROM Task WHERE Description = 'x'", 'INVALID_FIELD', "field 'Description' can not be filtered in a query call"],
    ['SELECT Id FROM Task ORDER BY Description', 'INVALID_FIELD', "field 'Description' can not be sorted in a query call"],
    ["SELECT Id FROM Task WHERE Subject = 'a' AND Subject = 'b' OR Subject = 'c'", 'MALFORMED_QUERY', "unexpected token: 'OR'"],
    ["SELECT Id FROM Task WHERE Subject = 'a' OR Subject = 'b' AND Subject = 'c'", 'MALFORMED_QUERY', "unexpected token: 'AND'"],
    ["SELECT Id FROM Task WHERE NOT Subject = 'a' AND Subject = 'b'", 'MALFORMED_QUERY', "unexpected token: 'AND'"],
    ["SELECT Id FROM Task WHERE Subject = 'a' AND NOT Subject = 'b'", 'MALFORMED_QUERY', "unexpected token: 'NOT'"],
    ['SELECT Id FROM Task ORDER BY Id OFFSET 2001', 'NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000'],
    ['SELECT Id FROM Task ALL ROWS', 'MALFORMED_QUERY', 'ALL ROWS not allowed in this context'],
    ['SELECT Id FROM Task WHERE IsDeleted = true ALL ROWS', 'MALFORMED_QUERY', 'ALL ROWS not allowed in this context'],
    ['SELECT Id FROM Task LIMIT -1', 'MALFORMED_QUERY', "unexpected token: '-'"],
    ['SELECT Id FROM Task LIMIT 1.5', 'MALFORMED_QUERY', 'LIMIT must be a non-negative integer'],
    ['SELECT Id FROM Task OFFSET 5 LIMIT 1', 'MALFORMED_QUERY', "unexpected token: 'LIMIT'"],
    ['SELECT Id Subject FROM Task', 'MALFORMED_QUERY', "unexpected token: 'Subject'"],
    ['SELECT Id, FROM Task', 'MALFORMED_QUERY', "unexpected token: 'FROM'"],
    ['SELECT Id FROM Task WHERE', 'MALFORMED_QUERY', 'unexpected token: <EOF>'],
    ["SELECT Id FROM Task WHERE Subject = 'open", 'MALFORMED_QUERY', 'unterminated string literal'],
    ["SELECT Id FROM Task WHERE Subject = 'a\\qb'", 'MALFORMED_QUERY', "Illegal character sequence '\\q'"],
    ['SELECT Id FROM Task WHERE Subject = "a"', 'MALFORMED_QUERY', "unexpected token: '\"'"],
    ['SELECT Id FROM Task WHERE ActivityDate = 2024-02-30', 'MALFORMED_QUERY', '2024-02-30'],
    ['SELECT Id FROM Task WHERE ActivityDate = LAST_N_DAYS', 'MALFORMED_QUERY', 'unexpected token'],
    ['SELECT Id FROM Task WHERE ActivityDate = SOMEDAY', 'MALFORMED_QUERY', "unexpected token: 'SOMEDAY'"],
    ["SELECT Id FROM Task WHERE (Subject = 'a'", 'MALFORMED_QUERY', 'unexpected token: <EOF>'],
    ['SELECT COUNT(), Id FROM Task', 'MALFORMED_QUERY', 'COUNT() cannot be combined'],
    ['SELECT Id, id FROM Task', 'MALFORMED_QUERY', 'duplicate field selected: Id'],
    ['SELECT Id FROM Task GROUP BY Subject', 'MALFORMED_QUERY', "unexpected token: 'GROUP'"],
    ['SELECT MAX(ActivityDate) FROM Task', 'MALFORMED_QUERY', 'not supported'],
    ['SELECT Id FROM Task WHERE Subject = :name', 'MALFORMED_QUERY', "unexpected token: ':'"],
  ];
  it.each(table)('%s → %s', (soql, code, message) => {
    const e = errorOf(soql);
    expect(e.errorCode).toBe(code);
    expect(e.message).toContain(message);
  });

  it('points at the offending token the way Salesforce does', () => {
    const e = errorOf('SELECT Id, Foo FROM Task');
    expect(e.message.split('\n').slice(0, 3)).toEqual(['SELECT Id, Foo FROM Task', '           ^', 'ERROR at Row:1:Column:12']);
  });

  it('accepts keywords and names in any case', () => {
    const q = parseSoql("select ID, subject from TASK where SUBJECT like 'a%' order by SystemModStamp desc nulls last limit 5 offset 2000", testSchema);
    expect(q).toMatchObject({ sobject: 'Task', fields: ['Id', 'Subject'], limit: 5, offset: 2000, isCount: false });
    expect(q.orderBy[0]).toMatchObject({ direction: 'DESC', nulls: 'LAST', field: { path: ['SystemModstamp'] } });
  });
});

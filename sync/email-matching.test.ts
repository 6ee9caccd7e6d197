import { deriveLead, matchRecipients, normalizeAddress, type Candidate, type MatchSettings } from './email-matching';

const base: MatchSettings = { logToContacts: true, logToLeads: true, multipleMatches: 'all', noMatch: 'do_not_log' };
const ann1: Candidate = { id: '003A', email: 'ann@acme.com', type: 'Contact', createdDate: '2020-01-01T00:00:00.000+0000', lastActivityDate: '2024-01-01' };
const ann2: Candidate = { id: '003B', email: 'ANN@acme.com', type: 'Contact', createdDate: '2021-01-01T00:00:00.000+0000', lastActivityDate: '2024-03-01' };
const annLead: Candidate = { id: '00QA', email: 'ann@acme.com', type: 'Lead', createdDate: '2019-01-01T00:00:00.000+0000', lastActivityDate: null };
const bob: Candidate = { id: '003C', email: 'bob@acme.com', type: 'Contact', createdDate: '2022-01-01T00:00:00.000+0000' };

describe('matchRecipients: who to log on', () => {
  test.each<[string, Partial<MatchSettings>, Candidate[], string[]]>([
    ['all matches', {}, [ann1, ann2, annLead], ['003A', '003B', '00QA']],
    ['oldest', { multipleMatches: 'oldest' }, [ann1, ann2, annLead], ['00QA']],
    ['oldest among contacts only', { multipleMatches: 'oldest', logToLeads: false }, [ann1, ann2, annLead], ['003A']],
    ['most recent activity', { multipleMatches: 'most_recent_activity' }, [ann1, ann2, annLead], ['003B']],
    ['leads only', { logToContacts: false }, [ann1, ann2, annLead], ['00QA']],
    ['most recent activity, none has any: oldest', { multipleMatches: 'most_recent_activity' }, [{ ...ann1, lastActivityDate: null }, { ...ann2, lastActivityDate: undefined }], ['003A']],
    ['most recent activity, tie: older record', { multipleMatches: 'most_recent_activity' }, [{ ...ann2, lastActivityDate: '2024-01-01' }, ann1], ['003A']],
    ['oldest, same creation: smaller id', { multipleMatches: 'oldest' }, [{ ...ann2, createdDate: ann1.createdDate }, ann1], ['003A']],
    ['single match', { multipleMatches: 'oldest' }, [ann2], ['003B']],
  ])('%s', (_label, settings, candidates, whoIds) => {
    const r = matchRecipients({ to: ['ann@acme.com'], cc: [], candidates, settings: { ...base, ...settings } });
    expect(r.whoIds).toEqual(whoIds);
  });

  test('each id once across recipients, in recipient order; Cc counts', () => {
    const shared: Candidate = { ...bob, email: 'team@acme.com' };
    const r = matchRecipients({ to: ['bob@acme.com'], cc: ['Ann@Acme.com', 'team@acme.com'], candidates: [ann1, bob, shared, { ...bob, id: '003C' }], settings: base });
    expect(r.recipients).toEqual(['bob@acme.com', 'ann@acme.com', 'team@acme.com']);
    expect(r.whoIds).toEqual(['003C', '003A']);
    expect(r.matches).toEqual([
      { address: 'bob@acme.com', whoIds: ['003C', '003C'] },
      { address: 'ann@acme.com', whoIds: ['003A'] },
      { address: 'team@acme.com', whoIds: ['003C'] },
    ]);
  });
});

describe('matchRecipients: recipients', () => {
  test('lower-cased, angle brackets and blanks removed, duplicates and sender dropped', () => {
    const r = matchRecipients({
      to: [' <Ann@Acme.com> ', { address: 'ann@acme.com', name: 'Ann' }, 'me@sia.example', 'not-an-address', ''],
      cc: ['BOB@acme.com'],
      candidates: [],
      settings: base,
      senderAddresses: ['Me@SIA.example'],
    });
    expect(r.recipients).toEqual(['ann@acme.com', 'bob@acme.com']);
    expect(r.unmatched).toEqual(['ann@acme.com', 'bob@acme.com']);
  });

  test.each([
    [49, 49, 0],
    [50, 50, 0],
    [51, 50, 1],
  ])('%p unique addresses → %p considered, %p over the limit', (n, considered, over) => {
    const to = Array.from({ length: n }, (_, i) => `p${i}@acme.com`);
    const r = matchRecipients({ to: [...to, 'p0@acme.com'], cc: [], candidates: [], settings: base });
    expect([r.recipients.length, r.overLimit.length]).toEqual([considered, over]);
    if (over) expect(r.overLimit).toEqual([`p${n - 1}@acme.com`]);
  });

  test('a candidate past the first 50 is not logged on', () => {
    const to = Array.from({ length: 50 }, (_, i) => `p${i}@acme.com`);
    const r = matchRecipients({ to, cc: ['bob@acme.com'], candidates: [bob], settings: base });
    expect(r.whoIds).toEqual([]);
    expect(r.overLimit).toEqual(['bob@acme.com']);
  });
});

describe('matchRecipients: no match', () => {
  test('do_not_log leaves it unmatched', () => {
    const r = matchRecipients({ to: ['new@startup.io'], cc: [], candidates: [bob], settings: base });
    expect(r).toMatchObject({ whoIds: [], leadsToCreate: [], unmatched: ['new@startup.io'] });
  });
  test('create_lead drafts a lead, with the display name when given', () => {
    const r = matchRecipients({ to: [{ address: 'JDoe@Startup.io', name: 'Doe, Jane' }], cc: [], candidates: [], settings: { ...base, noMatch: 'create_lead' } });
    expect(r.leadsToCreate).toEqual([{ email: 'jdoe@startup.io', firstName: 'Jane', lastName: 'Doe', company: 'Startup' }]);
    expect(r.unmatched).toEqual([]);
  });
  test('create_lead also when logging to leads is off', () => {
    const r = matchRecipients({ to: ['x@y.com'], cc: [], candidates: [], settings: { ...base, logToLeads: false, noMatch: 'create_lead' } });
    expect(r.leadsToCreate).toHaveLength(1);
  });
  test('a match of a type that is not logged counts as no match', () => {
    const r = matchRecipients({ to: ['ann@acme.com'], cc: [], candidates: [annLead], settings: { ...base, logToLeads: false } });
    expect(r.unmatched).toEqual(['ann@acme.com']);
  });
});

describe('deriveLead', () => {
  test.each<[string, string | null, string | null, string, string]>([
    ['jane.doe@acme-corp.com', null, 'Jane', 'Doe', 'Acme Corp'],
    ['jane_doe+news@sales.acme.co.uk', null, 'Jane', 'Doe', 'Acme'],
    ['j.van-der-berg@firma.de', null, 'J', 'Van Der Berg', 'Firma'],
    ['jdoe@acme.com', null, null, 'Jdoe', 'Acme'],
    ['info2024@acme.com', null, null, 'Info2024', 'Acme'],
    ['42@acme.com', null, null, '42', 'Acme'],
    ['jane@gmail.com', null, null, 'Jane', '[not provided]'],
    ['x@acme.com.au', 'Jane Q. Public', 'Jane Q.', 'Public', 'Acme'],
    ['x@acme.com', 'Doe, Jane', 'Jane', 'Doe', 'Acme'],
    ['x@acme.com', '"Cher"', null, 'Cher', 'Acme'],
    ['x@acme.com', 'x@acme.com', null, 'X', 'Acme'],
    ['x@bbc.co', null, null, 'X', 'Bbc'],
  ])('%s (%p)', (address, name, firstName, lastName, company) => {
    expect(deriveLead(address, name)).toEqual({ email: address, firstName, lastName, company });
  });

  test('long names are cut to the Lead field lengths', () => {
    const lead = deriveLead(`${'a'.repeat(50)}.${'b'.repeat(100)}@acme.com`);
    expect([lead.firstName?.length, lead.lastName.length]).toEqual([40, 80]);
  });
});

describe('normalizeAddress', () => {
  test.each([
    ['Ann@Acme.COM', 'ann@acme.com'],
    ['<ann@acme.com>', 'ann@acme.com'],
    ['  ann@acme.com  ', 'ann@acme.com'],
    ['ann@localhost', null],
    ['ann acme.com', null],
    ['', null],
  ])('%p → %p', (input, expected) => {
    expect(normalizeAddress(input)).toBe(expected);
  });
});

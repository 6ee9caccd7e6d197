import { isReceived, ownAddressSet, peopleToLogOn } from './email-direction';

const own = ownAddressSet(['Ann@Acme.test', null, 'ann.lee@acme-sales.test', undefined, 'not an address']);

describe('ownAddressSet', () => {
  it('keeps usable addresses, lower-cased', () => {
    expect([...own].sort()).toEqual(['ann.lee@acme-sales.test', 'ann@acme.test']);
  });
});

describe('isReceived', () => {
  it.each([
    ['From the user: sent', 'ann@acme.test', null, false],
    ['From another own address, any case: sent', '<ANN.LEE@acme-sales.test>', null, false],
    ['From someone else: received', 'bob@client.test', null, true],
    ['No From: sent (nobody to log it on)', null, null, false],
    ['Unusable From: sent', 'bob at client', null, false],
    ['The caller says received', 'ann@acme.test', true, true],
    ['The caller says sent', 'bob@client.test', false, false],
  ] as const)('%s', (_name, from, override, expected) => {
    expect(isReceived({ from, own, override })).toBe(expected);
  });
});

describe('peopleToLogOn', () => {
  const email = { from: { address: 'bob@client.test', name: 'Bob' }, to: ['ann@acme.test', 'carl@acme.test'], cc: ['dora@client.test'] };
  it('a sent email: its To and Cc', () => {
    expect(peopleToLogOn(email, false)).toEqual({ to: email.to, cc: email.cc });
  });
  it('a received reply: its sender and Cc', () => {
    expect(peopleToLogOn(email, true)).toEqual({ to: [email.from], cc: email.cc });
  });
  it('a received reply without From: its Cc only', () => {
    expect(peopleToLogOn({ ...email, from: null }, true)).toEqual({ to: [], cc: email.cc });
  });
});

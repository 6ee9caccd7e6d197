import { changeOriginClient, isOwnWrite, ownersToAsk, triage, usersToWake, type ChangeEventFacts } from './change-events';

const dave = '005000000000001AAA';
const erin = '005000000000002AAA';
const users = new Map([
  [dave, 'user-dave'],
  [erin, 'user-erin'],
]);
const event = (overrides: Partial<ChangeEventFacts>): ChangeEventFacts => ({ changeType: 'UPDATE', recordIds: ['00T000000000001AAA'], changeOrigin: 'com/salesforce/api/rest/62.0', ownerId: null, commitTimestamp: 1000, ...overrides });

describe('change events', () => {
  it('reads the client id of a change origin', () => {
    expect(changeOriginClient('com/salesforce/api/rest/62.0;client=sia-sync')).toBe('sia-sync');
    expect(changeOriginClient('com/salesforce/api/rest/62.0')).toBeNull();
    expect(changeOriginClient('')).toBeNull();
    expect(isOwnWrite({ changeOrigin: 'com/salesforce/api/rest/62.0;client=sia-sync' }, 'sia-sync')).toBe(true);
    expect(isOwnWrite({ changeOrigin: 'com/salesforce/api/rest/62.0;client=sia-sync-other' }, 'sia-sync')).toBe(false);
  });

  it('skips the sync’s own writes, but never a gap event', () => {
    const t = triage(
      [
        event({ changeOrigin: 'com/salesforce/api/rest/62.0;client=sia-sync', ownerId: dave }),
        event({ changeType: 'GAP_UPDATE', changeOrigin: 'com/salesforce/api/rest/62.0;client=sia-sync', recordIds: ['00T000000000009AAA'] }),
      ],
      'sia-sync',
    );
    expect(t.ownWrites).toBe(1);
    expect(t.relevant).toBe(1);
    expect([...t.linked]).toEqual(['00T000000000009AAA']);
    expect([...t.askOwner]).toEqual(['00T000000000009AAA']);
  });

  it('wakes owners named by events and holders of changed records, once each, syncing users only', () => {
    const t = triage(
      [
        event({ changeType: 'CREATE', ownerId: dave, recordIds: ['00T000000000001AAA'] }),
        event({ changeType: 'UPDATE', ownerId: erin, recordIds: ['00T000000000002AAA'] }),
        event({ changeType: 'DELETE', recordIds: ['00T000000000003AAA', '00T000000000004AAA'] }),
        event({ changeType: 'CREATE', ownerId: '005000000000099AAA', recordIds: ['00T000000000005AAA'] }),
      ],
      'sia-sync',
    );
    // The owner change took task 2 from dave: he holds it in SIA and is woken too.
    const holders = new Map([
      ['00T000000000002', new Set(['user-dave'])],
      ['00T000000000003', new Set(['user-dave'])],
    ]);
    expect(usersToWake(t, holders, new Map(), users)).toEqual(['user-dave', 'user-erin']);
    // A deleted record no one holds is nobody's business; created ones named their owner.
    expect(ownersToAsk(t, holders)).toEqual([]);
  });

  it('asks Salesforce for the owner of an updated record no one holds', () => {
    const t = triage([event({ changeType: 'UPDATE', recordIds: ['00T000000000007AAA'] }), event({ changeType: 'GAP_CREATE', recordIds: ['00T000000000008AAA'] })], 'sia-sync');
    expect(ownersToAsk(t, new Map())).toEqual(['00T000000000007AAA', '00T000000000008AAA']);
    expect(usersToWake(t, new Map(), new Map([['00T000000000007AAA', erin]]), users)).toEqual(['user-erin']);
  });

  it('an overflow event asks for a poll from its commit time', () => {
    const t = triage([event({ changeType: 'GAP_OVERFLOW', recordIds: ['000000000000000AAA'], commitTimestamp: 5000 }), event({ changeType: 'GAP_OVERFLOW', recordIds: ['000000000000000AAA'], commitTimestamp: 4000 })], 'sia-sync');
    expect(t.overflowSince).toBe(4000);
    expect(t.linked.size).toBe(0);
    expect(t.askOwner.size).toBe(0);
  });
});

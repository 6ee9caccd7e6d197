import { budgetOf, parseLimitInfo, userDailyAllowance } from './api-budget';

describe('parseLimitInfo', () => {
  test.each([
    ['plain', 'api-usage=18/5000', { used: 18, limit: 5000 }],
    ['with bursts', 'api-usage=110018/100000; api-bursts=1/750', { used: 110018, limit: 100000 }],
    ['after another part', 'per-app-api-usage=17/250(appName=x); api-usage=25/5000', { used: 25, limit: 5000 }],
    ['spaces', '  api-usage = 7 / 15000 ', { used: 7, limit: 15000 }],
    ['upper case name', 'API-USAGE=1/2', { used: 1, limit: 2 }],
    ['missing', null, null],
    ['empty', '', null],
    ['only per-app usage', 'per-app-api-usage=17/250(appName=x)', null],
    ['not numbers', 'api-usage=a/b', null],
    ['zero limit', 'api-usage=0/0', null],
  ])('%s', (_label, header, expected) => {
    expect(parseLimitInfo(header)).toEqual(expected);
  });
});

describe('userDailyAllowance', () => {
  test.each([
    ['Enterprise, 10 licences, 10 syncing, 25 %', 110_000, 10, 0.25, 2750],
    ['one user', 110_000, 1, 0.25, 27_500],
    ['no users counted yet: as one', 110_000, 0, 0.25, 27_500],
    ['whole allowance', 15_000, 3, 1, 5000],
    ['rounds down', 100, 3, 1, 33],
  ])('%s', (_label, limit, users, share, expected) => {
    expect(userDailyAllowance(limit, users, { productShare: share, orgReserve: 0 })).toBe(expected);
  });
  test.each([[0], [-0.1], [1.1], [Number.NaN]])('refuses share %p', (share) => {
    expect(() => userDailyAllowance(1000, 1, { productShare: share, orgReserve: 0 })).toThrow(RangeError);
  });
});

describe('budgetOf', () => {
  const config = { productShare: 0.5, orgReserve: 0.1 };
  test.each([
    ['fresh day', { used: 0, limit: 10_000 }, 1, 0, { userAllowance: 5000, userRemaining: 5000, orgRemaining: 9000, fractionLeft: 1, exhausted: false }],
    ['user spent half', { used: 2500, limit: 10_000 }, 1, 2500, { userAllowance: 5000, userRemaining: 2500, orgRemaining: 6500, fractionLeft: 0.5, exhausted: false }],
    ['user share spent', { used: 5000, limit: 10_000 }, 1, 5000, { userAllowance: 5000, userRemaining: 0, orgRemaining: 4000, fractionLeft: 0, exhausted: true }],
    ['user share spent one call short', { used: 4999, limit: 10_000 }, 1, 4999, { userAllowance: 5000, userRemaining: 1, orgRemaining: 4001, fractionLeft: 0.0002, exhausted: false }],
    ['org at the reserve', { used: 9000, limit: 10_000 }, 2, 10, { userAllowance: 2500, userRemaining: 2490, orgRemaining: 0, fractionLeft: 0, exhausted: true }],
    ['org one call above the reserve', { used: 8999, limit: 10_000 }, 2, 10, { userAllowance: 2500, userRemaining: 2490, orgRemaining: 1, fractionLeft: 1 / 9000, exhausted: false }],
    ['org over its limit (bursting)', { used: 11_000, limit: 10_000 }, 2, 0, { userAllowance: 2500, userRemaining: 2500, orgRemaining: 0, fractionLeft: 0, exhausted: true }],
  ])('%s', (_label, usage, syncingUsers, userCallsLast24h, expected) => {
    const b = budgetOf({ usage, syncingUsers, userCallsLast24h, config });
    expect({ ...b, fractionLeft: Number(b.fractionLeft.toFixed(6)) }).toEqual({ ...expected, fractionLeft: Number(expected.fractionLeft.toFixed(6)) });
  });
});

import { defaultPollConfig, nextPoll, pollsPerDay, slowdownFor, watchHeartbeatSeconds } from './poll-schedule';

const now = '2024-01-15T12:00:00.000Z';
const ago = (seconds: number) => new Date(Date.parse(now) - seconds * 1000).toISOString();
const plenty = { fractionLeft: 1, exhausted: false };

describe('nextPoll by activity', () => {
  test.each([
    ['change just now', ago(0), 30, 'active'],
    ['quiet 4:59', ago(299), 30, 'active'],
    ['quiet 5:00', ago(300), 60, 'active'],
    ['quiet 14:59', ago(899), 60, 'active'],
    ['quiet 15:00', ago(900), 180, 'active'],
    ['quiet 59:59', ago(3599), 180, 'active'],
    ['quiet an hour', ago(3600), 600, 'idle'],
    ['never any activity', null, 600, 'idle'],
    ['activity stamped in the future (clock skew)', '2024-01-15T12:01:00.000Z', 30, 'active'],
  ])('%s → %p s', (_label, lastActivityAt, afterSeconds, reason) => {
    expect(nextPoll({ now, lastActivityAt, budget: plenty })).toMatchObject({ kind: 'poll', afterSeconds, reason });
  });

  test('the plan says when', () => {
    expect(nextPoll({ now, lastActivityAt: null, budget: plenty }).at).toBe('2024-01-15T12:10:00.000Z');
  });

  test('an idle user stays within 150 polls a day', () => {
    const idle = nextPoll({ now, lastActivityAt: null, budget: plenty });
    expect(pollsPerDay(idle.afterSeconds)).toBeLessThanOrEqual(150);
  });
});

describe('nextPoll by budget', () => {
  test.each([
    ['half left: normal pace', 0.5, ago(0), 30, 'active'],
    ['just under half: ×2', 0.49, ago(0), 60, 'budget-tight'],
    ['20 %: ×2', 0.2, ago(0), 60, 'budget-tight'],
    ['just under 20 %: ×4', 0.19, ago(0), 120, 'budget-tight'],
    ['5 %: ×4', 0.05, ago(0), 120, 'budget-tight'],
    ['under 5 %: ×8', 0.04, ago(0), 240, 'budget-tight'],
    ['idle and tight is capped at an hour', 0.01, null, 3600, 'budget-tight'],
  ])('%s', (_label, fractionLeft, lastActivityAt, afterSeconds, reason) => {
    expect(nextPoll({ now, lastActivityAt, budget: { fractionLeft, exhausted: false } })).toMatchObject({ kind: 'poll', afterSeconds, reason });
  });

  test('exhausted: paused for an hour, whatever the activity', () => {
    expect(nextPoll({ now, lastActivityAt: ago(0), budget: { fractionLeft: 0, exhausted: true } })).toEqual({
      kind: 'paused',
      afterSeconds: 3600,
      at: '2024-01-15T13:00:00.000Z',
      reason: 'budget-exhausted',
    });
  });

  test('never below the floor, even with a faster tier configured', () => {
    const config = { ...defaultPollConfig, tiers: [{ quietMinutes: 5, intervalSeconds: 5 }] };
    expect(nextPoll({ now, lastActivityAt: ago(0), budget: plenty, config }).afterSeconds).toBe(30);
  });
});

describe('slowdownFor', () => {
  test.each([
    [1, 1],
    [0.5, 1],
    [0.4999, 2],
    [0.2, 2],
    [0.1999, 4],
    [0.05, 4],
    [0.0499, 8],
    [0, 8],
  ])('%p → ×%p', (fraction, factor) => {
    expect(slowdownFor(fraction)).toBe(factor);
  });
});

describe('watchHeartbeatSeconds', () => {
  test.each([
    ['tests', 1, 20],
    ['active', 30, 20],
    ['quiet five minutes', 60, 20],
    ['quiet a quarter hour: a fifth', 180, 36],
    ['idle', 600, 120],
    ['tight budget: still two minutes', 3600, 120],
  ])('%s: polled every %p s → %p s', (_label, pollSeconds, seconds) => {
    expect(watchHeartbeatSeconds(pollSeconds)).toBe(seconds);
  });
});

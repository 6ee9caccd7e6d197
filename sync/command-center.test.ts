import { commandCenterDays, isInCommandCenter, isKnownTimeZone, localDate, nextDate } from './command-center';

describe('commandCenterDays across midnight and DST', () => {
  test.each([
    ['UTC, last millisecond of the day', 'UTC', '2024-01-15T23:59:59.999Z', '2024-01-15', '2024-01-16'],
    ['UTC, midnight', 'UTC', '2024-01-16T00:00:00.000Z', '2024-01-16', '2024-01-17'],
    // Auckland in January is UTC+13: local midnight of the 16th is 11:00Z on the 15th.
    ['Auckland, a millisecond before local midnight', 'Pacific/Auckland', '2024-01-15T10:59:59.999Z', '2024-01-15', '2024-01-16'],
    ['Auckland, local midnight', 'Pacific/Auckland', '2024-01-15T11:00:00.000Z', '2024-01-16', '2024-01-17'],
    // NZ DST ends 2024-04-07 03:00 → 02:00: that day lasts 25 h; its end is 12:00Z.
    ['Auckland, DST-end day, just before its end', 'Pacific/Auckland', '2024-04-07T11:59:59.000Z', '2024-04-07', '2024-04-08'],
    ['Auckland, day after DST end begins', 'Pacific/Auckland', '2024-04-07T12:00:00.000Z', '2024-04-08', '2024-04-09'],
    // Los Angeles: DST starts 2024-03-10 (23 h day). Midnight 03-10 is 08:00Z, midnight 03-11 is 07:00Z.
    ['Los Angeles, DST-start day begins', 'America/Los_Angeles', '2024-03-10T08:00:00.000Z', '2024-03-10', '2024-03-11'],
    ['Los Angeles, a second before the day after DST start', 'America/Los_Angeles', '2024-03-11T06:59:59.000Z', '2024-03-10', '2024-03-11'],
    ['Los Angeles, the day after DST start', 'America/Los_Angeles', '2024-03-11T07:00:00.000Z', '2024-03-11', '2024-03-12'],
    // DST ends 2024-11-03 (25 h day): midnight 11-03 is 07:00Z, midnight 11-04 is 08:00Z.
    ['Los Angeles, a second before DST-end day', 'America/Los_Angeles', '2024-11-03T06:59:59.000Z', '2024-11-02', '2024-11-03'],
    ['Los Angeles, DST-end day, 24 h after its start', 'America/Los_Angeles', '2024-11-04T07:00:00.000Z', '2024-11-03', '2024-11-04'],
    ['Los Angeles, the day after DST end', 'America/Los_Angeles', '2024-11-04T08:00:00.000Z', '2024-11-04', '2024-11-05'],
    ['Kolkata (+05:30) midnight', 'Asia/Kolkata', '2024-01-15T18:30:00.000Z', '2024-01-16', '2024-01-17'],
    ['Chatham (+13:45) midnight', 'Pacific/Chatham', '2024-01-15T10:15:00.000Z', '2024-01-16', '2024-01-17'],
    // Samoa skipped 2011-12-30: 23:59:59 on the 29th (UTC−10) was followed by 00:00 on the 31st (UTC+14).
    ['Samoa before the skipped day', 'Pacific/Apia', '2011-12-30T09:59:59.000Z', '2011-12-29', '2011-12-30'],
    ['Samoa after the skipped day', 'Pacific/Apia', '2011-12-30T10:00:00.000Z', '2011-12-31', '2012-01-01'],
    ['year end', 'America/New_York', '2024-12-31T12:00:00.000Z', '2024-12-31', '2025-01-01'],
  ])('%s', (_label, tz, now, today, tomorrow) => {
    expect(commandCenterDays(tz, now)).toEqual({ today, tomorrow });
  });

  test('the instant may be given in any zone spelling', () => {
    expect(localDate('UTC', '2024-01-15T23:30:00-01:00')).toBe('2024-01-16');
  });

  test('an unknown zone is refused', () => {
    expect(() => localDate('Mars/Olympus_Mons', '2024-01-15T00:00:00Z')).toThrow(RangeError);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isKnownTimeZone('Europe/Madrid')).toBe(true);
  });
});

describe('nextDate', () => {
  test.each([
    ['2024-02-28', '2024-02-29'],
    ['2023-02-28', '2023-03-01'],
    ['2024-12-31', '2025-01-01'],
    ['2024-01-31', '2024-02-01'],
  ])('%s → %s', (date, next) => {
    expect(nextDate(date)).toBe(next);
  });
});

describe('isInCommandCenter', () => {
  const tz = 'America/Los_Angeles';
  const now = '2024-03-11T06:59:59.000Z'; // 2024-03-10 23:59:59 in Los Angeles
  test.each([
    ['open, due today', 'open', '2024-03-10', true],
    ['open, due tomorrow', 'open', '2024-03-11', true],
    ['open, due the day after tomorrow', 'open', '2024-03-12', false],
    ['open, due yesterday', 'open', '2024-03-09', false],
    ['open, no due date', 'open', null, false],
    ['complete, due today', 'complete', '2024-03-10', false],
  ] as const)('%s → %p', (_label, status, dueDate, expected) => {
    expect(isInCommandCenter({ status, dueDate }, tz, now)).toBe(expected);
  });

  test('one second later the window moves a day', () => {
    expect(isInCommandCenter({ status: 'open', dueDate: '2024-03-10' }, tz, '2024-03-11T07:00:00.000Z')).toBe(false);
    expect(isInCommandCenter({ status: 'open', dueDate: '2024-03-12' }, tz, '2024-03-11T07:00:00.000Z')).toBe(true);
  });
});

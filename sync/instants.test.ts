import { formatInstant, isIsoDate, normalizeInstant, parseInstant, requireInstant } from './instants';

describe('parseInstant / normalizeInstant', () => {
  test.each([
    ['canonical', '2024-01-15T10:30:00.000Z', '2024-01-15T10:30:00.000Z'],
    ['Salesforce +0000', '2024-01-15T10:30:00.000+0000', '2024-01-15T10:30:00.000Z'],
    ['offset with colon', '2024-01-15T12:30:00+02:00', '2024-01-15T10:30:00.000Z'],
    ['negative offset crossing the day', '2024-01-14T23:30:00-11:00', '2024-01-15T10:30:00.000Z'],
    ['hour-only offset', '2024-01-15T11:30:00+01', '2024-01-15T10:30:00.000Z'],
    ['no seconds', '2024-01-15T10:30Z', '2024-01-15T10:30:00.000Z'],
    ['microseconds truncated', '2024-01-15T10:30:00.123456Z', '2024-01-15T10:30:00.123Z'],
    ['one fraction digit', '2024-01-15T10:30:00.5Z', '2024-01-15T10:30:00.500Z'],
    ['leap day', '2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['year below 100 is not read as 19xx', '0099-01-01T00:00:00Z', '0099-01-01T00:00:00.000Z'],
  ])('%s', (_label, text, expected) => {
    expect(normalizeInstant(text)).toBe(expected);
  });

  test.each([
    ['no zone (would depend on the host)', '2024-01-15T10:30:00'],
    ['date only', '2024-01-15'],
    ['not a leap year', '2023-02-29T00:00:00Z'],
    ['hour 24', '2024-01-15T24:00:00Z'],
    ['minute 60', '2024-01-15T10:60:00Z'],
    ['month 13', '2024-13-01T00:00:00Z'],
    ['offset hour 24', '2024-01-15T10:30:00+24:00'],
    ['garbage', 'yesterday'],
    ['space instead of T', '2024-01-15 10:30:00Z'],
  ])('rejects %s', (_label, text) => {
    expect(parseInstant(text)).toBeNull();
    expect(() => requireInstant(text)).toThrow(RangeError);
  });

  test('formatInstant prints UTC with milliseconds', () => {
    expect(formatInstant(0)).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('isIsoDate', () => {
  test.each([
    ['2024-01-15', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-04-31', false],
    ['2024-00-10', false],
    ['2024-1-5', false],
    ['2024-01-15T00:00:00Z', false],
    ['', false],
  ])('%s → %p', (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });
});

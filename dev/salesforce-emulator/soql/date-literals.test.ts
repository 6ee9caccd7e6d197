import { resolveDateLiteral } from './date-literals';
import { parseDay } from './values';

// Saturday 2024-01-20, 15:00 UTC; the week (en_US) runs Sunday 2024-01-14 … Saturday 2024-01-20.
const NOW = new Date('2024-01-20T15:00:00.000Z');

const day = (s: string): number => parseDay(s) as number;

const table: Array<[string, number | undefined, string, string]> = [
  ['YESTERDAY', undefined, '2024-01-19', '2024-01-20'],
  ['TODAY', undefined, '2024-01-20', '2024-01-21'],
  ['TOMORROW', undefined, '2024-01-21', '2024-01-22'],
  ['LAST_WEEK', undefined, '2024-01-07', '2024-01-14'],
  ['THIS_WEEK', undefined, '2024-01-14', '2024-01-21'],
  ['NEXT_WEEK', undefined, '2024-01-21', '2024-01-28'],
  ['LAST_MONTH', undefined, '2023-12-01', '2024-01-01'],
  ['THIS_MONTH', undefined, '2024-01-01', '2024-02-01'],
  ['NEXT_MONTH', undefined, '2024-02-01', '2024-03-01'],
  ['LAST_90_DAYS', undefined, '2023-10-22', '2024-01-21'],
  ['NEXT_90_DAYS', undefined, '2024-01-21', '2024-04-20'],
  ['LAST_N_DAYS', 1, '2024-01-19', '2024-01-21'],
  ['LAST_N_DAYS', 0, '2024-01-20', '2024-01-21'],
  ['NEXT_N_DAYS', 3, '2024-01-21', '2024-01-24'],
  ['N_DAYS_AGO', 5, '2024-01-15', '2024-01-16'],
  ['LAST_N_WEEKS', 2, '2023-12-31', '2024-01-14'],
  ['NEXT_N_WEEKS', 1, '2024-01-21', '2024-01-28'],
  ['LAST_N_MONTHS', 2, '2023-11-01', '2024-01-01'],
  ['NEXT_N_MONTHS', 12, '2024-02-01', '2025-02-01'],
  ['LAST_YEAR', undefined, '2023-01-01', '2024-01-01'],
  ['THIS_YEAR', undefined, '2024-01-01', '2025-01-01'],
  ['NEXT_YEAR', undefined, '2025-01-01', '2026-01-01'],
];

it.each(table)('%s:%s covers [%s, %s)', (name, n, start, end) => {
  expect(resolveDateLiteral(name, n, NOW)).toEqual({ start: day(start), end: day(end) });
});

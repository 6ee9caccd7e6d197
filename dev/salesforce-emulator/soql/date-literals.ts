import { dayOfEpochMs } from './values';

/**
 * Relative date literals as a half-open range of UTC days [start, end).
 * Salesforce resolves them in the querying user's time zone and locale; the emulator has no
 * user locale, so it uses UTC days and weeks that start on Sunday (the en_US locale).
 */
export interface DayRange {
  start: number;
  end: number;
}

const FIXED = ['YESTERDAY', 'TODAY', 'TOMORROW', 'LAST_WEEK', 'THIS_WEEK', 'NEXT_WEEK', 'LAST_MONTH', 'THIS_MONTH', 'NEXT_MONTH', 'LAST_90_DAYS', 'NEXT_90_DAYS', 'LAST_YEAR', 'THIS_YEAR', 'NEXT_YEAR'] as const;
const WITH_N = ['LAST_N_DAYS', 'NEXT_N_DAYS', 'N_DAYS_AGO', 'LAST_N_WEEKS', 'NEXT_N_WEEKS', 'LAST_N_MONTHS', 'NEXT_N_MONTHS'] as const;

export function isFixedDateLiteral(name: string): boolean {
  return (FIXED as readonly string[]).includes(name);
}

export function isDateLiteralWithN(name: string): boolean {
  return (WITH_N as readonly string[]).includes(name);
}

function monthStart(year: number, month: number): number {
  return dayOfEpochMs(Date.UTC(year, month, 1));
}

export function resolveDateLiteral(name: string, n: number | undefined, now: Date): DayRange {
  const today = dayOfEpochMs(now.getTime());
  const y = now.getUTCFullYear();
  const mo = now.getUTCMonth();
  const weekStart = today - now.getUTCDay();
  const k = n ?? 0;
  switch (name) {
    case 'YESTERDAY': return { start: today - 1, end: today };
    case 'TODAY': return { start: today, end: today + 1 };
    case 'TOMORROW': return { start: today + 1, end: today + 2 };
    case 'LAST_WEEK': return { start: weekStart - 7, end: weekStart };
    case 'THIS_WEEK': return { start: weekStart, end: weekStart + 7 };
    case 'NEXT_WEEK': return { start: weekStart + 7, end: weekStart + 14 };
    case 'LAST_MONTH': return { start: monthStart(y, mo - 1), end: monthStart(y, mo) };
    case 'THIS_MONTH': return { start: monthStart(y, mo), end: monthStart(y, mo + 1) };
    case 'NEXT_MONTH': return { start: monthStart(y, mo + 1), end: monthStart(y, mo + 2) };
    // The reference: LAST_N_DAYS includes today (LAST_N_DAYS:1 is yesterday and today);
    // NEXT_N_DAYS starts tomorrow and excludes today.
    case 'LAST_90_DAYS': return { start: today - 90, end: today + 1 };
    case 'NEXT_90_DAYS': return { start: today + 1, end: today + 91 };
    case 'LAST_N_DAYS': return { start: today - k, end: today + 1 };
    case 'NEXT_N_DAYS': return { start: today + 1, end: today + 1 + k };
    case 'N_DAYS_AGO': return { start: today - k, end: today - k + 1 };
    case 'LAST_N_WEEKS': return { start: weekStart - 7 * k, end: weekStart };
    case 'NEXT_N_WEEKS': return { start: weekStart + 7, end: weekStart + 7 + 7 * k };
    case 'LAST_N_MONTHS': return { start: monthStart(y, mo - k), end: monthStart(y, mo) };
    case 'NEXT_N_MONTHS': return { start: monthStart(y, mo + 1), end: monthStart(y, mo + 1 + k) };
    case 'LAST_YEAR': return { start: monthStart(y - 1, 0), end: monthStart(y, 0) };
    case 'THIS_YEAR': return { start: monthStart(y, 0), end: monthStart(y + 1, 0) };
    case 'NEXT_YEAR': return { start: monthStart(y + 1, 0), end: monthStart(y + 2, 0) };
    default: throw new Error(`unknown date literal ${name}`);
  }
}

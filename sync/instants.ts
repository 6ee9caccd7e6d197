/**
 * Instants (points in time) as strings, parsed and printed without the host's time zone and
 * without `Date.parse` guessing: the formats accepted are exactly the ISO-8601 forms that
 * SIA and Salesforce produce. Pure and deterministic, so workflows can use it.
 *
 * Canonical form: `YYYY-MM-DDTHH:mm:ss.sssZ` (what `Date.prototype.toISOString` prints).
 */

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const millisPerSecond = 1000;
const millisPerMinute = 60 * millisPerSecond;
export const millisPerHour = 60 * millisPerMinute;
export const millisPerDay = 24 * millisPerHour;

/**
 * Milliseconds since the epoch, or null when `text` is not an ISO-8601 instant with a zone
 * (`Z`, `+hh:mm`, `+hhmm` or `+hh`). Digits beyond milliseconds are dropped (truncated).
 */
export function parseInstant(text: string): number | null {
  const m = INSTANT.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (!isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  const millis = Number(frac.slice(0, 3).padEnd(3, '0'));
  const offset = zoneOffsetMinutes(zone);
  if (offset === null) return null;
  return utcMillis(year, month, day, hour, minute, second, millis) - offset * millisPerMinute;
}

/** Like parseInstant, but throws with the offending text: for values that must be valid. */
export function requireInstant(text: string, what = 'instant'): number {
  const ms = parseInstant(text);
  if (ms === null) throw new RangeError(`Not an ISO-8601 ${what} with a zone: ${JSON.stringify(text)}`);
  return ms;
}

export function formatInstant(epochMillis: number): string {
  return new Date(epochMillis).toISOString();
}

/** Any accepted instant spelling → the canonical `…sssZ` form (null when not an instant). */
export function normalizeInstant(text: string): string | null {
  const ms = parseInstant(text);
  return ms === null ? null : formatInstant(ms);
}

/** Whether `text` is a real calendar date in `YYYY-MM-DD` form (no time, no zone). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  return m !== null && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Whole seconds since the epoch, rounding down: Salesforce keeps datetimes to the second. */
export function toWholeSecond(epochMillis: number): number {
  return Math.floor(epochMillis / millisPerSecond);
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one.
  const daysInMonth = new Date(utcMillis(year, month + 1, 0, 0, 0, 0, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** Date.UTC without its quirk of reading years 0–99 as 1900–1999. */
function utcMillis(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime();
}

function zoneOffsetMinutes(zone: string): number | null {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

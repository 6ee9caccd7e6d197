import { requireInstant } from './instants';
import type { TaskFields } from './task-fields';

/**
 * The Command Center shows a user's open tasks due today or tomorrow, where "today" is the
 * calendar day in the user's time zone. Due dates are calendar dates (no time), so they are
 * compared as `YYYY-MM-DD` strings; only `now` is turned into a date, in the user's zone.
 * "Tomorrow" is the next calendar day, not now + 24 h (a DST day has 23 or 25 hours, and a
 * zone can even skip a day, as Samoa did on 2011-12-30).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA prints ISO-like parts; the parts are read by type, so the locale's order is irrelevant.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'gregory', numberingSystem: 'latn' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone this runtime knows (for validating saved settings). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date `YYYY-MM-DD` in `timeZone` at the instant `now`. */
export function localDate(timeZone: string, now: string): string {
  const parts = formatterFor(timeZone).formatToParts(new Date(requireInstant(now, 'now')));
  const part = (type: Intl.DateTimeFormatPartTypes): string => {
    const value = parts.find((p) => p.type === type)?.value;
    if (value === undefined) throw new Error(`No ${type} in the date formatted for ${timeZone}`);
    return value;
  };
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** The calendar day after `date` (`YYYY-MM-DD`), by calendar arithmetic in UTC. */
export function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(0);
  next.setUTCFullYear(y, m - 1, d + 1);
  return next.toISOString().slice(0, 10);
}

export interface CommandCenterDays {
  today: string;
  tomorrow: string;
}

export function commandCenterDays(timeZone: string, now: string): CommandCenterDays {
  const today = localDate(timeZone, now);
  return { today, tomorrow: nextDate(today) };
}

export function isInCommandCenter(task: Pick<TaskFields, 'status' | 'dueDate'>, timeZone: string, now: string): boolean {
  if (task.status !== 'open' || task.dueDate === null) return false;
  const { today, tomorrow } = commandCenterDays(timeZone, now);
  return task.dueDate === today || task.dueDate === tomorrow;
}

/**
 * The emulator's notion of "now": real time plus an offset tests can move, so a test can
 * let two hours pass (token expiry) or fifteen days (recycle-bin purge) instantly.
 */
export class Clock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  shift(ms: number): void {
    this.offsetMs += ms;
  }
  set(atMs: number): void {
    this.offsetMs = atMs - Date.now();
  }
  reset(): void {
    this.offsetMs = 0;
  }
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Salesforce keeps audit timestamps to the second; REST shows them as `2024-01-15T10:30:00.000+0000`. */
export function toSfDateTime(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())}.000+0000`;
}

export function toSfDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function floorToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

export function floorToMinute(ms: number): number {
  return Math.floor(ms / 60_000) * 60_000;
}

/**
 * Parses what Salesforce accepts for a dateTime: ISO 8601 with `Z`, `+hh:mm` or `+hhmm`,
 * with or without fractional seconds. Returns undefined for anything else.
 */
export function parseSfDateTime(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), Number((frac ?? '0').padEnd(3, '0').slice(0, 3)));
  if (Number.isNaN(base)) return undefined;
  const check = new Date(base);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return undefined;
  if (!zone || zone === 'Z') return base;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return base - sign * offsetMin * 60_000;
}

/** A plain `YYYY-MM-DD` that names a real calendar day → that day at midnight UTC. */
export function parseSfDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return undefined;
  return ms;
}

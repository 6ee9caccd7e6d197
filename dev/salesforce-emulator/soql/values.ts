/**
 * Conversions between the values rows hold (as Salesforce REST shows them) and comparable keys.
 */

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' → days since epoch, or undefined when it is not a real calendar day. */
export function parseDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

/**
 * Datetimes in SOQL literals and REST rows: `2024-01-15T10:30:00Z`, `…+01:00`, `….000+0000`.
 * Returns epoch milliseconds, or undefined for an impossible date or time.
 */
export function parseDateTime(text: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|([+-])(\d{2}):?(\d{2}))$/.exec(text);
  if (!m) return undefined;
  const day = parseDay(m[1] as string);
  const [h, mi, s] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (day === undefined || h > 23 || mi > 59 || s > 59) return undefined;
  const frac = m[5] ? Number((m[5] + '00').slice(0, 3)) : 0;
  let offsetMin = 0;
  if (m[6] !== 'Z') {
    const oh = Number(m[8]);
    const om = Number(m[9]);
    if (oh > 23 || om > 59) return undefined;
    offsetMin = (m[7] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return day * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000 + frac - offsetMin * 60_000;
}

export function dayOfEpochMs(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export { DAY_MS };

/**
 * Salesforce ids are case-sensitive 15-character keys; the 18-character form only adds a
 * case-checksum suffix, so both spellings of one record compare equal on the first 15.
 */
export function idKey(id: string): string {
  return id.length === 18 ? id.slice(0, 15) : id;
}

export function isValidId(id: string): boolean {
  return /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/.test(id);
}

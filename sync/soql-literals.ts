import { formatInstant, isIsoDate, millisPerSecond, parseInstant } from './instants';

/**
 * SOQL literals built from values, so no value can change a query's meaning.
 *
 * Strings (SOQL reference, "Quoted String Escape Sequences"): the escape character is the
 * backslash; `\\`, `\'`, `\"`, `\n`, `\r`, `\t`, `\b`, `\f` and `\uXXXX` are the valid escapes, any
 * other backslash is an error. So a backslash and both quotes are escaped, the named control
 * characters get their letter, and every other control character (and any lone surrogate, which
 * could not even be URL-encoded) is written `\uXXXX`. Other Unicode text is kept as it is.
 * `%` and `_` are only special in LIKE: `soqlLikePattern` escapes them too.
 *
 * Datetimes: unquoted, `YYYY-MM-DDThh:mm:ssZ` (the reference gives no fractional seconds, and
 * Salesforce keeps datetimes to the second). Dates: unquoted `YYYY-MM-DD`.
 */

const namedEscapes: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

export function escapeSoqlString(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    const code = value.charCodeAt(i);
    const named = namedEscapes[ch];
    if (named !== undefined) out += named;
    else if (code < 0x20 || code === 0x7f) out += unicodeEscape(code);
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += ch + (value[i + 1] as string);
        i++;
      } else out += unicodeEscape(code);
    } else if (code >= 0xdc00 && code <= 0xdfff) out += unicodeEscape(code);
    else out += ch;
  }
  return out;
}

/** A quoted SOQL string literal: `O'Brien` → `'O\'Brien'`. */
export function soqlString(value: string): string {
  return `'${escapeSoqlString(value)}'`;
}

/** A quoted LIKE pattern that matches `value` literally (also escapes `%` and `_`). */
export function soqlLikePattern(value: string, { prefix = false } = {}): string {
  const escaped = escapeSoqlString(value).replace(/[%_]/g, (c) => `\\${c}`);
  return `'${escaped}${prefix ? '%' : ''}'`;
}

/** `(v1, v2, …)` for IN; an empty list is refused because `IN ()` is not valid SOQL. */
export function soqlStringList(values: readonly string[]): string {
  if (values.length === 0) throw new RangeError('IN needs at least one value');
  return `(${values.map(soqlString).join(', ')})`;
}

/**
 * A datetime literal. SOQL cannot say milliseconds, so an instant with a fraction of a second is
 * refused unless `truncate` asks for the whole second below it (the caller must then compare
 * with `>=` and drop what it has already seen).
 */
export function soqlDateTime(iso: string, { truncate = false } = {}): string {
  const ms = parseInstant(iso);
  if (ms === null) throw new RangeError(`Not an ISO-8601 instant: ${JSON.stringify(iso)}`);
  const whole = Math.floor(ms / millisPerSecond) * millisPerSecond;
  if (whole !== ms && !truncate) throw new RangeError(`SOQL datetimes have no fraction of a second: ${iso}`);
  return formatInstant(whole).replace(/\.\d{3}Z$/, 'Z');
}

export function soqlDate(date: string): string {
  if (!isIsoDate(date)) throw new RangeError(`Not a date YYYY-MM-DD: ${JSON.stringify(date)}`);
  return date;
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** A field or object name, checked (names cannot be escaped, only refused). */
export function soqlIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new RangeError(`Not a SOQL field or object name: ${JSON.stringify(name)}`);
  return name;
}

function unicodeEscape(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

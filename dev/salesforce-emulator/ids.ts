/**
 * Salesforce record ids: 15 case-sensitive characters (3-char key prefix + 12), plus a
 * 3-character suffix that encodes the case of the first 15, giving the 18-char
 * case-insensitive form the REST API returns.
 */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The 3-character suffix for a 15-character id: one character per 5-char chunk, bit i set when char i is upper case. */
export function idSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/** 15 or 18 alphanumeric characters with a matching suffix → the 18-char form; anything else → undefined. */
export function normalizeId(value: string): string | undefined {
  if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-5]{3})?$/.test(value)) return undefined;
  const id15 = value.slice(0, 15);
  const suffix = idSuffix(id15);
  if (value.length === 18 && value.slice(15).toUpperCase() !== suffix) return undefined;
  return id15 + suffix;
}

/** Two ids name the same record when their 15-char forms match exactly. */
export function sameId(a: string, b: string): boolean {
  const na = normalizeId(a);
  const nb = normalizeId(b);
  return na !== undefined && na === nb;
}

function base62(n: number, width: number): string {
  let out = '';
  let v = n;
  for (let i = 0; i < width; i++) {
    out = BASE62.charAt(v % 62) + out;
    v = Math.floor(v / 62);
  }
  return out;
}

/**
 * Hands out ids in creation order. The two characters after the prefix stand for the
 * instance (pod) like real ids do; the rest is a counter, so ids of one prefix sort by age.
 */
export class IdGenerator {
  private counter: number;
  constructor(start = 3_000_000) {
    this.counter = start;
  }
  next(keyPrefix: string): string {
    this.counter += 1;
    const id15 = `${keyPrefix}Dn${base62(this.counter, 10)}`;
    return id15 + idSuffix(id15);
  }
}

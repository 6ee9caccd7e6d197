/**
 * Which addresses of a message Email to Salesforce matches: To and Cc only (a Bcc never reaches
 * the headers it reads), at most the first 50 unique ones.
 */
import type { AddressObject } from 'mailparser';

export const MAX_MATCHED_ADDRESSES = 50;

export function addressesOf(header: AddressObject | AddressObject[] | undefined): string[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const out: string[] = [];
  const walk = (entries: AddressObject['value']): void => {
    for (const e of entries) {
      if (e.address) out.push(e.address);
      if (e.group) walk(e.group);
    }
  };
  for (const o of objects) walk(o.value);
  return out;
}

export interface RecipientSelection {
  /** Addresses to look up, lower-cased, in message order. */
  considered: string[];
  /** Unique addresses past the limit, not looked up. */
  ignored: string[];
}

/**
 * To then Cc, de-duplicated case-insensitively. Email to Salesforce addresses themselves are
 * not people to match and do not count toward the limit.
 */
export function selectRecipients(to: string[], cc: string[], isServiceAddress: (a: string) => boolean): RecipientSelection {
  const unique: string[] = [];
  for (const a of [...to, ...cc]) {
    const lower = a.trim().toLowerCase();
    if (lower === '' || isServiceAddress(lower) || unique.includes(lower)) continue;
    unique.push(lower);
  }
  return { considered: unique.slice(0, MAX_MATCHED_ADDRESSES), ignored: unique.slice(MAX_MATCHED_ADDRESSES) };
}

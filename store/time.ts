import { isIsoDate, normalizeInstant } from '../sync/instants';

/**
 * Every timestamp in the store is ISO 8601 UTC text of fixed width (`…sssZ`), so text order is
 * time order on both dialects. Everything written goes through these.
 */

export function isoTime(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('Invalid date');
  return at.toISOString();
}

/** Any ISO instant with a zone (`Z`, `+hh:mm`, `+hhmm`, as Salesforce writes) → the store's UTC form. */
export function normaliseIsoTime(value: string): string {
  const normalised = normalizeInstant(value);
  if (normalised === null) throw new RangeError(`Not an ISO-8601 instant with a zone: ${JSON.stringify(value)}`);
  return normalised;
}

/** A calendar date `YYYY-MM-DD`, checked to exist; kept as text, never a Date. */
export function checkDate(value: string): string {
  if (!isIsoDate(value)) throw new RangeError(`Not a calendar date YYYY-MM-DD: ${JSON.stringify(value)}`);
  return value;
}

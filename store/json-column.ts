import { cleanText } from '../sync/clean-text';

/**
 * JSON text for a *_json column. Strings inside are cleaned like every other text the store
 * holds (see clean-text-plugin.ts): an escaped NUL in JSON would come back as a real one.
 */
export function toJsonColumn(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? cleanText(v) : v));
}

/**
 * Text that Salesforce and SQL can both hold. Salesforce refuses or silently keeps control
 * characters that no person typed, and PostgreSQL refuses NUL in text outright, so every text
 * bound for either is cleaned the same way:
 * - NUL and the other C0 control characters are removed, except tab, LF and CR (kept: they are
 *   the text's own layout); DEL (U+007F) goes too, since it is a control character as well;
 * - a lone surrogate (half of a UTF-16 pair, e.g. from a cut made elsewhere) becomes U+FFFD,
 *   so the text is well-formed UTF-16 and encodes to valid UTF-8.
 * Cleaning is idempotent: clean text comes back unchanged (and as the same string).
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const loneSurrogates = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
  return text.replace(controlCharacters, '').replace(loneSurrogates, '\uFFFD');
}

export function cleanNullableText(text: string | null): string | null {
  return text === null ? null : cleanText(text);
}

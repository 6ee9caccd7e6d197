/**
 * Cutting text to a field's limit without producing broken characters.
 *
 * Limits are counted in UTF-16 code units (JavaScript's `length`, and what Salesforce's API
 * measures a string's length in), which is never less than the count of code points: a text
 * cut this way fits whichever of the two a field checks. A cut never splits a surrogate pair,
 * so an emoji at the edge is dropped whole instead of leaving half a character behind.
 */

export interface CutText {
  text: string;
  /** True when characters were dropped; callers log it, since the user's text was shortened. */
  cut: boolean;
  /** Length (UTF-16 units) before the cut, for the log line. */
  originalLength: number;
}

export function cutText(text: string, maxLength: number): CutText {
  if (!Number.isInteger(maxLength) || maxLength < 0) throw new RangeError(`maxLength must be a non-negative integer, got ${maxLength}`);
  if (text.length <= maxLength) return { text, cut: false, originalLength: text.length };
  let end = maxLength;
  // A high surrogate as the last kept unit would be half a character: drop it too.
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return { text: text.slice(0, end), cut: true, originalLength: text.length };
}

/** Shorthand when only the text matters (comparisons). */
export function fitText(text: string, maxLength: number): string {
  return cutText(text, maxLength).text;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

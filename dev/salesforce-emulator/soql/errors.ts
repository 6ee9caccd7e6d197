/** Error codes SOQL answers with over REST; each is the `errorCode` of a 400 body. */
export type SoqlErrorCode =
  | 'MALFORMED_QUERY'
  | 'INVALID_FIELD'
  | 'INVALID_TYPE'
  | 'INVALID_QUERY_FILTER_OPERATOR'
  | 'NUMBER_OUTSIDE_VALID_RANGE';

export class SoqlError extends Error {
  constructor(
    public errorCode: SoqlErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SoqlError';
  }
}

/**
 * Salesforce prefixes parse and binding errors with the query line, a caret under the offending
 * token and "ERROR at Row:r:Column:c"; clients show that text as it is, so we mimic it.
 */
export function errorAt(code: SoqlErrorCode, text: string, offset: number, message: string): SoqlError {
  const before = text.slice(0, offset);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = text.indexOf('\n', offset) === -1 ? text.length : text.indexOf('\n', offset);
  const column = offset - lineStart + 1;
  const line = text.slice(lineStart, lineEnd);
  const caret = ' '.repeat(Math.max(0, column - 1)) + '^';
  return new SoqlError(code, `${line}\n${caret}\nERROR at Row:${row}:Column:${column}\n${message}`);
}

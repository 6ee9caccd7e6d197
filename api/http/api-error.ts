/**
 * Every 4xx answer of the API has one shape, `{ error: { code, message, fields? } }`, so a
 * client shows `message` and marks each `fields[].field` without knowing the route.
 */

export interface FieldError {
  /** Dotted path of the offending input, e.g. `dueDate` or `emailLogging.address`. */
  field: string;
  message: string;
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldError[] } & Record<string, unknown>;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
    /** More machine-readable detail (e.g. the steps to fix), merged into `error`. */
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return { error: { ...this.detail, code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}

export function invalidInput(fields: FieldError[], detail?: Record<string, unknown>): ApiError {
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return new ApiError(400, 'invalid_request', `The request is invalid. ${summary}`, fields, detail);
}

export function notFound(what: string): ApiError {
  return new ApiError(404, 'not_found', `${what} was not found.`);
}

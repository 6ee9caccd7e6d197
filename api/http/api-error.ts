import { z } from 'zod';

/**
 * Every 4xx and 5xx answer of the API has one shape, `{ error: { code, message, fields? } }`, so a
 * client shows `message` and marks each `fields[].field` without knowing the route.
 */

export const fieldErrorSchema = z.strictObject({
  field: z.string().describe('Dotted path of the offending input, e.g. `dueDate` or `emailLogging.address`; `(body)`, `(query)` or `(path)` for the whole part.'),
  message: z.string().describe('What is wrong with it and how to put it right, for a person.'),
}).meta({ id: 'FieldError' });

export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.string().describe('Machine-readable, e.g. invalid_request, unauthorized, not_found, salesforce_not_connected.'),
    message: z.string().describe('For a person: what went wrong and what to do.'),
    fields: z.array(fieldErrorSchema).optional().describe('With invalid_request: each offending field.'),
    steps: z.array(z.string()).optional().describe('Where a setting needs something found elsewhere (the Email to Salesforce address): the steps to find it.'),
  }),
}).meta({ id: 'Error' });

export type FieldError = z.infer<typeof fieldErrorSchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;
/** More machine-readable detail than code, message and fields. */
export type ErrorDetail = Omit<ErrorBody['error'], 'code' | 'message' | 'fields'>;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
    readonly detail?: ErrorDetail,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return { error: { ...this.detail, code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}

export function invalidInput(fields: FieldError[], detail?: ErrorDetail): ApiError {
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return new ApiError(400, 'invalid_request', `The request is invalid. ${summary}`, fields, detail);
}

export function notFound(what: string): ApiError {
  return new ApiError(404, 'not_found', `${what} was not found.`);
}

import { z } from 'zod';
import { defaultLanguage, t, type Language, type Localized } from '../../i18n';

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

/**
 * An error's texts are rendered when it is answered, in the language of the request (the user's
 * choice, else Accept-Language): a field error's message, and the steps of `detail`.
 */
export interface LocalFieldError {
  field: string;
  message: Localized;
}
/** More machine-readable detail than code, message and fields. */
export interface ErrorDetail {
  steps?: readonly Localized[];
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly text: Localized,
    readonly fields?: readonly LocalFieldError[],
    readonly detail?: ErrorDetail,
  ) {
    // The English text, for the log.
    super(text(defaultLanguage));
  }

  toBody(lang: Language = defaultLanguage): ErrorBody {
    const steps = this.detail?.steps?.map((step) => step(lang));
    const fields = this.fields?.map((f) => ({ field: f.field, message: f.message(lang) }));
    return { error: { ...(steps ? { steps } : {}), code: this.code, message: this.text(lang), ...(fields ? { fields } : {}) } };
  }
}

export function invalidInput(fields: readonly LocalFieldError[], detail?: ErrorDetail): ApiError {
  const text = (lang: Language) => t(lang, 'api.invalidRequest', { problems: fields.map((f) => `${f.field}: ${f.message(lang)}`).join('; ') });
  return new ApiError(400, 'invalid_request', text, fields, detail);
}

/** 404 not_found, saying what was not found (e.g. msg('api.notFound.task', { id })). */
export function notFound(what: Localized): ApiError {
  return new ApiError(404, 'not_found', what);
}

import { z } from 'zod';
import { errorBodySchema } from './api-error';

/**
 * Pieces of the response schemas routes declare per status: the API's one error shape, answers
 * without a body, and a check that a response schema describes what its handler returns.
 */

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * `schemaOf<Task>()(z.strictObject({ … }))` compiles only when the schema's output and the type
 * (from the store or the workflow contract) describe the same values, so the documented answer
 * and the value sent cannot part ways unnoticed.
 */
export function schemaOf<T>() {
  return <S extends z.ZodType>(schema: S & (Same<z.output<S>, T> extends true ? unknown : { 'the schema and the type differ': never })): S => schema;
}

const errorAnswers = new WeakSet<z.ZodType>();

/** The error shape, with what this status means on this route. */
export function errorAnswer(description: string): typeof errorBodySchema {
  const schema = errorBodySchema.describe(description);
  errorAnswers.add(schema);
  return schema;
}

/**
 * Adds error answers for the statuses a route inherits from where it is mounted (the bearer-token
 * check, body parsing, the error handler). A status the route already documents as an error keeps
 * its own words, followed by the added ones.
 */
export function withErrorAnswers(response: Record<string, unknown> | undefined, added: Record<number, string>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...response };
  for (const [status, description] of Object.entries(added)) {
    const existing = out[status];
    if (existing === undefined) out[status] = errorAnswer(description);
    else if (existing instanceof z.ZodType && errorAnswers.has(existing)) out[status] = errorAnswer(`${existing.description ?? ''} ${description}`.trim());
  }
  return out;
}

/** A response header, as documented. */
export interface HeaderDoc {
  type: 'string';
  format?: string;
  description: string;
}

/** An answer without a body (204, a redirect), with the headers that matter. */
export function noBody(description: string, headers?: Record<string, HeaderDoc>): z.ZodUndefined {
  return z.undefined().meta({ description, ...(headers ? { headers } : {}) });
}

import type { FastifySchema, FastifySchemaCompiler, FastifyTypeProvider } from 'fastify';
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { z } from 'zod';
import { invalidInput, type FieldError } from './api-error';

/**
 * Routes declare their params, query and body as zod schemas: Fastify validates with them
 * (answering 400 with per-field errors), handlers receive the parsed values with their types,
 * and the OpenAPI document gets their JSON Schema.
 */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

export function fieldErrors(error: z.ZodError, root = '(body)'): FieldError[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String).join('.');
    // An unknown key is reported on the object; name each key instead, so a typo is pointed at.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: at ? `${at}.${key}` : key, message: `Unknown field "${key}".` }));
    }
    return [{ field: at || root, message: issue.message }];
  });
}

const partNames: Record<string, string> = { body: '(body)', querystring: '(query)', params: '(path)', headers: '(headers)' };

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: invalidInput(fieldErrors(result.error, partNames[httpPart ?? 'body'] ?? '(request)')) };
  };

/** Response schemas only document the answer: bodies are sent as they are. */
export const jsonSerializerCompiler: FastifySerializerCompiler<unknown> = () => (data) => JSON.stringify(data);

function isZod(value: unknown): value is z.ZodType {
  return value instanceof z.ZodType;
}

function toJsonSchema(schema: unknown, io: 'input' | 'output'): unknown {
  return isZod(schema) ? z.toJSONSchema(schema, { io, target: 'openapi-3.0', unrepresentable: 'any' }) : schema;
}

/** @fastify/swagger `transform`: the route's zod schemas as JSON Schema. */
export function zodSwaggerTransform({ schema: routeSchema, url }: { schema: FastifySchema | undefined; url: string }): { schema: FastifySchema; url: string } {
  if (!routeSchema) return { schema: {}, url };
  const schema = routeSchema as Record<string, unknown>;
  const out: Record<string, unknown> = { ...schema };
  for (const part of ['params', 'querystring', 'body', 'headers'] as const) {
    if (schema[part] !== undefined) out[part] = toJsonSchema(schema[part], 'input');
  }
  if (schema.response && typeof schema.response === 'object') {
    out.response = Object.fromEntries(Object.entries(schema.response).map(([status, s]) => [status, toJsonSchema(s, 'output')]));
  }
  return { schema: out, url };
}

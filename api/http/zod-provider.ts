import type { FastifySchema, FastifySchemaCompiler, FastifyTypeProvider } from 'fastify';
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { STATUS_CODES } from 'node:http';
import type { SwaggerTransformObject } from '@fastify/swagger';
import type { OpenAPIV3 } from 'openapi-types';
import { z } from 'zod';
import { msg } from '../../i18n';
import { issueText } from '../../i18n/zod-issues';
import { invalidInput, type LocalFieldError } from './api-error';

/**
 * Routes declare their params, query and body as zod schemas: Fastify validates with them
 * (answering 400 with per-field errors), handlers receive the parsed values with their types,
 * and the OpenAPI document gets their JSON Schema.
 */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

export function fieldErrors(error: z.ZodError, root = '(body)'): LocalFieldError[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String).join('.');
    // An unknown key is reported on the object; name each key instead, so a typo is pointed at.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: at ? `${at}.${key}` : key, message: msg('api.unknownField', { name: key }) }));
    }
    return [{ field: at || root, message: issueText(issue) }];
  });
}

const partNames: Record<string, string> = { body: '(body)', querystring: '(query)', params: '(path)', headers: '(headers)' };

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    // With the input in each issue, zod's own messages can be told again in another language.
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: invalidInput(fieldErrors(result.error, partNames[httpPart ?? 'body'] ?? '(request)')) };
  };

/** An answer whose body is not the one its response schema describes: a fault of the server. */
export class AnswerShapeError extends Error {
  override readonly name = 'AnswerShapeError';
}

/**
 * Answers go out through the response schema of their status and must be exactly what it
 * describes, so the OpenAPI document cannot drift from them: a missing, mistyped or undeclared
 * field fails the request (500, the differences in the log) instead of sending an answer the
 * document does not describe. Nothing is dropped or changed on the way: what is checked is the
 * JSON that is sent.
 */
export const jsonSerializerCompiler: FastifySerializerCompiler<unknown> = ({ schema, method, url, httpStatus }) => {
  if (!isZod(schema)) throw new Error(`${method} ${url}: the response schema of status ${httpStatus} must be a zod schema.`);
  return (data) => {
    const json = JSON.stringify(data);
    const sent = JSON.parse(json) as unknown;
    const result = schema.safeParse(sent);
    const problems = result.success ? differences(sent, result.data, '') : fieldErrors(result.error, '(body)').map((f) => `${f.field}: ${f.message('en')}`);
    if (problems.length > 0) throw new AnswerShapeError(`${method} ${url} answered ${httpStatus} with a body its response schema does not describe: ${problems.join('; ')}`);
    return json;
  };
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where parsing changed the answer (a schema that strips, defaults or transforms). */
function differences(sent: unknown, parsed: unknown, at: string): string[] {
  const path = (key: string | number) => (at ? `${at}.${key}` : String(key));
  if (isRecord(sent) && isRecord(parsed)) {
    const keys = [...new Set([...Object.keys(sent), ...Object.keys(parsed)])];
    return keys.flatMap((key) => {
      if (!(key in parsed)) return [`${path(key)}: not in the schema`];
      if (!(key in sent)) return [`${path(key)}: added by the schema`];
      return differences(sent[key], parsed[key], path(key));
    });
  }
  if (Array.isArray(sent) && Array.isArray(parsed) && sent.length === parsed.length) return sent.flatMap((item, i) => differences(item, parsed[i], path(i)));
  return Object.is(sent, parsed) ? [] : [`${at || '(body)'}: changed by the schema`];
}

function isZod(value: unknown): value is z.ZodType {
  return value instanceof z.ZodType;
}

const componentsPath = '#/components/schemas/';

/** A response without its own description is described by its status (OK, Created …). */
function described(response: unknown, status: string): unknown {
  if (!isRecord(response) || typeof response.description === 'string') return response;
  return { ...response, description: STATUS_CODES[status] ?? `HTTP ${status}` };
}

/**
 * Converts the routes' zod schemas for @fastify/swagger (`transform`), and adds the named ones
 * (`.meta({ id: 'Task' })`) to the document's components (`transformObject`), where every use
 * refers to them: one definition per shape, and named types in clients generated from it.
 * `z.undefined()` is an answer without a body (204, a redirect): it becomes the `type: 'null'`
 * that @fastify/swagger documents without content, keeping its description and headers.
 */
export function zodOpenApi() {
  const components = new Map<string, string>();

  const toJsonSchema = (schema: unknown, io: 'input' | 'output'): unknown => {
    if (!isZod(schema)) return schema;
    if (schema instanceof z.ZodUndefined) return { ...schema.meta(), type: 'null' };
    const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' });
    const { $defs, ...rest } = JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', `"${componentsPath}`)) as Record<string, unknown>;
    for (const [id, definition] of Object.entries(isRecord($defs) ? $defs : {})) {
      const text = JSON.stringify(definition);
      const known = components.get(id);
      if (known !== undefined && known !== text) throw new Error(`Two different schemas are named ${id} (as ${io}); give each shape its own id.`);
      components.set(id, text);
    }
    return rest;
  };

  /** A part's schema, or its schemas by content type (`{ content: { 'text/html': { schema } } }`). */
  const partToJsonSchema = (part: unknown, io: 'input' | 'output'): unknown => {
    if (isZod(part) || !isRecord(part) || !isRecord(part.content)) return toJsonSchema(part, io);
    const content = Object.fromEntries(Object.entries(part.content).map(([type, media]) => [type, isRecord(media) ? { ...media, schema: toJsonSchema(media.schema, io) } : media]));
    return { ...part, content };
  };

  return {
    transform({ schema: routeSchema, url }: { schema: FastifySchema | undefined; url: string }): { schema: FastifySchema; url: string } {
      if (!routeSchema) return { schema: {}, url };
      const schema = routeSchema as Record<string, unknown>;
      const out: Record<string, unknown> = { ...schema };
      for (const part of ['params', 'querystring', 'body', 'headers'] as const) {
        if (schema[part] !== undefined) out[part] = partToJsonSchema(schema[part], 'input');
      }
      if (isRecord(schema.response)) {
        out.response = Object.fromEntries(Object.entries(schema.response).map(([status, s]) => [status, described(partToJsonSchema(s, 'output'), status)]));
      }
      return { schema: out, url };
    },
    transformObject: ((document) => {
      if (!('openapiObject' in document)) throw new Error('The API documents itself as OpenAPI 3.');
      const openapiObject = document.openapiObject as Partial<OpenAPIV3.Document>;
      const named = Object.fromEntries([...components].sort(([a], [b]) => a.localeCompare(b)).map(([id, text]) => [id, JSON.parse(text) as OpenAPIV3.SchemaObject]));
      return { ...openapiObject, components: { ...openapiObject.components, schemas: { ...openapiObject.components?.schemas, ...named } } };
    }) satisfies SwaggerTransformObject,
  };
}

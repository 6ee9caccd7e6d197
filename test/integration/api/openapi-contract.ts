import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { RegisteredRoute } from '../../../api/http/route-docs';

/**
 * The API's OpenAPI document as the judge of its answers: every answer a test receives must be one
 * the document describes for that method, path and status, with a body its schema accepts.
 */

export interface MediaTypeDoc {
  schema?: unknown;
}

export interface ResponseDoc {
  description: string;
  content?: Record<string, MediaTypeDoc>;
}

export interface OperationDoc {
  responses: Record<string, ResponseDoc>;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OperationDoc>>;
  components?: { schemas?: Record<string, unknown> };
}

export interface ReceivedAnswer {
  status: number;
  contentType: string | null;
  text: string;
}

/** `/api/tasks/{id}` (OpenAPI) or `/api/tasks/:id` (Fastify) as a test of request paths. */
export function pathMatcher(template: string): RegExp {
  const pattern = template
    .split(/(\{[^}]+\}|:[A-Za-z0-9_]+)/)
    .map((part, i) => (i % 2 === 1 ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`);
}

/** The OpenAPI form of a Fastify route path: `/api/tasks/:id` → `/api/tasks/{id}`. */
export const openApiPath = (url: string): string => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The schemas' references to components, pointed at the components registered with Ajv. */
const componentsId = 'components';
const retarget = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${componentsId}#/$defs/`)) as unknown;

export class ApiContract {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly operations: Array<{ method: string; path: string; matcher: RegExp; operation: OperationDoc }>;

  /** `undocumented`: the routes the document leaves out on purpose, each with its reason. */
  constructor(
    readonly document: OpenApiDocument,
    private readonly undocumented: readonly RegisteredRoute[],
  ) {
    addFormats(this.ajv);
    // OpenAPI's annotation beside JSON Schema's own.
    this.ajv.addKeyword('example');
    this.ajv.addSchema({ $id: componentsId, $defs: retarget(document.components?.schemas ?? {}) });
    this.operations = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({ method: method.toUpperCase(), path, matcher: pathMatcher(path), operation })),
    );
  }

  /** Throws, saying why, unless the document describes this answer to this request. */
  check(method: string, url: string, answer: ReceivedAnswer): void {
    const path = url.split('?')[0] ?? url;
    const found = this.operations.find((o) => o.method === method && o.matcher.test(path));
    const request = `${method} ${path} answered ${answer.status}`;
    if (!found) {
      if (this.undocumented.some((route) => route.method === method && pathMatcher(route.url).test(path))) return;
      // No route: the not-found handler's answer, in the API's error shape.
      if (answer.status !== 404) throw new Error(`${request}, but the document has no ${method} ${path}.`);
      this.validate(`${componentsId}#/$defs/Error`, { $ref: `${componentsId}#/$defs/Error` }, JSON.parse(answer.text), request);
      return;
    }
    const status = String(answer.status);
    const response = found.operation.responses[status] ?? found.operation.responses[`${status[0] ?? ''}XX`] ?? found.operation.responses.default;
    if (!response) throw new Error(`${request}, a status the document does not give for ${method} ${found.path} (it gives ${Object.keys(found.operation.responses).join(', ')}).`);
    if (!response.content) {
      if (answer.text !== '') throw new Error(`${request} with a body, but the document describes that answer without one.`);
      return;
    }
    const mediaType = (answer.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const media = response.content[mediaType];
    if (!media?.schema) throw new Error(`${request} as ${mediaType || 'no content type'}, which the document does not give for ${status} (it gives ${Object.keys(response.content).join(', ')}).`);
    const body: unknown = mediaType.includes('json') ? JSON.parse(answer.text) : answer.text;
    this.validate(`${found.method} ${found.path} ${status} ${mediaType}`, media.schema, body, request);
  }

  private validate(key: string, schema: unknown, body: unknown, request: string): void {
    let validator = this.validators.get(key);
    if (!validator) {
      validator = this.ajv.compile(retarget(schema) as object);
      this.validators.set(key, validator);
    }
    if (!validator(body)) {
      throw new Error(`${request} with a body its documented schema refuses: ${this.ajv.errorsText(validator.errors, { separator: '; ' })}\n${JSON.stringify(body, null, 2).slice(0, 2000)}`);
    }
  }
}

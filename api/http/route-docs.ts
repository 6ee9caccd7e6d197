import type { FastifyInstance, RouteOptions } from 'fastify';
import { withErrorAnswers } from './responses';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Why the route is left out of the OpenAPI document (pages for browsers, Prometheus text, a
     * protocol of another tool); it is then hidden from it.
     */
    undocumented?: string;
  }
}

/** A route as registered: what the OpenAPI document must show of it. */
export interface RegisteredRoute {
  method: string;
  url: string;
  /** Why it is left out of the document; undefined when it is in it. */
  undocumented: string | undefined;
  /** The statuses its response schema declares. */
  statuses: string[];
}

const registries = new WeakMap<FastifyInstance, RouteOptions[]>();

const isSuccess = (status: string) => /^[23]/.test(status);

/**
 * Every route describes every answer: a response schema for each status it answers, at least one
 * of them a success, or a reason to leave it out of the document (`config.undocumented`). Checked
 * as routes are added, so a server with an undescribed route does not start. Any route may also
 * fail with 500 (the error handler).
 */
export function describeEveryRoute(app: FastifyInstance): void {
  const routes: RouteOptions[] = [];
  registries.set(app, routes);
  app.addHook('onRoute', (route) => {
    // Fastify adds HEAD beside each GET, with the GET's options.
    if (route.method === 'HEAD') return;
    const name = `${[route.method].flat().join(',')} ${route.url}`;
    const reason = route.config?.undocumented;
    if (reason !== undefined) {
      if (reason.trim() === '') throw new Error(`${name}: config.undocumented must say why the route is left out of the OpenAPI document.`);
      route.schema = { ...route.schema, hide: true };
    } else {
      if (route.schema?.hide) throw new Error(`${name} is hidden from the OpenAPI document: say why in config.undocumented.`);
      const statuses = Object.keys(route.schema?.response ?? {});
      if (!statuses.some(isSuccess)) throw new Error(`${name} declares no response schema for a success: describe each answer in schema.response.`);
      route.schema = { ...route.schema, response: withErrorAnswers(route.schema?.response as Record<string, unknown> | undefined, { 500: 'The server failed to answer (internal_error); the cause is in its log.' }) };
    }
    routes.push(route);
  });
}

/** The routes registered on a server set up with describeEveryRoute (without Fastify's HEAD twins). */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  const routes = registries.get(app);
  if (!routes) throw new Error('This server was not set up with describeEveryRoute.');
  return routes.map((route) => ({
    method: [route.method].flat().join(','),
    url: route.url,
    undocumented: route.config?.undocumented,
    statuses: Object.keys(route.schema?.response ?? {}),
  }));
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The answers every route under the bearer-token check inherits: 401 without a valid token, 403
 * for a change made with the pages' cookie but without X-Requested-With, and for requests with a
 * body or query: 400, 413 and 415 from validation and body parsing.
 */
export function describeTokenScopeAnswers(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    if (route.method === 'HEAD' || route.config?.undocumented !== undefined) return;
    const write = [route.method].flat().some((method) => writeMethods.has(method));
    const validated = route.schema?.querystring !== undefined || route.schema?.body !== undefined;
    const added: Record<number, string> = {
      401: 'No API token, a malformed Authorization header, or a token unknown or revoked (unauthorized, invalid_token); the answer carries WWW-Authenticate: Bearer.',
    };
    if (write || validated) added[400] = 'The request is invalid (invalid_request, error.fields naming each field) or its body cannot be read (bad_request).';
    if (write) {
      added[403] = "A change sent with the pages' session cookie but without the header X-Requested-With (csrf_header_missing).";
      added[413] = 'The body is larger than the server reads (payload_too_large).';
      added[415] = 'The body has a content type this route does not read (unsupported_media_type).';
    }
    route.schema = { ...route.schema, response: withErrorAnswers(route.schema?.response as Record<string, unknown> | undefined, added) };
  });
}

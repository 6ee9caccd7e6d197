import type { FastifyPluginAsync } from 'fastify';
import { Registry } from 'prom-client';
import type { Store } from '../store';
import { apiUsageMetrics } from '../observability/api-usage-metrics';
import { bearerTokenMatches, tokensFromEnv } from '../observability/bearer-token';
import { metricsRegistry } from '../observability/metrics';
import { codecRoutes, codecRoutesOptionsFromEnv } from './codec-server';

export interface OperatorEndpointsOptions {
  store: Store;
  env?: NodeJS.ProcessEnv;
}

/**
 * What operators reach on the API server, outside /api and its user tokens:
 * - GET /metrics: Prometheus text (this process, plus Salesforce API usage per org from the
 *   store), behind "Bearer <METRICS_AUTH_TOKEN>". It names orgs and their usage, so without a
 *   token it is served only on the local stack (SIA_DEV=1) and is absent elsewhere.
 * - POST /codec/decode|encode: the Temporal UI's codec endpoint, mounted only when
 *   CODEC_AUTH_TOKEN is set (see codec-server.ts).
 */
export const operatorEndpoints: FastifyPluginAsync<OperatorEndpointsOptions> = async (app, { store, env = process.env }) => {
  const usage = apiUsageMetrics(store.db);
  const metricsTokens = tokensFromEnv(env.METRICS_AUTH_TOKEN);
  if (metricsTokens.length > 0 || env.SIA_DEV === '1') app.get('/metrics', { config: { undocumented: 'Prometheus text for scrapers, behind its own token (docs/operations.md).' } }, async (request, reply) => {
    if (metricsTokens.length > 0 && !bearerTokenMatches(request.headers.authorization, metricsTokens)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send({ error: 'GET /metrics needs "Authorization: Bearer <METRICS_AUTH_TOKEN>".' });
    }
    const merged = Registry.merge([metricsRegistry, usage]);
    return reply.header('content-type', merged.contentType).send(await merged.metrics());
  });
  if (env.CODEC_AUTH_TOKEN?.trim()) await app.register(codecRoutes, codecRoutesOptionsFromEnv(env));
};

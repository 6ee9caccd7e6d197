import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireBearerToken } from './auth';
import type { ApiDeps, ApiPlugin } from './http/api-deps';
import { installErrorHandling } from './http/error-handler';
import { describeEveryRoute, describeTokenScopeAnswers } from './http/route-docs';
import { jsonSerializerCompiler, zodOpenApi, zodValidatorCompiler } from './http/zod-provider';
import { pagesRoutes } from './pages';
import { adminRoutes } from './routes/admin';
import { adminHealthRoutes } from './routes/admin-health';
import { commandCenterRoutes } from './routes/command-center';
import { emailRoutes } from './routes/emails';
import { resyncRoutes } from './routes/resync';
import { salesforceCallbackRoutes, salesforceConnectionRoutes } from './routes/salesforce-connection';
import { syncLogRoutes } from './routes/sync-log';
import { syncSettingsRoutes } from './routes/sync-settings';
import { syncStatusRoutes } from './routes/sync-status';
import { tasksRoutes } from './routes/tasks';
import { usersRoutes } from './routes/users';
import { operatorEndpoints } from './operator-endpoints';

export interface ServerDeps extends Omit<ApiDeps, 'now'> {
  /** The server's clock (tests pin it); defaults to the system time. */
  now?: () => Date;
  logger?: boolean | object;
  /** Read by the operator endpoints (METRICS_AUTH_TOKEN, CODEC_AUTH_TOKEN …); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

/** Every route under /api, each behind a bearer token. */
const apiRoutes: ApiPlugin[] = [usersRoutes, adminRoutes, salesforceConnectionRoutes, syncSettingsRoutes, tasksRoutes, commandCenterRoutes, syncStatusRoutes, syncLogRoutes, emailRoutes, resyncRoutes, adminHealthRoutes];

/** The backend HTTP API, ready to listen (the caller listens and closes it). */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: deps.logger ?? false, bodyLimit: 1024 * 1024 });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(jsonSerializerCompiler);
  installErrorHandling(app);
  describeEveryRoute(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'SIA ⇄ Salesforce sync API', version: '1', description: 'Settings, tasks, Salesforce connection and sync health of the signed-in user. Every /api route needs "Authorization: Bearer <token>".' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    ...zodOpenApi(),
  });

  const routeDeps: ApiDeps = {
    store: deps.store,
    temporal: deps.temporal,
    taskQueue: deps.taskQueue,
    secretKey: deps.secretKey,
    salesforceApp: deps.salesforceApp,
    publicUrl: deps.publicUrl.replace(/\/+$/, ''),
    now: deps.now ?? (() => new Date()),
  };

  await app.register(
    async (api) => {
      requireBearerToken(api, routeDeps.store, routeDeps.now);
      describeTokenScopeAnswers(api);
      for (const routes of apiRoutes) await api.register(routes, routeDeps);
    },
    { prefix: '/api' },
  );
  await app.register(salesforceCallbackRoutes, routeDeps);
  await app.register(pagesRoutes, routeDeps);
  await app.register(operatorEndpoints, { store: deps.store, ...(deps.env ? { env: deps.env } : {}) });

  app.get('/openapi.json', { config: { undocumented: 'The document itself.' } }, async () => app.swagger());
  app.get(
    '/health',
    { schema: { tags: ['operations'], summary: 'Liveness', description: 'Answers while the server runs; no token needed.', response: { 200: z.strictObject({ ok: z.literal(true) }).describe('The server runs.') } } },
    async () => ({ ok: true as const }),
  );
  return app;
}

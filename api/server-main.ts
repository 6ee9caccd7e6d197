import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { salesforceAppConfigFromEnv } from '../config/salesforce';
import { temporalConfigFromEnv } from '../config/temporal';
import { openStore } from '../store/open-store';
import { loadSecretKey } from '../store/secret-box';
import { ensureAdmin } from '../store/bootstrap';
import { buildServer } from './server';
import { connectTemporalClient } from '../client/temporal-client';

/**
 * `npm run api`: the backend HTTP API. Environment: PORT (3000), HOST (127.0.0.1), STORE_URL
 * (sqlite:.data/sia.db), SIA_SECRET_KEY (required), PUBLIC_URL (http://localhost:PORT),
 * SIA_ADMIN_TOKEN (optional, accepted for the first admin), Temporal and Salesforce settings
 * as in config/.
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${process.env.PORT}".`);
  const host = process.env.HOST ?? '127.0.0.1';
  const storeUrl = process.env.STORE_URL ?? 'sqlite:.data/sia.db';
  const secretKey = loadSecretKey();
  const temporalConfig = temporalConfigFromEnv();
  const salesforceApp = salesforceAppConfigFromEnv();
  const sqlitePath = storeUrl.startsWith('sqlite:') ? storeUrl.slice('sqlite:'.length) : undefined;
  if (sqlitePath && sqlitePath !== ':memory:') mkdirSync(dirname(sqlitePath), { recursive: true });

  const store = await openStore(storeUrl, { onConnectionError: (error) => process.stderr.write(`store connection lost (a new one opens on the next query): ${error.message}\n`) });
  const temporal = await connectTemporalClient(temporalConfig);
  const admin = await ensureAdmin(store, { token: process.env.SIA_ADMIN_TOKEN || undefined });
  const app = await buildServer({
    store,
    temporal,
    taskQueue: temporalConfig.taskQueue,
    secretKey,
    salesforceApp,
    publicUrl: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  });
  const url = await app.listen({ port, host });
  process.stdout.write(`SIA API listening on ${url} (OpenAPI: ${url}/openapi.json)\n`);
  if (admin.token) process.stdout.write(`Admin "${admin.admin.id}" ${admin.created ? 'created' : 'token registered'}; its API token (shown once): ${admin.token}\n`);

  const shutdown = async (signal: string) => {
    process.stdout.write(`${signal}: closing the API\n`);
    await app.close();
    await temporal.connection.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`API failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

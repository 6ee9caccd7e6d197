import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildActivities } from '../activities';
import { buildServer } from '../api/server';
import { connectTemporalClient } from '../client/temporal-client';
import { salesforceAppConfigFromEnv } from '../config/salesforce';
import { temporalConfigFromEnv } from '../config/temporal';
import { createHash } from 'node:crypto';
import { ensureAdmin } from '../store/bootstrap';
import { issueApiToken, verifyApiToken } from '../store/api-tokens';
import { loadSecretKey, openStore, upsertUser, type Store } from '../store';
import { createWorker } from '../workers/create-worker';
import { startSalesforceEmulator } from './salesforce-emulator';
import { startTemporalDevServer, stopChild } from './temporal';

/**
 * `npm start`: the whole product on this machine. A Temporal dev server with its Web UI, the
 * Salesforce emulator with a demo org (and its Email to Salesforce SMTP inbox), one worker,
 * and the backend API with its pages; a demo user already connected to Salesforce.
 * State lives in .data/ and survives restarts.
 */
const env = {
  temporalPort: Number(process.env.TEMPORAL_PORT ?? 7233),
  temporalUiPort: Number(process.env.TEMPORAL_UI_PORT ?? 8233),
  salesforcePort: Number(process.env.SALESFORCE_PORT ?? 8443),
  smtpPort: Number(process.env.SALESFORCE_SMTP_PORT ?? 2525),
  pubsubPort: Number(process.env.SALESFORCE_PUBSUB_PORT ?? 7443),
  apiPort: Number(process.env.PORT ?? 3000),
};

async function main(): Promise<void> {
  // The local stack uses the fixed development keys (store secrets, payload codec) unless real ones are set.
  process.env.SIA_DEV ??= '1';
  const dataDir = resolve(__dirname, '..', '.data');
  mkdirSync(dataDir, { recursive: true });
  const say = (line: string) => process.stdout.write(`${line}\n`);

  say('Starting the Temporal dev server (the CLI is built on first use)…');
  // The API serves the codec endpoint; the UI gets it with the token in the path (it cannot send
  // a header), so an operator's browser on this machine reads payloads decoded.
  process.env.CODEC_AUTH_TOKEN ??= devToken('codec');
  const codecEndpoint = `http://localhost:${env.apiPort}/codec/t/${process.env.CODEC_AUTH_TOKEN}`;
  const temporal = await startTemporalDevServer({
    port: env.temporalPort,
    uiPort: env.temporalUiPort,
    dbFilename: join(dataDir, 'temporal.db'),
    codecEndpoint,
    log: say,
  });
  // Never leave the server behind, whatever ends this process.
  process.once('exit', () => temporal.process.kill('SIGKILL'));

  // The Pub/Sub API over TLS (self-signed), as salesforce-pubsub-api-client only speaks TLS.
  const emulator = await startSalesforceEmulator({ port: env.salesforcePort, smtpPort: env.smtpPort, seedDemo: true, pubsubPort: env.pubsubPort, pubsubTls: true });
  const publicUrl = `http://localhost:${env.apiPort}`;
  process.env.TEMPORAL_ADDRESS = temporal.address;
  process.env.SALESFORCE_LOGIN_URL ??= emulator.url;
  process.env.SALESFORCE_REDIRECT_URI ??= `${publicUrl}/oauth/salesforce/callback`;
  // Task change events from the emulator's Pub/Sub API, whose certificate is self-signed.
  process.env.SALESFORCE_PUBSUB_ENDPOINT ??= emulator.pubsub?.address ?? 'off';
  process.env.SALESFORCE_PUBSUB_INSECURE_TLS ??= '1';
  const temporalConfig = temporalConfigFromEnv();
  const salesforceApp = salesforceAppConfigFromEnv();

  const store = await openStore(process.env.STORE_URL ?? `sqlite:${join(dataDir, 'sia.db')}`);
  const secretKey = loadSecretKey({ allowDevKey: true });
  const { worker, connection } = await createWorker({ config: temporalConfig, activities: buildActivities({ store, secretKey, salesforceApp, smtp: { host: '127.0.0.1', port: env.smtpPort } }) });
  const workerRun = worker.run();

  const client = await connectTemporalClient(temporalConfig);
  const api = await buildServer({ store, temporal: client, taskQueue: temporalConfig.taskQueue, secretKey, salesforceApp, publicUrl, logger: false });
  await api.listen({ port: env.apiPort, host: '127.0.0.1' });

  const adminToken = process.env.SIA_ADMIN_TOKEN ?? devToken('admin');
  const admin = await ensureAdmin(store, { token: adminToken });
  const demo = await ensureDemoUser(store, publicUrl);

  say('');
  say('sia-salesforce-sync is running:');
  say(`  Temporal Web UI        http://localhost:${env.temporalUiPort}  (workflows: salesforce-sync:<user>, email-log:<user>:<key>)`);
  say(`  Temporal gRPC          ${temporal.address}  (payloads encrypted; the UI decodes them through ${publicUrl}/codec)`);
  say(`  Backend API and pages  ${publicUrl}  (OpenAPI: ${publicUrl}/openapi.json)`);
  say(`  Salesforce emulator    ${emulator.url}  (demo users alice@acme.demo / bob@acme.demo, password demo-password)`);
  say(`  Salesforce Pub/Sub API ${emulator.pubsub?.address ?? 'off'}  (gRPC over TLS, self-signed; Task change events on /data/TaskChangeEvent)`);
  say(`  Email to Salesforce    smtp://127.0.0.1:${env.smtpPort}`);
  say(`  Admin API token        ${adminToken}  (user "${admin.admin.id}")`);
  say(`  Demo user "${demo.id}" token ${demo.token}  (connected to Salesforce as alice@acme.demo)`);
  say(`  Pages                  sign in at ${publicUrl}/sign-in with a token above, then`);
  say(`                         ${publicUrl}/settings/salesforce  ${publicUrl}/command-center  ${publicUrl}/sync-health`);
  say('');
  say(`Try: curl -X PUT ${publicUrl}/api/sync-settings -H 'authorization: Bearer ${demo.token}' -H 'content-type: application/json' -d '{"taskSync":{"mode":"two_way"}}'`);
  say(`then open http://localhost:${env.temporalUiPort} and filter with: TaskSyncMode = 'two_way'`);

  const stop = async () => {
    say('Stopping…');
    worker.shutdown();
    await workerRun.catch(() => undefined);
    await api.close();
    await client.connection.close();
    await connection.close();
    await store.close();
    await emulator.close();
    await stopChild(temporal.process);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** Fixed tokens for the local stack only, so they survive restarts (never used elsewhere). */
function devToken(name: string): string {
  return `sia_${createHash('sha256').update(`sia-local-stack:${name}`).digest('base64url')}`;
}

/** The demo user "alice" with a fixed local token, connected through the real OAuth flow (the emulator approves at once). */
async function ensureDemoUser(store: Store, apiUrl: string): Promise<{ id: string; token: string }> {
  const id = 'alice';
  const token = devToken(id);
  await upsertUser(store.db, { id, email: 'alice@acme.demo', displayName: 'Alice Adams', timeZone: 'Europe/Madrid' });
  if (!(await verifyApiToken(store.db, token))) await issueApiToken(store.db, id, { token, label: 'local stack' });
  const auth = { authorization: `Bearer ${token}` };
  const connection = (await (await fetch(`${apiUrl}/api/salesforce/connection`, { headers: auth })).json()) as { connected?: boolean };
  if (!connection.connected) {
    const start = await fetch(`${apiUrl}/api/salesforce/connect?loginHint=alice%40acme.demo`, { headers: auth });
    const cookie = start.headers.get('set-cookie')?.split(';')[0] ?? '';
    const { authorizeUrl } = (await start.json()) as { authorizeUrl: string };
    const approved = await fetch(authorizeUrl, { redirect: 'manual' });
    const callback = approved.headers.get('location');
    if (!callback) throw new Error(`The Salesforce emulator did not redirect back (HTTP ${approved.status})`);
    const done = await fetch(callback, { headers: { accept: 'application/json', cookie } });
    if (!done.ok) throw new Error(`Connecting the demo user failed: HTTP ${done.status} ${await done.text()}`);
  }
  return { id, token };
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});

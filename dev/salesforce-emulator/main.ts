/** `npm run salesforce-emulator`: the emulator on its own, seeded with the Acme Demo org. */
import { DEMO } from './demo-seed';
import { startSalesforceEmulator } from './index';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8443);
  const smtpPort = process.env.SMTP_PORT === undefined ? 2525 : Number(process.env.SMTP_PORT);
  const pubsubPort = process.env.PUBSUB_PORT === undefined ? 7443 : Number(process.env.PUBSUB_PORT);
  // TLS unless PUBSUB_TLS=0: salesforce-pubsub-api-client only speaks TLS.
  const pubsubTls = process.env.PUBSUB_TLS !== '0';
  const emulator = await startSalesforceEmulator({ port, host: process.env.HOST ?? '127.0.0.1', smtpPort, seedDemo: true, pubsubPort, pubsubTls });
  const demo = emulator.demo;
  const lines = [
    `Salesforce emulator listening on ${emulator.url} (plain HTTP; login URL and instance URL)`,
    `Email to Salesforce (SMTP) on port ${String(emulator.smtpPort)}`,
    `Pub/Sub API (gRPC${pubsubTls ? ' over TLS, self-signed certificate' : ', plaintext'}) on ${emulator.pubsub?.address ?? 'off'}; Task change events on /data/TaskChangeEvent`,
    `Org "${DEMO.orgName}" ${demo?.orgId ?? ''}`,
    `Connected app: client_id=${DEMO.clientId} client_secret=${DEMO.clientSecret}`,
    `Users (password "${DEMO.password}"): ${Object.values(DEMO.users).join(', ')} (integration user has View All Data)`,
    ...Object.entries(demo?.emailToSalesforceAddresses ?? {}).map(([u, a]) => `Email to Salesforce address of ${u}: ${a}`),
    `Test surface: ${emulator.url}/__emulator/… (see dev/salesforce-emulator/README.md)`,
  ];
  console.log(lines.join('\n'));
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();

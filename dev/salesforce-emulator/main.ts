/** `npm run salesforce-emulator`: the emulator on its own, seeded with the Acme Demo org. */
import { DEMO } from './demo-seed';
import { startSalesforceEmulator } from './index';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8443);
  const smtpPort = process.env.SMTP_PORT === undefined ? 2525 : Number(process.env.SMTP_PORT);
  const emulator = await startSalesforceEmulator({ port, host: process.env.HOST ?? '127.0.0.1', smtpPort, seedDemo: true });
  const demo = emulator.demo;
  const lines = [
    `Salesforce emulator listening on ${emulator.url} (plain HTTP; login URL and instance URL)`,
    `Email to Salesforce (SMTP) on port ${String(emulator.smtpPort)}`,
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

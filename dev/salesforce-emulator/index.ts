/**
 * A Salesforce emulator for tests and local runs: REST API, OAuth 2.0 and Email to Salesforce
 * over SMTP, started in-process.
 */
import type { AddressInfo } from 'node:net';
import { startEmailToSalesforce, type EmailToSalesforceServer } from './email-to-salesforce';
import { createState, type EmulatorState } from './emulator-state';
import { seedDemoOrg, type DemoOrg } from './demo-seed';
import { startPubSubServer, type PubSubServer } from './pubsub/server';
import { createEmulatorServer } from './server';
import { EmulatorTestClient } from './test-client';

export { EmulatorTestClient } from './test-client';
export type { OrgStore } from './org-store';
export type { DemoOrg } from './demo-seed';

export interface SalesforceEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Start Email to Salesforce's SMTP listener on this port (0 picks one). */
  smtpPort?: number;
  /** Access token lifetime (session timeout); default 2 hours. */
  tokenLifetimeSeconds?: number;
  /** Seed the "Acme Demo" org (see demo-seed.ts); its Task change events are on. */
  seedDemo?: boolean;
  /** The Pub/Sub API (gRPC) port: 0 (default) picks a free one, `false` starts none. */
  pubsubPort?: number | false;
  /** Serve the Pub/Sub API over TLS with a self-signed certificate (default plaintext). */
  pubsubTls?: boolean;
}

export interface SalesforceEmulator {
  /** Login and instance URL, e.g. http://127.0.0.1:41234 */
  url: string;
  smtpPort?: number;
  /** The test surface, bound to `url`. */
  control: EmulatorTestClient;
  /** In-process state (org store, clock …) for callers that run in the same process. */
  state: EmulatorState;
  /** The demo org's ids and credentials when `seedDemo` was given. */
  demo?: DemoOrg;
  /** The Pub/Sub API: `address` (host:port), `tls`, the self-signed `certificate` with TLS. */
  pubsub?: Omit<PubSubServer, 'close'>;
  close(): Promise<void>;
}

export async function startSalesforceEmulator(opts: SalesforceEmulatorOptions = {}): Promise<SalesforceEmulator> {
  const state = createState(opts.tokenLifetimeSeconds ?? 7200);
  const host = opts.host ?? '127.0.0.1';
  const server = createEmulatorServer(state);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  let smtp: EmailToSalesforceServer | undefined;
  if (opts.smtpPort !== undefined) {
    smtp = await startEmailToSalesforce({ port: opts.smtpPort, host, store: state.store, now: () => state.clock.now() });
  }
  const demo = opts.seedDemo ? seedDemoOrg(state.store) : undefined;
  if (demo) state.cdc.setEnabled(demo.orgId, { Task: true });
  const pubsub = opts.pubsubPort === false ? undefined : await startPubSubServer(state, { port: opts.pubsubPort ?? 0, host, tls: opts.pubsubTls ?? false });
  return {
    url,
    smtpPort: smtp?.port,
    control: new EmulatorTestClient(url),
    state,
    demo,
    pubsub: pubsub && { address: pubsub.address, tls: pubsub.tls, certificate: pubsub.certificate },
    close: async () => {
      await smtp?.close();
      await pubsub?.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

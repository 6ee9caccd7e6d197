/**
 * A Salesforce emulator for tests and local runs: REST API, OAuth 2.0 and Email to Salesforce
 * over SMTP, started in-process.
 */
import type { AddressInfo } from 'node:net';
import { startEmailToSalesforce, type EmailToSalesforceServer } from './email-to-salesforce';
import { createState, type EmulatorState } from './emulator-state';
import { seedDemoOrg, type DemoOrg } from './demo-seed';
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
  /** Seed the "Acme Demo" org (see demo-seed.ts). */
  seedDemo?: boolean;
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
  return {
    url,
    smtpPort: smtp?.port,
    control: new EmulatorTestClient(url),
    state,
    demo,
    close: async () => {
      await smtp?.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

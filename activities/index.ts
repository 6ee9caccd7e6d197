import { salesforceAppConfigFromEnv, type SalesforceAppConfig } from '../config/salesforce';
import { loadSecretKey, openStore, type Store } from '../store';
import { SalesforceConnections } from './salesforce/connections';
import { createEmailActivities, smtpRelayConfigFromEnv } from './email';
import type { SmtpRelayConfig } from './email/relay-to-email-to-salesforce';
import { createOrgPollActivities } from './org-poll';
import { createOrgStreamActivities } from './org-poll/stream-activities';
import { createTaskSyncActivities } from './task-sync';

/**
 * The activities a worker registers. Each group is a thin adapter over one outside system
 * (the store, Salesforce, mail), built once per worker with its dependencies.
 */
export interface ActivityDeps {
  store: Store;
  secretKey: Buffer;
  salesforceApp: SalesforceAppConfig;
  /** Where BCC copies go (the company's relay; the emulator's Email to Salesforce inbox locally). */
  smtp?: SmtpRelayConfig;
  now?: () => Date;
}

export function buildActivities(deps: ActivityDeps) {
  const connections = new SalesforceConnections(deps.store, deps.secretKey, deps.salesforceApp);
  const now = deps.now ?? (() => new Date());
  return {
    ...createTaskSyncActivities({ store: deps.store, connections, now }),
    ...createOrgPollActivities({ store: deps.store, connections, now }),
    ...createOrgStreamActivities({ store: deps.store, connections, now, pubsub: deps.salesforceApp.pubsub }),
    ...createEmailActivities({ store: deps.store, connections, smtp: deps.smtp ?? smtpRelayConfigFromEnv({}), now }),
  };
}

/** From the environment: STORE_URL, SIA_SECRET_KEY, the Salesforce connected app. */
export async function createActivities(env: NodeJS.ProcessEnv = process.env): Promise<ReturnType<typeof buildActivities>> {
  const store = await openStore(env.STORE_URL ?? 'sqlite:.data/sia.db');
  const secretKey = loadSecretKey({ env });
  return buildActivities({ store, secretKey, salesforceApp: salesforceAppConfigFromEnv(env), smtp: smtpRelayConfigFromEnv(env) });
}

import type { Store } from '../../store';
import type { SalesforceConnections } from '../salesforce/connections';
import { logThroughApi } from './log-through-api';
import { readEmailFacts } from './read-email';
import { recordOutcome } from './record-outcome';
import { relayToEmailToSalesforce, type SmtpRelayConfig } from './relay-to-email-to-salesforce';
import type { EmailActivities } from '../../contract/email';
import { heartbeating } from '../heartbeat';

export { smtpRelayConfigFromEnv } from './smtp-config';

export interface EmailActivityDeps {
  store: Store;
  /** Per-user Salesforce sessions (they hold the secret key that opens the stored refresh tokens). */
  connections: SalesforceConnections;
  /** The SMTP relay BCC copies go through. */
  smtp: SmtpRelayConfig;
  now?: () => Date;
}


/** The activities of the `emailLog` workflow, bound to their dependencies; the two that log heartbeat while they run. */
export function createEmailActivities(deps: EmailActivityDeps): EmailActivities {
  const now = deps.now ?? (() => new Date());
  return {
    readEmailForLogging: (ref) => readEmailFacts(deps.store, ref),
    logEmailThroughApi: (input) => heartbeating(() => logThroughApi({ store: deps.store, connections: deps.connections, now }, input)),
    relayEmailToSalesforce: (ref) => heartbeating(() => relayToEmailToSalesforce({ store: deps.store, smtp: deps.smtp, now }, ref)),
    recordEmailOutcome: (input) => recordOutcome(deps.store, now, input),
  };
}

import { salesforceCallClientId, type PubSubConfig } from '../../config/salesforce';
import type { OrgStreamActivities } from '../../contract/org-poll';
import type { SalesforceDeps } from '../salesforce/with-salesforce';
import { changeDetectionOf } from './change-detection';
import { streamOrgChanges } from './stream-org';

/** The org's change stream (watch queue) and the users' question whether their org streams (a streamed user's periodic look). */
export function createOrgStreamActivities(deps: SalesforceDeps & { pubsub: PubSubConfig | null | undefined }): OrgStreamActivities {
  const streamDeps = { ...deps, pubsub: deps.pubsub ?? null, clientId: salesforceCallClientId };
  return {
    streamOrgChanges: (input) => streamOrgChanges(streamDeps, input),
    changeDetectionOf: (input) => changeDetectionOf(deps.store, input, deps.now),
  };
}

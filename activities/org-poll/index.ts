import type { Store } from '../../store';
import type { SalesforceConnections } from '../salesforce/connections';
import { watchOrgChanges, type WatchOrgInput } from './watch-org';

export type { WatchOrgInput, WatchOrgResult } from './watch-org';

export function createOrgPollActivities(deps: { store: Store; connections: SalesforceConnections; now: () => Date }) {
  return { watchOrgChanges: (input: WatchOrgInput) => watchOrgChanges(deps, input) };
}

export type OrgPollActivities = ReturnType<typeof createOrgPollActivities>;

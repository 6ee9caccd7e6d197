import type { OrgPollActivities } from '../../contract/org-poll';
import type { Store } from '../../store';
import type { SalesforceConnections } from '../salesforce/connections';
import { watchOrgChanges } from './watch-org';

export function createOrgPollActivities(deps: { store: Store; connections: SalesforceConnections; now: () => Date }): OrgPollActivities {
  return { watchOrgChanges: (input) => watchOrgChanges(deps, input) };
}

import type { OrgPollActivities } from '../../contract/org-poll';
import type { SalesforceDeps } from '../salesforce/with-salesforce';
import { watchOrgChanges } from './watch-org';
import { heartbeating } from '../heartbeat';

export function createOrgPollActivities(deps: SalesforceDeps): OrgPollActivities {
  return { watchOrgChanges: (input) => heartbeating(() => watchOrgChanges(deps, input)) };
}

import { Context } from '@temporalio/activity';
import { advance, changesQuery, hasMorePages, recordsAfter } from '../../sync/cursor';
import type { SfTask } from '../../sync/salesforce-mapping';
import { taskSyncUsersInOrg } from '../../store';
import { withSalesforce, type SalesforceDeps } from '../salesforce/with-salesforce';
import type { WatchOrgInput, WatchOrgResult } from '../../contract/org-poll';
import { nextStep } from '../heartbeat';

/**
 * One poll covers the whole org: the integration user sees every Task, so a single query per
 * interval finds which owners changed, and only those users' workflows are woken. Runs as one
 * long activity with heartbeats, like a user's watch, so an idle org adds few history events.
 */
export async function watchOrgChanges(deps: SalesforceDeps, input: WatchOrgInput): Promise<WatchOrgResult> {
  const ctx = Context.current();
  const started = Date.now();
  let cursor = input.cursor ?? { modstamp: new Date(deps.now().getTime() - 60_000).toISOString().replace(/\.\d{3}Z$/, '.000Z'), id: '' };
  let calls = 0;
  // A poller that continues from a cursor waits its interval first: polling again right away
  // would add a poll every time a watch activity ends.
  const waitInterval = async () => {
    const until = Date.now() + input.everySeconds * 1000;
    while (Date.now() < until) {
      ctx.heartbeat();
      await ctx.sleep(Math.min(5000, Math.max(50, until - Date.now())));
    }
  };
  if (input.cursor) await waitInterval();
  for (;;) {
    const users = await taskSyncUsersInOrg(deps.store.db, input.orgId);
    if (users.size === 0) return { kind: 'stop', reason: 'no-syncing-users', cursor, calls };
    const owners = new Set<string>();
    const polled = await withSalesforce(deps, { orgId: input.orgId }, async (client) => {
      let more = true;
      while (more) {
        nextStep();
        const { records } = await client.queryPage<Pick<SfTask, 'Id' | 'SystemModstamp' | 'OwnerId'>>(changesQuery({ owners: 'all', after: cursor, fields: ['Id', 'SystemModstamp', 'OwnerId'] }), { all: true });
        for (const r of recordsAfter(cursor, records)) owners.add(r.OwnerId.slice(0, 15));
        cursor = advance(cursor, records) ?? cursor;
        more = hasMorePages(records);
      }
      calls += client.counter.calls;
      return true;
    });
    if (!polled) return { kind: 'stop', reason: 'no-integration', cursor, calls };
    const wake = [...users].filter(([sfUserId]) => owners.has(sfUserId.slice(0, 15))).map(([, userId]) => userId);
    if (wake.length > 0) return { kind: 'changes', cursor, wake, calls };
    // The next wait would pass the activity's time: end here, the workflow starts the next one.
    if (Date.now() - started + input.everySeconds * 1000 > input.maxSeconds * 1000) return { kind: 'quiet', cursor, calls };
    await waitInterval();
  }
}

import { Context } from '@temporalio/activity';
import { changesQuery, recordsAfter } from '../../sync/cursor';
import type { SfTask } from '../../sync/salesforce-mapping';
import { currentSeq, getSyncSettings } from '../../store';
import type { TaskSyncDeps } from './deps';
import { withSalesforce } from '../salesforce/with-salesforce';
import type { WatchInput, WatchResult } from '../../contract/task-sync';
import { orgCoverage } from '../org-poll/change-detection';

/**
 * Waits, inside one activity, until something changes on either side. An idle user then costs
 * one activity per `maxSeconds` in workflow history instead of a timer and an activity per poll;
 * its heartbeats (`heartbeating`, as it runs) keep it alive and carry cancellation when a nudge
 * wakes the workflow first.
 */
export async function watchForChanges(deps: TaskSyncDeps, input: WatchInput): Promise<WatchResult> {
  const ctx = Context.current();
  const started = Date.now();
  // When the org has an integration user, its poller watches Salesforce for everyone and
  // nudges this workflow: polling here too would only spend the org's allowance. When the org
  // streams its changes, they come as nudges: the workflow waits for those instead of a watch.
  // Read again before every Salesforce check, so an integration or a stream that starts meanwhile takes over.
  // The org comes with the user's connection; opening it makes no call.
  const orgId = await withSalesforce(deps, { userId: input.userId }, async (client) => client.orgId);
  const coverage = () => orgCoverage(deps.store.db, orgId, deps.now());
  let org = await coverage();
  let nextSalesforce = started + input.salesforceEverySeconds * 1000;
  let nextSia = started;
  let calls = 0;
  // Switched off: stop at once rather than keep polling until the workflow's cancellation arrives.
  const switchedOff = async () => (await getSyncSettings(deps.store.db, input.userId)).settings.taskSync.mode === 'do_not_sync';
  for (;;) {
    const now = Date.now();
    // At the end, no last look at either side: the round that follows reads both anyway.
    if (now - started >= input.maxSeconds * 1000) return { changed: 'nothing', salesforceCalls: calls, orgPolled: org.polled };
    if (now >= nextSia) {
      if ((await currentSeq(deps.store.db, input.userId)) > input.afterSeq) return { changed: 'sia', salesforceCalls: calls };
      if (await switchedOff()) return { changed: 'nothing', salesforceCalls: calls };
      nextSia = now + input.siaEverySeconds * 1000;
    }
    // After the SIA check: a change waiting there goes out in a round first.
    if (org.stream) return { changed: 'nothing', salesforceCalls: calls, orgPolled: true, streamed: true };
    if (now >= nextSalesforce) {
      org = await coverage();
      // Returned on the next turn, after the SIA check if one is due.
      if (org.stream) continue;
      if (!org.polled) {
        if (await switchedOff()) return { changed: 'nothing', salesforceCalls: calls };
        const changed = await withSalesforce(deps, { userId: input.userId }, async (client) => {
          const { records } = await client.queryPage<SfTask>(changesQuery({ owners: { ownerIds: [client.sfUserId] }, after: input.cursor, fields: ['Id', 'SystemModstamp'], limit: 1 }), { all: true });
          calls += client.counter.calls;
          return recordsAfter(input.cursor, records).length > 0;
        });
        if (changed) return { changed: 'salesforce', salesforceCalls: calls };
      }
      nextSalesforce = Date.now() + input.salesforceEverySeconds * 1000;
    }
    const wait = Math.max(50, Math.min(nextSia, nextSalesforce, started + input.maxSeconds * 1000) - Date.now());
    await ctx.sleep(Math.min(wait, 5000));
  }
}

import { advance, boundaryReread, changesQuery, hasMorePages, recordsAfter } from '../../sync/cursor';
import { onSalesforceChange, reconcileLinked, type SyncPhase } from '../../sync/reconcile';
import { salesforceTaskFields, type SfTask } from '../../sync/salesforce-mapping';
import { soqlString } from '../../sync/soql-literals';
import { allLinks, linksForSfTasks, tasksByIds, toSiaTaskSnapshot } from '../../store';
import type { SalesforceClient } from '../salesforce/client';
import type { TaskSyncDeps } from './deps';
import type { FullComparisonResult, PullInput, PullResult } from '../../contract/task-sync';
import { addToPlan, emptyPlan, executePlan, type PlanOutcome } from './plan';
import { withSalesforce } from '../salesforce/with-salesforce';
import { allowanceConfigFromEnv, userBudget } from './budget';
import { nextStep } from '../heartbeat';
import { linkEarlierCreates } from './earlier-creates';
import { pushWaiting } from './push';
import { orgCoverage } from '../org-poll/change-detection';

/**
 * Salesforce → SIA: Tasks changed after the (SystemModstamp, Id) cursor, read with queryAll so
 * that updates and deletions arrive in one ordered stream, 2,000 a page.
 */
export async function pullSalesforceChanges(deps: TaskSyncDeps, { userId, cursor, phase, afterSeq, maxPages = 5 }: PullInput): Promise<PullResult> {
  const { store } = deps;
  const now = deps.now();
  const total: PlanOutcome = { toSia: 0, toSalesforce: 0, failed: 0, conflicts: 0 };
  let read = 0;
  let more = false;
  return withSalesforce(deps, { userId }, async (client) => {
    for (let page = 0; page < maxPages; page++) {
      nextStep();
      // The first page re-reads the cursor's second (see boundaryReread); only records past the
      // cursor count as news, so an idle user does not look active.
      const from = page === 0 ? boundaryReread(cursor) : cursor;
      const { records } = await client.queryPage<SfTask>(changesQuery({ owners: { ownerIds: [client.sfUserId] }, after: from }), { all: true });
      read += recordsAfter(cursor, records).length;
      add(total, await reconcileRecords(deps, client, userId, recordsAfter(from, records), phase, now));
      cursor = advance(cursor, records);
      more = hasMorePages(records);
      if (!more) break;
    }
    const budget = await userBudget(store.db, client.orgId, userId, now, allowanceConfigFromEnv(), client.counter.limit);
    const pushNeeded = afterSeq === undefined || (await pushWaiting(store.db, userId, afterSeq));
    const streamed = (await orgCoverage(store.db, client.orgId, now)).stream !== null;
    return { cursor, more, read, budget, pushNeeded, streamed, counts: { ...total, salesforceCalls: client.counter.calls } };
  });
}

/**
 * When Salesforce may have forgotten deletions (switched on again past its 15-day window, or
 * the recycle bin was emptied), compare every linked task with what Salesforce has now: a task
 * that is gone is deleted in SIA, unless SIA edited it since the last sync.
 *
 * Only linked records (and our own creates, by their external id) take part: Salesforce tasks
 * never synced are left to the change pull, which keeps the first import's 24-hour rule, so a
 * comparison never floods SIA with a user's old Salesforce tasks. The change cursor is left
 * where it is, so nothing changed since it is skipped.
 */
export async function compareAllTasks(deps: TaskSyncDeps, { userId }: { userId: string }): Promise<FullComparisonResult> {
  const { store } = deps;
  const now = deps.now();
  const total: PlanOutcome = { toSia: 0, toSalesforce: 0, failed: 0, conflicts: 0 };
  return withSalesforce(deps, { userId }, async (client) => {
    const links = await allLinks(store.db, userId);
    const linked = new Set(links.map((l) => l.sfTaskId));
    const soql = `SELECT ${salesforceTaskFields.join(', ')} FROM Task WHERE OwnerId = ${soqlString(client.sfUserId)} ORDER BY SystemModstamp ASC, Id ASC`;
    const records = await client.queryEvery<SfTask>(soql, { all: true });
    const ours = records.filter((r) => linked.has(r.Id) || r.SIA_Task_Id__c);
    add(total, await reconcileRecords(deps, client, userId, ours, { kind: 'continuous' }, now));
    const present = new Set(records.map((r) => r.Id));
    const gone = links.filter((l) => !present.has(l.sfTaskId));
    const tasks = await tasksByIds(store.db, userId, gone.map((l) => l.siaTaskId));
    const plan = emptyPlan();
    for (const link of gone) {
      const task = tasks.get(link.siaTaskId);
      const action = reconcileLinked({ link, sia: task ? toSiaTaskSnapshot(task) : null, sf: null });
      addToPlan(plan, action, { siaTaskId: link.siaTaskId, record: null, sfTaskId: link.sfTaskId, siaSeq: task?.changeSeq ?? null });
    }
    add(total, await executePlan(store.db, client, userId, plan, now, deps.hooks));
    return { cursor: null, vanished: gone.length, counts: { ...total, salesforceCalls: client.counter.calls } };
  });
}

async function reconcileRecords({ store: { db }, hooks }: TaskSyncDeps, client: SalesforceClient, userId: string, read: readonly SfTask[], phase: SyncPhase, now: Date): Promise<PlanOutcome> {
  let records = read;
  if (records.length === 0) return { toSia: 0, toSalesforce: 0, failed: 0, conflicts: 0 };
  let links = await linksForSfTasks(db, userId, records.map((r) => r.Id));
  // Our own creates without a link: an earlier attempt's answer was lost.
  const unlinkedOurs = records.flatMap((r) => (!links.has(r.Id) && r.SIA_Task_Id__c ? [r.SIA_Task_Id__c] : []));
  if (unlinkedOurs.length > 0) {
    const earlier = await linkEarlierCreates(db, client, userId, unlinkedOurs, now);
    if (earlier.size > 0) {
      const known = new Set(records.map((r) => r.Id));
      records = [...records, ...[...earlier.values()].filter((r) => !known.has(r.Id))];
      links = await linksForSfTasks(db, userId, records.map((r) => r.Id));
    }
  }
  const siaIds = records.flatMap((r) => {
    const link = links.get(r.Id);
    return link ? [link.siaTaskId] : r.SIA_Task_Id__c ? [r.SIA_Task_Id__c] : [];
  });
  const tasks = await tasksByIds(db, userId, siaIds);
  const plan = emptyPlan();
  for (const record of records) {
    const link = links.get(record.Id) ?? null;
    // Unlinked, the task our external id names (a create whose link was never written).
    const siaTaskId = link?.siaTaskId ?? record.SIA_Task_Id__c ?? null;
    const task = siaTaskId ? tasks.get(siaTaskId) : undefined;
    const action = onSalesforceChange({ record, link, sia: task ? toSiaTaskSnapshot(task) : null, phase });
    addToPlan(plan, action, { siaTaskId, record, sfTaskId: record.Id, siaSeq: task?.changeSeq ?? null });
  }
  return executePlan(db, client, userId, plan, now, hooks);
}

function add(total: PlanOutcome, more: PlanOutcome): void {
  total.toSia += more.toSia;
  total.toSalesforce += more.toSalesforce;
  total.failed += more.failed;
  total.conflicts += more.conflicts;
}

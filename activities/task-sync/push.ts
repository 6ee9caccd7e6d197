import { onSiaChange } from '../../sync/reconcile';
import { changesSince, currentSeq, getSyncSettings, linksForTasks, sameTaskFields, taskFieldsOf, tasksByIds, tasksWithOpenErrors, toSiaTaskSnapshot, type Db, type Task, type TaskLink } from '../../store';
import type { SfTask } from '../../sync/salesforce-mapping';
import type { TaskSyncDeps } from './deps';
import type { PushInput, PushResult } from '../../contract/task-sync';
import { addToPlan, emptyPlan, executePlan } from './plan';
import { readTasksById } from './salesforce-reads';
import { linkEarlierCreates } from './earlier-creates';
import { withSalesforce } from '../salesforce/with-salesforce';

const pageSize = 2000;
const retriesPerRound = 200;

/**
 * SIA → Salesforce: every SIA task changed after the cursor, plus tasks whose last write
 * Salesforce refused, reconciled against the Salesforce record as it is now.
 */
function agreesWithLink(task: Task, link: TaskLink | null): boolean {
  if (!link) return false;
  return task.deletedAt === null ? !link.sfDeleted && sameTaskFields(taskFieldsOf(task), link.synced) : link.sfDeleted;
}

/**
 * Whether a push would find work: SIA changes after `afterSeq` (the pull's own writes included),
 * or tasks whose last write Salesforce refused. Without either, a round needs no push.
 */
export async function pushWaiting(db: Db, userId: string, afterSeq: number): Promise<boolean> {
  return (await currentSeq(db, userId)) > afterSeq || (await tasksWithOpenErrors(db, userId, 1)).length > 0;
}

export async function pushSiaChanges(deps: TaskSyncDeps, { userId, afterSeq }: PushInput): Promise<PushResult> {
  const { store } = deps;
  const now = deps.now();
  const changes = await changesSince(store.db, userId, afterSeq, pageSize);
  const seen = new Set(changes.map((c) => c.task.id));
  const retryIds = (await tasksWithOpenErrors(store.db, userId, retriesPerRound)).filter((id) => !seen.has(id));
  const retryTasks = [...(await tasksByIds(store.db, userId, retryIds)).values()];
  const retryLinks = await linksForTasks(store.db, userId, retryTasks.map((t) => t.id));
  const work: Array<{ task: Task; link: TaskLink | null }> = [
    // Writes the pull made come back here as SIA changes: a task still equal to the state both
    // sides agreed on has nothing to push, and needs no read of its Salesforce record.
    ...changes.filter((c) => !agreesWithLink(c.task, c.link)).map((c) => ({ task: c.task, link: c.link })),
    ...retryTasks.map((task) => ({ task, link: retryLinks.get(task.id) ?? null })),
  ];
  const nextSeq = changes.length > 0 ? Math.max(afterSeq, ...changes.map((c) => c.task.changeSeq)) : afterSeq;
  if (work.length === 0) return { afterSeq: nextSeq, more: false, counts: { toSalesforce: 0, toSia: 0, conflicts: 0, failed: 0, salesforceCalls: 0 } };

  const { baselineSeq } = await getSyncSettings(store.db, userId);
  return withSalesforce(deps, { userId }, async (client) => {
    const earlier = await linkEarlierCreates(store.db, client, userId, work.map((w) => w.task.id), now);
    const relinked = earlier.size > 0 ? await linksForTasks(store.db, userId, [...earlier.keys()]) : new Map<string, TaskLink>();
    const items = work.map((w) => ({ task: w.task, link: relinked.get(w.task.id) ?? w.link }));
    const linked = items.flatMap((w) => (w.link && !earlier.has(w.task.id) ? [w.link.sfTaskId] : []));
    const records = linked.length > 0 ? await readTasksById(client, linked) : new Map<string, SfTask>();
    for (const record of earlier.values()) records.set(record.Id, record);
    const plan = emptyPlan();
    for (const { task, link } of items) {
      const sf = link ? (records.get(link.sfTaskId) ?? null) : null;
      const action = onSiaChange({ sia: toSiaTaskSnapshot(task), link, sf, baselineSeq: baselineSeq ?? Number.MAX_SAFE_INTEGER });
      addToPlan(plan, action, { siaTaskId: task.id, record: sf, sfTaskId: link?.sfTaskId ?? null, siaSeq: task.changeSeq });
    }
    const outcome = await executePlan(store.db, client, userId, plan, now, deps.hooks);
    return {
      afterSeq: nextSeq,
      more: changes.length >= pageSize,
      counts: { toSalesforce: outcome.toSalesforce, toSia: outcome.toSia, conflicts: outcome.conflicts, failed: outcome.failed, salesforceCalls: client.counter.calls },
    };
  });
}

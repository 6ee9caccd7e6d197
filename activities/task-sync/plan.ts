import type { LinkedAction, SalesforceChangeAction, SiaChangeAction } from '../../sync/reconcile';
import { fromSalesforce, type SfTask } from '../../sync/salesforce-mapping';
import { applyFromSalesforce, appendSyncLog, deleteLinks, type Db, type SalesforceChange, type SyncLogInput } from '../../store';
import type { SalesforceClient } from '../salesforce/client';
import type { TaskSyncHooks } from './deps';
import { writeToSalesforce, type SalesforceOp } from './salesforce-writes';
import { recordTaskSync } from '../../observability/metrics';

/**
 * The reconcile functions decide per task; a plan gathers those decisions so the writes go out
 * in bulk: SIA writes in one store transaction, Salesforce writes in collections of 200.
 */
export interface SyncPlan {
  toSia: SalesforceChange[];
  toSalesforce: SalesforceOp[];
  unlink: string[];
  log: SyncLogInput[];
  conflicts: number;
}

export const emptyPlan = (): SyncPlan => ({ toSia: [], toSalesforce: [], unlink: [], log: [], conflicts: 0 });

export type AnyAction = LinkedAction | SalesforceChangeAction | SiaChangeAction;

/** Adds one decision to the plan. `record` is the Salesforce task as read now, when there is one. */
/**
 * `siaSeq` is the change number of the SIA task the decision read (null: none): SIA writes carry
 * it, so a user's change made meanwhile is never overwritten by a decision that did not see it.
 */
export function addToPlan(plan: SyncPlan, action: AnyAction, ctx: { siaTaskId: string | null; record: SfTask | null; sfTaskId: string | null; siaSeq: number | null }): void {
  const { record } = ctx;
  const expectSiaSeq = ctx.siaSeq;
  const sfSide = (sfFields = record ? fromSalesforce(record) : null) => (record && sfFields ? { sfTaskId: record.Id, sfModstamp: record.SystemModstamp, sfFields } : null);
  switch (action.kind) {
    case 'echo': {
      // Refreshes the link's SystemModstamp; changes nothing else.
      const side = sfSide();
      if (side) plan.toSia.push({ kind: 'upsert', ...side, expectSiaSeq });
      return;
    }
    case 'update': {
      const side = sfSide();
      // The SIA side becomes the merge; the link keeps Salesforce's state until Salesforce has the merge too.
      if (side) plan.toSia.push({ kind: 'upsert', ...side, siaFields: action.merged, expectSiaSeq });
      if (action.toSalesforce && ctx.siaTaskId && ctx.sfTaskId) {
        plan.toSalesforce.push({ kind: 'update', siaTaskId: ctx.siaTaskId, sfTaskId: ctx.sfTaskId, fields: action.merged, record: action.toSalesforce.fields });
      }
      for (const decision of action.decisions) {
        if (decision.reason === 'only-sia-changed' || decision.reason === 'only-salesforce-changed') continue;
        plan.conflicts += 1;
        plan.log.push({
          direction: 'both',
          action: 'conflict',
          siaTaskId: ctx.siaTaskId,
          sfTaskId: ctx.sfTaskId,
          message: `"${decision.field}" changed on both sides; kept the ${decision.winner === 'sia' ? 'SIA' : 'Salesforce'} value (${decision.reason.replace(/-/g, ' ')})`,
          detail: decision,
        });
      }
      return;
    }
    case 'delete-in-sia':
      if (ctx.sfTaskId) plan.toSia.push({ kind: 'delete', sfTaskId: ctx.sfTaskId, sfModstamp: record?.SystemModstamp ?? null, expectSiaSeq });
      return;
    case 'delete-in-sf':
      if (ctx.siaTaskId && ctx.sfTaskId) plan.toSalesforce.push({ kind: 'delete', siaTaskId: ctx.siaTaskId, sfTaskId: ctx.sfTaskId });
      return;
    case 'recreate-in-sia':
    case 'create-in-sia': {
      const side = sfSide(action.fields);
      if (side) plan.toSia.push({ kind: 'upsert', ...side, expectSiaSeq });
      return;
    }
    case 'adopt': {
      const side = sfSide(action.synced);
      if (side) plan.toSia.push({ kind: 'upsert', ...side, siaTaskId: action.siaTaskId, expectSiaSeq });
      return;
    }
    case 'recreate-in-sf':
    case 'create-in-sf':
      if (ctx.siaTaskId) plan.toSalesforce.push({ kind: 'create', siaTaskId: ctx.siaTaskId, fields: action.fields, record: { ...action.create.fields, ...action.create.externalId } });
      return;
    case 'unlink':
      if (ctx.siaTaskId) plan.unlink.push(ctx.siaTaskId);
      return;
    case 'not-synced':
    case 'ignore':
      return;
  }
}

export interface PlanOutcome {
  toSia: number;
  toSalesforce: number;
  failed: number;
  conflicts: number;
}

const siaOutcomes = {
  created: { action: 'create', message: 'Created in SIA from Salesforce' },
  updated: { action: 'update', message: 'Updated in SIA from Salesforce' },
  restored: { action: 'restore', message: 'Restored in SIA: the Salesforce task is live again' },
  deleted: { action: 'delete', message: 'Deleted in SIA: deleted in Salesforce' },
} as const;

/** SIA side first, so a Salesforce write that follows records the merged state in the link last. */
export async function executePlan(db: Db, client: SalesforceClient, userId: string, plan: SyncPlan, now: Date, hooks?: TaskSyncHooks): Promise<PlanOutcome> {
  const applied = plan.toSia.length > 0 ? await applyFromSalesforce(db, userId, plan.toSia, now) : [];
  const log = [...plan.log];
  let toSia = 0;
  for (const result of applied) {
    if (result.outcome in siaOutcomes) {
      toSia += 1;
      const { action, message } = siaOutcomes[result.outcome as keyof typeof siaOutcomes];
      log.push({ direction: 'sf_to_sia', action, siaTaskId: result.siaTaskId, sfTaskId: result.sfTaskId, message });
    }
  }
  if (plan.unlink.length > 0) await deleteLinks(db, userId, plan.unlink);
  if (log.length > 0) await appendSyncLog(db, userId, log, now);
  const written = plan.toSalesforce.length > 0 ? await writeToSalesforce(db, client, userId, plan.toSalesforce, now, hooks) : { written: 0, failed: 0 };
  const outcome = { toSia, toSalesforce: written.written, failed: written.failed, conflicts: plan.conflicts };
  recordTaskSync(outcome);
  return outcome;
}

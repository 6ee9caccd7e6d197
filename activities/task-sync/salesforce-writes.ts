import type { SfTaskWrite } from '../../sync/salesforce-mapping';
import type { TaskFields } from '../../sync/task-fields';
import { dropCreateMarks, markCreatesSent, recordPushed, recordSyncError, resolveSyncErrors, appendSyncLog, type PushedChange, type SyncLogInput, type Db } from '../../store';
import { chunks, type CollectionResult, type SalesforceClient } from '../salesforce/client';
import { refusalFailure } from '../salesforce/errors';
import { classifySalesforceError } from '../../sync/salesforce-errors';
import type { TaskSyncHooks } from './deps';
import { nextStep } from '../heartbeat';
import { linkedEarlierCreateMessage } from './earlier-creates';

/** A write to Salesforce decided by the reconcile functions. */
export type SalesforceOp =
  | { kind: 'create'; siaTaskId: string; fields: TaskFields; record: SfTaskWrite & { SIA_Task_Id__c: string } }
  | { kind: 'update'; siaTaskId: string; sfTaskId: string; fields: TaskFields; record: SfTaskWrite }
  | { kind: 'delete'; siaTaskId: string; sfTaskId: string };

export interface WriteOutcome {
  written: number;
  failed: number;
}

const goneCodes = new Set(['ENTITY_IS_DELETED', 'NOT_FOUND', 'INVALID_CROSS_REFERENCE_KEY']);

/**
 * Sends the writes in sObject Collections of 200, then records what Salesforce accepted in the
 * links (one transaction) and what it refused in the sync errors. A create is marked before it
 * goes out, so a retry after a lost answer first looks for what it made (earlier-creates.ts); it is
 * an upsert on SIA_Task_Id__c besides, so even a create sent twice makes one task.
 * A record refused for a passing reason (a locked row, the allowance spent) fails the activity
 * after the rest is recorded, so a later attempt re-sends only that one.
 */
export async function writeToSalesforce(db: Db, client: SalesforceClient, userId: string, ops: readonly SalesforceOp[], now: Date, hooks: TaskSyncHooks = {}): Promise<WriteOutcome> {
  const answered: Array<{ op: SalesforceOp; result: CollectionResult }> = [];
  const creates = ops.filter((o): o is Extract<SalesforceOp, { kind: 'create' }> => o.kind === 'create');
  const updates = ops.filter((o): o is Extract<SalesforceOp, { kind: 'update' }> => o.kind === 'update');
  const deletes = ops.filter((o): o is Extract<SalesforceOp, { kind: 'delete' }> => o.kind === 'delete');

  for (const batch of chunks(creates)) {
    nextStep();
    await markCreatesSent(db, userId, batch, now);
    const results = await client.upsert('Task', 'SIA_Task_Id__c', batch.map((o) => o.record));
    await hooks.afterSalesforceWrite?.({ userId, kind: 'create', siaTaskIds: batch.map((o) => o.siaTaskId) });
    batch.forEach((op, i) => answered.push({ op, result: resultAt(results, i) }));
  }
  for (const batch of chunks(updates)) {
    nextStep();
    const results = await client.update('Task', batch.map((o) => ({ Id: o.sfTaskId, ...o.record })));
    await hooks.afterSalesforceWrite?.({ userId, kind: 'update', siaTaskIds: batch.map((o) => o.siaTaskId) });
    batch.forEach((op, i) => answered.push({ op, result: resultAt(results, i) }));
  }
  for (const batch of chunks(deletes)) {
    nextStep();
    const results = await client.destroy(batch.map((o) => o.sfTaskId));
    await hooks.afterSalesforceWrite?.({ userId, kind: 'delete', siaTaskIds: batch.map((o) => o.siaTaskId) });
    batch.forEach((op, i) => answered.push({ op, result: resultAt(results, i) }));
  }

  const pushed: PushedChange[] = [];
  const log: SyncLogInput[] = [];
  const resolved: string[] = [];
  const refusedCreates: string[] = [];
  let failed = 0;
  let passing: Error | undefined;

  for (const { op, result } of answered) {
    const errorCode = result.errors[0]?.statusCode;
    if (result.success || (op.kind === 'delete' && errorCode && goneCodes.has(errorCode))) {
      pushed.push(pushedChange(op, result));
      log.push(logEntry(op, result));
      resolved.push(op.siaTaskId);
      continue;
    }
    if (op.kind === 'update' && errorCode && goneCodes.has(errorCode)) {
      // Deleted in Salesforce meanwhile: the next read of changes brings the deletion.
      log.push({ direction: 'sia_to_sf', action: 'skip', siaTaskId: op.siaTaskId, sfTaskId: op.sfTaskId, message: 'Salesforce task was deleted before the update arrived; the deletion will be applied.' });
      continue;
    }
    // Refused: Salesforce made nothing, so the retry need not look for an earlier create.
    if (op.kind === 'create') refusedCreates.push(op.siaTaskId);
    const error = result.errors[0] ?? { statusCode: 'UNKNOWN_EXCEPTION', message: 'Salesforce gave no reason' };
    const advice = classifySalesforceError({ errorCode: error.statusCode });
    passing ??= refusalFailure({ code: error.statusCode, message: error.message });
    failed += 1;
    await recordSyncError(
      db,
      userId,
      {
        key: `task:${op.siaTaskId}`,
        code: error.statusCode,
        message: error.message,
        explanation: `${advice.explanation} ${advice.fix}`,
        siaTaskId: op.siaTaskId,
        sfTaskId: op.kind === 'create' ? null : op.sfTaskId,
      },
      now,
    );
    log.push({ direction: 'sia_to_sf', action: 'error', siaTaskId: op.siaTaskId, sfTaskId: op.kind === 'create' ? null : op.sfTaskId, message: `${advice.title}: ${error.message}`, detail: { code: error.statusCode, fields: 'fields' in error ? error.fields : undefined } });
  }

  if (pushed.length > 0) await recordPushed(db, userId, pushed, now);
  if (resolved.length > 0) await resolveSyncErrors(db, userId, resolved.map((siaTaskId) => `task:${siaTaskId}`), now);
  if (log.length > 0) await appendSyncLog(db, userId, log, now);
  if (refusedCreates.length > 0) await dropCreateMarks(db, userId, refusedCreates);
  if (passing) throw passing;
  return { written: pushed.length, failed };
}

function resultAt(results: CollectionResult[], i: number): CollectionResult {
  return results[i] ?? { success: false, errors: [{ statusCode: 'UNKNOWN_EXCEPTION', message: 'Salesforce answered fewer results than records sent' }] };
}

function pushedChange(op: SalesforceOp, result: CollectionResult): PushedChange {
  switch (op.kind) {
    case 'create':
      if (!result.id) throw new Error(`Salesforce accepted the create of ${op.siaTaskId} without an id`);
      return { kind: 'created', siaTaskId: op.siaTaskId, sfTaskId: result.id, fields: op.fields };
    case 'update':
      return { kind: 'updated', siaTaskId: op.siaTaskId, fields: op.fields };
    case 'delete':
      return { kind: 'deleted', siaTaskId: op.siaTaskId };
  }
}

function logEntry(op: SalesforceOp, result: CollectionResult): SyncLogInput {
  switch (op.kind) {
    case 'create':
      return { direction: 'sia_to_sf', action: 'create', siaTaskId: op.siaTaskId, sfTaskId: result.id ?? null, message: result.created === false ? linkedEarlierCreateMessage : 'Created in Salesforce' };
    case 'update':
      return { direction: 'sia_to_sf', action: op.record.Status === 'Completed' ? 'complete' : 'update', siaTaskId: op.siaTaskId, sfTaskId: op.sfTaskId, message: `Updated in Salesforce: ${Object.keys(op.record).join(', ')}` };
    case 'delete':
      return { direction: 'sia_to_sf', action: 'delete', siaTaskId: op.siaTaskId, sfTaskId: op.sfTaskId, message: 'Deleted in Salesforce' };
  }
}


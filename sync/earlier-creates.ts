import { parseInstant } from './instants';
import type { SfTask } from './salesforce-mapping';

/**
 * Which Salesforce task an earlier attempt to create `siaTaskId` made, among the records that carry
 * its external id (deleted ones included): the newest, since each create or re-create makes a new
 * one. Null when that is the task already linked (nothing new was made) or there is none.
 */
export function earlierCreate(records: readonly SfTask[], siaTaskId: string, linkedSfTaskId: string | null): SfTask | null {
  let newest: SfTask | null = null;
  for (const record of records) {
    if (record.SIA_Task_Id__c !== siaTaskId) continue;
    if (!newest || isNewer(record, newest)) newest = record;
  }
  return newest && newest.Id !== linkedSfTaskId ? newest : null;
}

/** Creation time first; ids break a tie, since Salesforce hands them out in ascending order. */
function isNewer(a: SfTask, b: SfTask): boolean {
  const at = parseInstant(a.CreatedDate) ?? 0;
  const bt = parseInstant(b.CreatedDate) ?? 0;
  if (at !== bt) return at > bt;
  return a.Id > b.Id;
}

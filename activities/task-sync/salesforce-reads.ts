import { salesforceTaskFields, type SfTask } from '../../sync/salesforce-mapping';
import { soqlStringList } from '../../sync/soql-literals';
import type { SalesforceClient } from '../salesforce/client';
import { nextStep } from '../heartbeat';

/** Ids per `Id IN (…)` query: keeps the GET URL well under Salesforce's 16 KB limit. */
const idsPerQuery = 300;

/** The Tasks with these ids as they are now, deleted ones (recycle bin) included; purged ones are absent. */
export async function readTasksById(client: SalesforceClient, ids: readonly string[]): Promise<Map<string, SfTask>> {
  const out = new Map<string, SfTask>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += idsPerQuery) {
    nextStep();
    const soql = `SELECT ${salesforceTaskFields.join(', ')} FROM Task WHERE Id IN ${soqlStringList(unique.slice(i, i + idsPerQuery))}`;
    for (const record of await client.queryEvery<SfTask>(soql, { all: true })) out.set(record.Id, record);
  }
  return out;
}

/** The Tasks carrying these SIA task ids as external id, deleted ones (recycle bin) included. */
export async function readTasksByExternalId(client: SalesforceClient, siaTaskIds: readonly string[]): Promise<SfTask[]> {
  const out: SfTask[] = [];
  const unique = [...new Set(siaTaskIds)];
  for (let i = 0; i < unique.length; i += idsPerQuery) {
    nextStep();
    const soql = `SELECT ${salesforceTaskFields.join(', ')} FROM Task WHERE SIA_Task_Id__c IN ${soqlStringList(unique.slice(i, i + idsPerQuery))}`;
    out.push(...(await client.queryEvery<SfTask>(soql, { all: true })));
  }
  return out;
}

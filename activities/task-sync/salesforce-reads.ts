import { salesforceTaskFields, type SfTask } from '../../sync/salesforce-mapping';
import { soqlStringList } from '../../sync/soql-literals';
import type { SalesforceClient } from '../salesforce/client';
import { nextStep } from '../heartbeat';

/** Values per `IN (…)` query: keeps the GET URL well under Salesforce's 16 KB limit. */
const valuesPerQuery = 300;

/** The Tasks with these ids as they are now, deleted ones (recycle bin) included; purged ones are absent. */
export async function readTasksById(client: SalesforceClient, ids: readonly string[]): Promise<Map<string, SfTask>> {
  return new Map((await readTasksWhereIn(client, 'Id', ids)).map((record) => [record.Id, record]));
}

/** The Tasks carrying these SIA task ids as external id, deleted ones (recycle bin) included. */
export function readTasksByExternalId(client: SalesforceClient, siaTaskIds: readonly string[]): Promise<SfTask[]> {
  return readTasksWhereIn(client, 'SIA_Task_Id__c', siaTaskIds);
}

async function readTasksWhereIn(client: SalesforceClient, field: 'Id' | 'SIA_Task_Id__c', values: readonly string[]): Promise<SfTask[]> {
  const out: SfTask[] = [];
  const unique = [...new Set(values)];
  for (let i = 0; i < unique.length; i += valuesPerQuery) {
    nextStep();
    const soql = `SELECT ${salesforceTaskFields.join(', ')} FROM Task WHERE ${field} IN ${soqlStringList(unique.slice(i, i + valuesPerQuery))}`;
    out.push(...(await client.queryEvery<SfTask>(soql, { all: true })));
  }
  return out;
}

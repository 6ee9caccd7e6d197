import type { SalesforceClient } from '../salesforce/client';
import { reportCallFailure, reportCallSuccess } from '../salesforce/connection-status';
import type { TaskSyncDeps } from './deps';
import { recordApiUsage } from './salesforce-reads';

export type UserClient = SalesforceClient & { sfUserId: string; orgId: string };

/**
 * Runs an activity's Salesforce work on the user's connection: failures become the Temporal
 * failure that gets the right handling (and a broken connection shows on the user's status),
 * a working call clears such a status, and every call is added to the user's and org's tallies.
 */
export async function withSalesforce<T>(deps: TaskSyncDeps, userId: string, now: Date, run: (client: UserClient) => Promise<T>): Promise<T> {
  const { db } = deps.store;
  let client: UserClient;
  try {
    client = await deps.connections.forUser(userId);
  } catch (error) {
    throw await reportCallFailure(db, userId, error, now);
  }
  try {
    const result = await run(client);
    if (client.counter.calls > 0) await reportCallSuccess(db, userId, now);
    return result;
  } catch (error) {
    throw await reportCallFailure(db, userId, error, now);
  } finally {
    await recordApiUsage(db, client, userId, now);
  }
}

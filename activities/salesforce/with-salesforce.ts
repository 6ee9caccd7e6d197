import { log } from '@temporalio/activity';
import { addApiCalls, setApiLimitInfo, type Db, type Store } from '../../store';
import type { AccountClient, SalesforceAccount, SalesforceConnections } from './connections';
import { reportCallFailure, reportCallSuccess } from './connection-status';

export interface SalesforceDeps {
  store: Store;
  connections: SalesforceConnections;
  now: () => Date;
}

/**
 * The one way an activity uses Salesforce. It opens the account's connection and hands `run` a
 * fresh client; then every failure becomes the Temporal failure of contract/failure-types.ts
 * (errors.ts: needs-user, allowance spent, transient, bad record), so an exhausted allowance is
 * recognised here only; a connection a person must fix shows on the account's status, and a
 * call that works clears it; the calls made and the org's latest Sforce-Limit-Info are recorded.
 *
 * An org without a connected integration user has no connection: `run` is skipped, undefined.
 */
export function withSalesforce<T>(deps: SalesforceDeps, account: { userId: string }, run: (client: AccountClient) => Promise<T>): Promise<T>;
export function withSalesforce<T>(deps: SalesforceDeps, account: { orgId: string }, run: (client: AccountClient) => Promise<T>): Promise<T | undefined>;
export async function withSalesforce<T>(deps: SalesforceDeps, account: SalesforceAccount, run: (client: AccountClient) => Promise<T>): Promise<T | undefined> {
  const { db } = deps.store;
  let client: AccountClient | undefined;
  try {
    client = 'userId' in account ? await deps.connections.forUser(account.userId) : await deps.connections.forOrg(account.orgId);
  } catch (error) {
    throw await reportCallFailure(db, account, error, deps.now());
  }
  if (!client) return undefined;
  let result: T;
  try {
    result = await run(client);
  } catch (error) {
    await bookkeeping(() => recordApiUsage(db, client, account, deps.now()));
    throw await reportCallFailure(db, account, error, deps.now());
  }
  // Bookkeeping after work that went through must not fail it: a retry would do the work again.
  await bookkeeping(async () => {
    if (client.counter.calls > 0) await reportCallSuccess(db, account, deps.now());
    await recordApiUsage(db, client, account, deps.now());
  });
  return result;
}

/** Adds the calls to the account's and org's tallies (an integration user's under `org:<orgId>`), with the org's latest allowance. */
async function recordApiUsage(db: Db, client: AccountClient, account: SalesforceAccount, now: Date): Promise<void> {
  const tallyKey = 'userId' in account ? account.userId : `org:${account.orgId}`;
  if (client.counter.calls > 0) await addApiCalls(db, client.orgId, tallyKey, client.counter.calls, now);
  if (client.counter.limit) await setApiLimitInfo(db, client.orgId, client.counter.limit.used, client.counter.limit.limit, now);
}

async function bookkeeping(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    log.warn('Could not record a Salesforce call (API usage or connection status)', { error: String(error) });
  }
}

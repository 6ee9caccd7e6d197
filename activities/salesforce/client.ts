import jsforce, { type Connection } from 'jsforce';
import { salesforceCallClientId, type SalesforceAppConfig } from '../../config/salesforce';
import { nextStep } from '../heartbeat';

/**
 * The few Salesforce REST calls this product makes, over a jsforce Connection, each counted:
 * API calls cost users money, so every call goes through `call()` and is tallied.
 */

/** A per-record answer of an sObject Collections call. */
export interface CollectionResult {
  id?: string | null;
  success: boolean;
  created?: boolean;
  errors: Array<{ statusCode: string; message: string; fields?: string[] }>;
}

const collectionLimit = 200;

export interface DeletedRecords {
  deletedRecords: Array<{ id: string; deletedDate: string }>;
  earliestDateAvailable: string;
  latestDateCovered: string;
}

export interface QueryPage<R> {
  records: R[];
  done: boolean;
  nextRecordsUrl?: string;
  totalSize: number;
}

export interface CallCounter {
  calls: number;
  limit: { used: number; limit: number } | null;
}

export class SalesforceClient {
  readonly counter: CallCounter = { calls: 0, limit: null };

  constructor(
    readonly connection: Connection,
    private readonly apiVersion: string,
  ) {}

  private async call<T>(run: () => Promise<T>): Promise<T> {
    this.counter.calls += 1;
    try {
      return await run();
    } finally {
      const info = this.connection.limitInfo.apiUsage;
      if (info) this.counter.limit = { used: info.used, limit: info.limit };
    }
  }

  private path(rest: string): string {
    return `/services/data/v${this.apiVersion}${rest}`;
  }

  /** One page of a query; `all` uses /queryAll, which also returns deleted and archived records. */
  queryPage<R>(soql: string, { all = false } = {}): Promise<QueryPage<R>> {
    return this.call(() => this.connection.request<QueryPage<R>>(this.path(`/${all ? 'queryAll' : 'query'}/?q=${encodeURIComponent(soql)}`)));
  }

  nextPage<R>(nextRecordsUrl: string): Promise<QueryPage<R>> {
    return this.call(() => this.connection.request<QueryPage<R>>(nextRecordsUrl));
  }

  /** Every record of a query, following nextRecordsUrl. */
  async queryEvery<R>(soql: string, options: { all?: boolean } = {}): Promise<R[]> {
    let page = await this.queryPage<R>(soql, options);
    const records = [...page.records];
    while (!page.done && page.nextRecordsUrl) {
      nextStep();
      page = await this.nextPage<R>(page.nextRecordsUrl);
      records.push(...page.records);
    }
    return records;
  }

  /** Upsert on an External ID field: a repeated create (lost answer, retried activity) updates instead of duplicating. */
  upsert(sobject: string, externalIdField: string, records: ReadonlyArray<Record<string, unknown>>): Promise<CollectionResult[]> {
    checkBatch(records.length);
    return this.call(() =>
      this.connection.request<CollectionResult[]>({
        method: 'PATCH',
        url: this.path(`/composite/sobjects/${sobject}/${externalIdField}`),
        body: JSON.stringify({ allOrNone: false, records: records.map((r) => ({ attributes: { type: sobject }, ...r })) }),
        headers: { 'content-type': 'application/json' },
      }),
    );
  }

  create(sobject: string, records: ReadonlyArray<Record<string, unknown>>): Promise<CollectionResult[]> {
    checkBatch(records.length);
    return this.call(() =>
      this.connection.request<CollectionResult[]>({
        method: 'POST',
        url: this.path('/composite/sobjects'),
        body: JSON.stringify({ allOrNone: false, records: records.map((r) => ({ attributes: { type: sobject }, ...r })) }),
        headers: { 'content-type': 'application/json' },
      }),
    );
  }

  update(sobject: string, records: ReadonlyArray<{ Id: string } & Record<string, unknown>>): Promise<CollectionResult[]> {
    checkBatch(records.length);
    return this.call(() =>
      this.connection.request<CollectionResult[]>({
        method: 'PATCH',
        url: this.path('/composite/sobjects'),
        body: JSON.stringify({ allOrNone: false, records: records.map((r) => ({ attributes: { type: sobject }, ...r })) }),
        headers: { 'content-type': 'application/json' },
      }),
    );
  }

  destroy(ids: readonly string[]): Promise<CollectionResult[]> {
    checkBatch(ids.length);
    return this.call(() => this.connection.request<CollectionResult[]>({ method: 'DELETE', url: this.path(`/composite/sobjects?ids=${ids.join(',')}&allOrNone=false`) }));
  }

  /**
   * The replication resource for deletions: which records were deleted in [start, end), and
   * `earliestDateAvailable`, the oldest deletion Salesforce can still tell about (later after a
   * recycle-bin purge). Salesforce refuses a start older than its window with INVALID_REPLICATION_DATE.
   */
  deleted(sobject: string, start: string, end: string): Promise<DeletedRecords> {
    const q = `start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}`;
    return this.call(() => this.connection.request<DeletedRecords>(this.path(`/sobjects/${sobject}/deleted/?${q}`)));
  }
}

function checkBatch(size: number): void {
  if (size < 1 || size > collectionLimit) throw new RangeError(`A collection call takes 1 to ${collectionLimit} records, not ${size}: split the batch.`);
}

export function chunks<T>(items: readonly T[], size = collectionLimit): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A connection for a user, from their stored refresh token; the access token lives in memory only. */
export function userConnection(app: SalesforceAppConfig, session: { instanceUrl: string; refreshToken: string; accessToken?: string }): Connection {
  return new jsforce.Connection({
    oauth2: { loginUrl: app.loginUrl, clientId: app.clientId, clientSecret: app.clientSecret, redirectUri: app.redirectUri },
    instanceUrl: session.instanceUrl,
    refreshToken: session.refreshToken,
    accessToken: session.accessToken,
    version: app.apiVersion,
    // Sent as `Sforce-Call-Options: client=sia-sync`: the change events of the sync's own writes name it in their changeOrigin, so they wake no one.
    callOptions: { client: salesforceCallClientId },
  });
}

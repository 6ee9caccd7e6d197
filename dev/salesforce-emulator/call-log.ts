/** Every request that reached a Salesforce path, so a test can count what a client spent. */

export interface CallEntry {
  seq: number;
  /** Emulator time (ISO 8601). */
  at: string;
  method: string;
  path: string;
  /** The path with ids, versions and query locators replaced: `GET /services/data/vXX.X/sobjects/Task/{id}`. */
  endpoint: string;
  status: number;
  orgId: string | null;
  userId: string | null;
  /** Counted against the org's daily API requests. */
  counted: boolean;
  /** The fault that answered (or dropped) the call, if any. */
  fault: string | null;
}

export interface CallFilter {
  orgId?: string;
  userId?: string;
  method?: string;
  /** Substring of the path or of the normalized endpoint. */
  path?: string;
  counted?: boolean;
}

export interface CallSummary {
  total: number;
  counted: number;
  byEndpoint: Record<string, number>;
  byUser: Record<string, number>;
}

/** Replaces what varies between calls to the same resource. */
export function normalizeEndpoint(method: string, path: string): string {
  const p = path
    .replace(/\/v\d+\.\d+(?=\/|$)/, '/vXX.X')
    .replace(/\/query(All)?\/[0-9A-Za-z]{15,18}-\d+$/, '/query$1/{locator}')
    .replace(/\/(id)\/[0-9A-Za-z]{15,18}\/[0-9A-Za-z]{15,18}$/, '/id/{orgId}/{userId}')
    .replace(/\/[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?(?=\/|$)/g, (m) => (/\d/.test(m) && /[A-Za-z]/.test(m) ? '/{id}' : m));
  return `${method} ${p}`;
}

export class CallLog {
  private entries: CallEntry[] = [];
  private seq = 0;

  add(entry: Omit<CallEntry, 'seq' | 'endpoint'>): CallEntry {
    const full: CallEntry = { ...entry, seq: ++this.seq, endpoint: normalizeEndpoint(entry.method, entry.path) };
    this.entries.push(full);
    return full;
  }

  list(filter: CallFilter = {}): CallEntry[] {
    return this.entries.filter(
      (e) =>
        (filter.orgId === undefined || e.orgId === filter.orgId) &&
        (filter.userId === undefined || e.userId === filter.userId) &&
        (filter.method === undefined || e.method === filter.method.toUpperCase()) &&
        (filter.path === undefined || e.path.includes(filter.path) || e.endpoint.includes(filter.path)) &&
        (filter.counted === undefined || e.counted === filter.counted),
    );
  }

  summary(filter: CallFilter = {}): CallSummary {
    const list = this.list(filter);
    const byEndpoint: Record<string, number> = {};
    const byUser: Record<string, number> = {};
    for (const e of list) {
      byEndpoint[e.endpoint] = (byEndpoint[e.endpoint] ?? 0) + 1;
      const u = e.userId ?? '(none)';
      byUser[u] = (byUser[u] ?? 0) + 1;
    }
    return { total: list.length, counted: list.filter((e) => e.counted).length, byEndpoint, byUser };
  }

  clear(): void {
    this.entries = [];
  }
}

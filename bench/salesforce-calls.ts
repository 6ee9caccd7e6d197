import type { SalesforceEmulator } from '../dev/salesforce-emulator';
import type { CallEntry } from '../dev/salesforce-emulator/test-client';

/**
 * Salesforce calls as the emulator logged them, between two marks. "API calls" are the REST
 * requests Salesforce counts against the org's daily allowance; writes are the non-GET ones.
 * OAuth token requests carry no org and are not counted by Salesforce, so they are left out.
 */
export interface CallTally {
  api: number;
  writes: number;
  reads: number;
  byEndpoint: Record<string, number>;
  byUser: Record<string, number>;
  /** Emulator time of the first and last call in the window. */
  firstAt: string | null;
  lastAt: string | null;
}

export function callMark(emulator: SalesforceEmulator): number {
  return emulator.state.calls.list().at(-1)?.seq ?? 0;
}

export function callsBetween(emulator: SalesforceEmulator, orgId: string, afterSeq: number, untilSeq = Number.POSITIVE_INFINITY): CallEntry[] {
  return emulator.state.calls.list({ orgId, counted: true }).filter((c) => c.seq > afterSeq && c.seq <= untilSeq);
}

export function tally(calls: readonly CallEntry[]): CallTally {
  const byEndpoint: Record<string, number> = {};
  const byUser: Record<string, number> = {};
  for (const c of calls) {
    byEndpoint[c.endpoint] = (byEndpoint[c.endpoint] ?? 0) + 1;
    const user = c.userId ?? '(none)';
    byUser[user] = (byUser[user] ?? 0) + 1;
  }
  const writes = calls.filter((c) => c.method !== 'GET').length;
  return { api: calls.length, writes, reads: calls.length - writes, byEndpoint, byUser, firstAt: calls[0]?.at ?? null, lastAt: calls.at(-1)?.at ?? null };
}

/**
 * Finds the Contacts, Leads and open Opportunities an email is logged against, following the
 * org's choice for an address that matches several records.
 */
import type { EmailToSalesforceMultipleMatch } from '../org-model';
import type { EmailToSalesforceStore, Fields } from './store-port';

export interface WhoMatch {
  id: string;
  sobject: 'Contact' | 'Lead';
  address: string;
}

const lower = (v: unknown): string => (typeof v === 'string' ? v.toLowerCase() : '');
const createdOf = (r: Fields): string => (typeof r.CreatedDate === 'string' ? r.CreatedDate : '');

/** Contacts and Leads (not converted ones) whose standard Email field is one of the addresses. */
export function findWhoMatches(store: EmailToSalesforceStore, orgId: string, addresses: string[], rule: EmailToSalesforceMultipleMatch): WhoMatch[] {
  const wanted = new Set(addresses);
  const byAddress = new Map<string, Array<WhoMatch & { record: Fields }>>();
  const collect = (sobject: 'Contact' | 'Lead', records: Fields[]): void => {
    for (const record of records) {
      const address = lower(record.Email);
      const list = byAddress.get(address) ?? [];
      list.push({ id: String(record.Id), sobject, address, record });
      byAddress.set(address, list);
    }
  };
  collect('Contact', store.queryRecords(orgId, 'Contact', (r) => wanted.has(lower(r.Email))));
  collect('Lead', store.queryRecords(orgId, 'Lead', (r) => wanted.has(lower(r.Email)) && r.IsConverted !== true));

  const out: WhoMatch[] = [];
  for (const address of addresses) {
    const candidates = byAddress.get(address) ?? [];
    for (const c of pick(store, orgId, candidates, rule)) out.push({ id: c.id, sobject: c.sobject, address: c.address });
  }
  return out;
}

/** Oldest first: CreatedDate, then id (ids of one object are handed out in creation order). */
function byAge(a: { id: string; record: Fields }, b: { id: string; record: Fields }): number {
  const ca = createdOf(a.record);
  const cb = createdOf(b.record);
  return ca < cb ? -1 : ca > cb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function pick<T extends { id: string; record: Fields }>(store: EmailToSalesforceStore, orgId: string, candidates: T[], rule: EmailToSalesforceMultipleMatch): T[] {
  if (candidates.length <= 1 || rule === 'all') return candidates;
  const sorted = [...candidates].sort(byAge);
  if (rule === 'oldest') return sorted.slice(0, 1);
  // Most activity: the record with the most activities (Tasks naming it as WhoId); ties go to the oldest.
  const ids = new Set(candidates.map((c) => c.id));
  const counts = new Map<string, number>();
  for (const t of store.queryRecords(orgId, 'Task', (r) => typeof r.WhoId === 'string' && ids.has(r.WhoId))) {
    counts.set(String(t.WhoId), (counts.get(String(t.WhoId)) ?? 0) + 1);
  }
  let best = sorted[0] as T;
  for (const c of sorted) if ((counts.get(c.id) ?? 0) > (counts.get(best.id) ?? 0)) best = c;
  return [best];
}

/** Open opportunities on which the contact has a contact role, in creation order. */
export function openOpportunitiesWithRole(store: EmailToSalesforceStore, orgId: string, contactId: string): string[] {
  const oppIds = new Set(store.queryRecords(orgId, 'OpportunityContactRole', (r) => r.ContactId === contactId).map((r) => String(r.OpportunityId)));
  if (oppIds.size === 0) return [];
  return store
    .queryRecords(orgId, 'Opportunity', (r) => oppIds.has(String(r.Id)) && r.IsClosed !== true)
    .map((record) => ({ id: String(record.Id), record }))
    .sort(byAge)
    .map((o) => o.id);
}

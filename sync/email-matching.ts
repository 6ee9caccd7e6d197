import { isIsoDate, parseInstant } from './instants';
import type { EmailLoggingSettings } from './settings';
import { fitText } from './text-limits';

/**
 * Which Salesforce Contacts and Leads a sent email is logged on (API mode).
 *
 * - Recipients: To, then Cc (never Bcc), trimmed and lower-cased, duplicates and the sender's own
 *   addresses removed, then the first 50: the same rule as Salesforce's own Email to Salesforce.
 * - Candidates are the Contacts and Leads whose Email equals a recipient (case-insensitive); the
 *   caller queries them (Leads with IsConverted = false). Contacts only if logToContacts, Leads
 *   only if logToLeads.
 * - Several candidates for one address: `all` logs on each; `oldest` on the one created first;
 *   `most_recent_activity` on the one with the latest LastActivityDate (none counts as oldest;
 *   ties go to the older record, then the smaller id, so the choice is stable).
 * - No candidate: `do_not_log` leaves the address unmatched; `create_lead` drafts a Lead to
 *   create and log on. This also applies when logging to Leads is off: the user asked for a lead
 *   when nobody matches, and "log to" only chooses among existing records.
 * - A drafted Lead takes its name from the display name when there is one ("Doe, Jane" and
 *   "Jane Doe" both give Jane / Doe), else from the address ("jane.doe+x@" → Jane / Doe), and its
 *   Company from the domain ("sales.acme-corp.co.uk" → "Acme Corp"); free-mail domains give
 *   "[not provided]" (LastName and Company are required on a Lead).
 */

const maxRecipients = 50;

export type Recipient = string | { address: string; name?: string | null };

export interface Candidate {
  id: string;
  email: string;
  type: 'Contact' | 'Lead';
  createdDate: string;
  /** LastActivityDate (`YYYY-MM-DD`) or any ISO instant; null/absent when none. */
  lastActivityDate?: string | null;
}

export type MatchSettings = Pick<Extract<EmailLoggingSettings, { mode: 'api' }>, 'logToContacts' | 'logToLeads' | 'multipleMatches' | 'noMatch'>;

export interface LeadDraft {
  email: string;
  firstName: string | null;
  lastName: string;
  company: string;
}

export interface MatchInput {
  to: readonly Recipient[];
  cc: readonly Recipient[];
  candidates: readonly Candidate[];
  settings: MatchSettings;
  /** The sender's own addresses: never logged on. */
  senderAddresses?: readonly string[];
}

export interface MatchResult {
  /** The addresses considered, in order (at most 50). */
  recipients: string[];
  /** Contact/Lead ids to log on, each once, in recipient order. */
  whoIds: string[];
  /** Per address, the ids chosen for it. */
  matches: Array<{ address: string; whoIds: string[] }>;
  leadsToCreate: LeadDraft[];
  /** Addresses with no match that are not logged. */
  unmatched: string[];
  /** Addresses beyond the first 50, not considered. */
  overLimit: string[];
}

export function normalizeAddress(address: string): string | null {
  const a = address.trim().replace(/^<(.*)>$/, '$1').trim().toLowerCase();
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(a) ? a : null;
}

export function matchRecipients({ to, cc, candidates, settings, senderAddresses = [] }: MatchInput): MatchResult {
  const own = new Set(senderAddresses.map(normalizeAddress).filter((a): a is string => a !== null));
  const names = new Map<string, string | null>();
  const all: string[] = [];
  for (const r of [...to, ...cc]) {
    const address = normalizeAddress(typeof r === 'string' ? r : r.address);
    if (address === null || own.has(address) || names.has(address)) continue;
    names.set(address, typeof r === 'string' ? null : (r.name ?? null));
    all.push(address);
  }
  const recipients = all.slice(0, maxRecipients);

  const byAddress = new Map<string, Candidate[]>();
  for (const c of candidates) {
    if (c.type === 'Contact' ? !settings.logToContacts : !settings.logToLeads) continue;
    const address = normalizeAddress(c.email);
    if (address === null) continue;
    byAddress.set(address, [...(byAddress.get(address) ?? []), c]);
  }

  const result: MatchResult = { recipients, whoIds: [], matches: [], leadsToCreate: [], unmatched: [], overLimit: all.slice(maxRecipients) };
  const seen = new Set<string>();
  for (const address of recipients) {
    const found = byAddress.get(address) ?? [];
    if (found.length === 0) {
      if (settings.noMatch === 'create_lead') result.leadsToCreate.push(deriveLead(address, names.get(address) ?? null));
      else result.unmatched.push(address);
      continue;
    }
    const chosen = choose(found, settings.multipleMatches).map((c) => c.id);
    result.matches.push({ address, whoIds: chosen });
    for (const id of chosen) {
      if (!seen.has(id)) result.whoIds.push(id);
      seen.add(id);
    }
  }
  return result;
}

function choose(found: Candidate[], rule: MatchSettings['multipleMatches']): Candidate[] {
  if (rule === 'all' || found.length === 1) return found;
  const sorted = [...found].sort((a, b) => {
    if (rule === 'most_recent_activity') {
      const byActivity = timeOf(b.lastActivityDate) - timeOf(a.lastActivityDate);
      if (byActivity !== 0) return byActivity;
    }
    return timeOf(a.createdDate) - timeOf(b.createdDate) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
  return sorted.slice(0, 1);
}

/** Milliseconds of a date or instant; -Infinity for none, so "no activity" sorts last. */
function timeOf(value: string | null | undefined): number {
  if (!value) return -Infinity;
  return parseInstant(isIsoDate(value) ? `${value}T00:00:00Z` : value) ?? -Infinity;
}

// ---- drafting a Lead -----------------------------------------------------------------------

const freeMailDomains = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'ymail.com', 'hotmail.com', 'outlook.com', 'live.com', 'msn.com',
  'icloud.com', 'me.com', 'mac.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'gmx.net',
  'web.de', 'mail.com', 'yandex.com', 'yandex.ru', 'zoho.com', 'hey.com', 'fastmail.com', 'qq.com', '163.com',
]);

/** Second-level labels under a country code that are not company names (acme.co.uk). */
const secondLevelSuffixes = new Set(['co', 'com', 'net', 'org', 'ac', 'gov', 'edu', 'ltd', 'plc', 'ne', 'or', 'gob', 'gv']);

const notProvided = '[not provided]';

export function deriveLead(address: string, displayName: string | null = null): LeadDraft {
  const [local = '', domain = ''] = address.split('@') as [string?, string?];
  const fromDisplay = displayName ? nameFromDisplay(displayName) : null;
  const { firstName, lastName } = fromDisplay ?? nameFromLocalPart(local);
  return {
    email: address,
    firstName: firstName === null ? null : fitText(firstName, 40),
    lastName: fitText(lastName, 80),
    company: fitText(companyFromDomain(domain), 255),
  };
}

function nameFromDisplay(display: string): { firstName: string | null; lastName: string } | null {
  const clean = display.replace(/["']/g, '').replace(/\s+/g, ' ').trim();
  if (clean === '' || clean.includes('@')) return null;
  const comma = clean.split(',').map((s) => s.trim()).filter(Boolean);
  if (comma.length === 2) return { firstName: comma[1] as string, lastName: comma[0] as string };
  const words = clean.split(' ');
  if (words.length === 1) return { firstName: null, lastName: words[0] as string };
  return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1] as string };
}

function nameFromLocalPart(local: string): { firstName: string | null; lastName: string } {
  const base = local.split('+')[0] ?? local;
  const words = base.split(/[._-]+/).filter((w) => w !== '' && !/^\d+$/.test(w)).map(capitalize);
  if (words.length === 0) return { firstName: null, lastName: base || local };
  if (words.length === 1) return { firstName: null, lastName: words[0] as string };
  return { firstName: words[0] as string, lastName: words.slice(1).join(' ') };
}

function companyFromDomain(domain: string): string {
  if (freeMailDomains.has(domain)) return notProvided;
  const labels = domain.split('.').filter(Boolean);
  if (labels.length < 2) return notProvided;
  let i = labels.length - 2; // the label before the top-level domain
  const tld = labels[labels.length - 1] as string;
  if (tld.length === 2 && labels.length >= 3 && secondLevelSuffixes.has(labels[i] as string)) i -= 1;
  const name = labels[i] as string;
  return name.split('-').filter(Boolean).map(capitalize).join(' ') || notProvided;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

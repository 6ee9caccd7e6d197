/**
 * Change Data Capture events on Task, read for one purpose: which users to wake. Pure rules;
 * activities/org-poll/stream-org.ts does the reading and the waking.
 *
 * - An event of the sync's own write (its `changeOrigin` names our client id, which every
 *   Salesforce call of the product sends in `Sforce-Call-Options`) wakes nobody: SIA already
 *   holds that state.
 * - CREATE carries every field, so the owner is in the event; UPDATE carries only what changed,
 *   so a new owner is in it but the usual owner is found through the link (who holds the record
 *   in SIA) or, for a record no one holds yet, by asking Salesforce.
 * - DELETE of a record no one holds changes nothing in SIA.
 * - A gap event (GAP_CREATE, GAP_UPDATE, GAP_DELETE, GAP_UNDELETE) says records changed without
 *   saying how: their owners are woken to pull them. An overflow event (GAP_OVERFLOW: more
 *   changes in one transaction than events) names no record: every change since it must be
 *   polled.
 */

export interface ChangeEventFacts {
  changeType: string;
  recordIds: readonly string[];
  changeOrigin: string;
  /** OwnerId when the event carries it (a CREATE, or an UPDATE that changed the owner). */
  ownerId: string | null;
  /** Salesforce's commit time of the change, epoch ms. */
  commitTimestamp: number;
}

/** The client id in a change origin such as `com/salesforce/api/rest/62.0;client=sia-sync`. */
export function changeOriginClient(changeOrigin: string): string | null {
  const match = /(?:^|[;,\s])client=([^;,\s]+)/.exec(changeOrigin);
  return match ? match[1]! : null;
}

export function isOwnWrite(event: Pick<ChangeEventFacts, 'changeOrigin'>, clientId: string): boolean {
  return changeOriginClient(event.changeOrigin) === clientId;
}

/** Salesforce ids compare on their case-sensitive 15-character form. */
export const id15 = (id: string): string => id.slice(0, 15);

export interface Triage {
  /** Owners (15-character user ids) named by the events themselves. */
  owners: Set<string>;
  /** Records (as the events name them) whose holders in SIA (links) must be woken. */
  linked: Set<string>;
  /** Records whose owner Salesforce must be asked for when no one holds them in SIA. */
  askOwner: Set<string>;
  /** Epoch ms of the earliest overflow event: every change from then on must be polled. */
  overflowSince: number | null;
  /** Events of the sync's own writes, skipped. */
  ownWrites: number;
  /** Events that may change something in SIA. */
  relevant: number;
}

const gapTypes = new Set(['GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE']);
/** A record no one holds in SIA that was deleted changes nothing there. */
const deletions = new Set(['DELETE', 'GAP_DELETE']);

export function triage(events: readonly ChangeEventFacts[], clientId: string): Triage {
  const out: Triage = { owners: new Set(), linked: new Set(), askOwner: new Set(), overflowSince: null, ownWrites: 0, relevant: 0 };
  for (const event of events) {
    if (event.changeType === 'GAP_OVERFLOW') {
      out.overflowSince = Math.min(out.overflowSince ?? event.commitTimestamp, event.commitTimestamp);
      out.relevant += 1;
      continue;
    }
    // A gap event has no change origin to trust: its changes may be anyone's.
    if (!gapTypes.has(event.changeType) && isOwnWrite(event, clientId)) {
      out.ownWrites += 1;
      continue;
    }
    out.relevant += 1;
    if (event.ownerId) out.owners.add(id15(event.ownerId));
    for (const id of event.recordIds) {
      out.linked.add(id);
      if (!event.ownerId && !deletions.has(event.changeType)) out.askOwner.add(id);
    }
  }
  return out;
}

/**
 * The SIA users to wake: those whose Salesforce user owns a changed record (named by an event or
 * found in Salesforce), and those who hold a changed record in SIA (a deletion, or an owner
 * change that takes a task away). `users` maps Salesforce user ids (any form) to SIA user ids:
 * only users with task sync on.
 */
export function usersToWake(t: Pick<Triage, 'owners' | 'linked'>, holders: ReadonlyMap<string, ReadonlySet<string>>, askedOwners: ReadonlyMap<string, string>, users: ReadonlyMap<string, string>): string[] {
  const bySfUser = new Map([...users].map(([sfUserId, userId]) => [id15(sfUserId), userId]));
  const wake = new Set<string>();
  for (const owner of [...t.owners, ...[...askedOwners.values()].map(id15)]) {
    const userId = bySfUser.get(owner);
    if (userId) wake.add(userId);
  }
  const syncing = new Set(bySfUser.values());
  for (const record of t.linked) for (const userId of holders.get(id15(record)) ?? []) if (syncing.has(userId)) wake.add(userId);
  return [...wake].sort();
}

/** The records to ask Salesforce about: no one holds them in SIA and no event named their owner. */
export function ownersToAsk(t: Pick<Triage, 'askOwner'>, holders: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  return [...t.askOwner].filter((id) => !holders.has(id15(id))).sort();
}

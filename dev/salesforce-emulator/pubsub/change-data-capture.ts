/**
 * Change Data Capture for the emulator's orgs: turns the org store's record writes into change
 * events, one transaction at a time, and keeps them on the event bus for 72 hours by the
 * emulator's clock, each with its replay id. Also holds the per-org switches (which objects
 * publish change events, the daily event delivery allocation) and counts deliveries.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Clock } from '../clock';
import type { Edition } from '../org-model';
import type { ChangeObserver, OrgStore, RecordChange } from '../org-store';
import { objectDef, type ObjectDef } from '../schema';
import { ChangeEventSchema, type ChangeEventContent, type ChangeType } from './change-event-schema';

/** Salesforce keeps change events on the event bus for 72 hours. */
export const RETENTION_MS = 72 * 3_600_000;
/** Objects whose change events the emulator can publish. */
export const CHANGE_EVENT_ENTITIES = ['Task'] as const;
/** An overflow event names no record: its recordIds holds this placeholder. */
export const OVERFLOW_RECORD_ID = '000000000000000AAA';

/**
 * Daily (rolling 24 hours) event delivery allocation by edition, shared by high-volume platform
 * events and change events, counted per delivered event per subscriber.
 */
const DELIVERY_ALLOCATION: Record<Edition, number> = {
  Performance: 50_000,
  Unlimited: 50_000,
  Enterprise: 25_000,
  Professional: 10_000,
  Developer: 10_000,
};

export const topicOf = (entity: string): string => `/data/${entity}ChangeEvent`;

/** The entity a change event topic is for, when the emulator can publish it. */
export function entityOfTopic(topic: string): ObjectDef | undefined {
  const m = /^\/data\/([A-Za-z0-9_]+)ChangeEvent$/.exec(topic);
  const def = m ? objectDef(m[1] as string) : undefined;
  return def && (CHANGE_EVENT_ENTITIES as readonly string[]).includes(def.name) && topicOf(def.name) === topic ? def : undefined;
}

export interface StoredEvent {
  replayId: bigint;
  /** Event UUID (ProducerEvent.id). */
  id: string;
  schemaId: string;
  payload: Buffer;
  atMs: number;
}

interface TopicLog {
  events: StoredEvent[];
  /** Highest replay id purged after retention: replaying from it or before is refused. */
  purgedThrough: bigint;
}

interface OrgCdc {
  enabled: Set<string>;
  deliveryAllocation?: number;
  /** Delivered events per minute (epoch ms of the minute → count), for the rolling 24 hours. */
  deliveries: Map<number, number>;
  topics: Map<string, TopicLog>;
  commitNumber: number;
}

interface Transaction {
  origin: string;
  changes: RecordChange[];
}

export interface GapEventInput {
  entity: string;
  changeType: Extract<ChangeType, 'GAP_CREATE' | 'GAP_UPDATE' | 'GAP_DELETE' | 'GAP_UNDELETE' | 'GAP_OVERFLOW'>;
  /** Ignored for GAP_OVERFLOW, which names no record. */
  recordIds?: string[];
  commitUser: string;
  changeOrigin?: string;
}

/** The change origin of a write made through REST: API and version, and the client id the call gave in `Sforce-Call-Options`. */
export function restChangeOrigin(version: string, callOptions: string | string[] | undefined): string {
  const header = Array.isArray(callOptions) ? callOptions.join(',') : callOptions ?? '';
  const client = /(?:^|[;,]\s*)client=([^;,]*)/.exec(header)?.[1]?.trim();
  return `com/salesforce/api/rest/${version}${client ? `;client=${client}` : ''}`;
}

export class ChangeDataCapture implements ChangeObserver {
  /** Emits `published` (orgId, topic) after events were added to a topic. */
  readonly bus = new EventEmitter();
  private orgs = new Map<string, OrgCdc>();
  private schemas = new Map<string, ChangeEventSchema>();
  private current: Transaction | undefined;
  private implicit = new Map<string, Transaction>();
  private lastReplayId = 0n;

  constructor(
    private readonly store: OrgStore,
    private readonly clock: Clock,
  ) {
    this.bus.setMaxListeners(0);
    store.changeObserver = this;
  }

  // ------------------------------------------------------------------ settings

  private org(orgId: string): OrgCdc {
    const id = this.store.org(orgId).settings.orgId;
    let cdc = this.orgs.get(id);
    if (!cdc) {
      cdc = { enabled: new Set(), deliveries: new Map(), topics: new Map(), commitNumber: 11_000_000_000 };
      this.orgs.set(id, cdc);
    }
    return cdc;
  }

  /** Selects (or deselects) objects for change notifications (Setup → Change Data Capture). */
  setEnabled(orgId: string, entities: Record<string, boolean>): void {
    const cdc = this.org(orgId);
    for (const [name, on] of Object.entries(entities)) {
      const def = objectDef(name);
      if (!def || !(CHANGE_EVENT_ENTITIES as readonly string[]).includes(def.name)) throw new Error(`the emulator publishes no change events for ${name}`);
      if (on) cdc.enabled.add(def.name);
      else cdc.enabled.delete(def.name);
    }
  }

  isEnabled(orgId: string, entity: string): boolean {
    return this.org(orgId).enabled.has(entity);
  }

  settings(orgId: string): { entities: Record<string, boolean>; deliveryAllocation: number; deliveredLast24h: number } {
    const cdc = this.org(orgId);
    return {
      entities: Object.fromEntries(CHANGE_EVENT_ENTITIES.map((e) => [e, cdc.enabled.has(e)])),
      deliveryAllocation: this.deliveryAllocation(orgId),
      deliveredLast24h: this.delivered(orgId),
    };
  }

  setDeliveryAllocation(orgId: string, allocation: number | undefined): void {
    this.org(orgId).deliveryAllocation = allocation;
  }

  deliveryAllocation(orgId: string): number {
    return this.org(orgId).deliveryAllocation ?? DELIVERY_ALLOCATION[this.store.org(orgId).settings.edition];
  }

  /** Events delivered to subscribers of the org in the last 24 hours. */
  delivered(orgId: string): number {
    const cdc = this.org(orgId);
    const since = this.clock.now() - 86_400_000;
    let n = 0;
    for (const [minute, count] of cdc.deliveries) {
      if (minute + 60_000 <= since) cdc.deliveries.delete(minute);
      else n += count;
    }
    return n;
  }

  /** Counts one delivered event against the org's allocation. */
  countDelivery(orgId: string): void {
    const cdc = this.org(orgId);
    const minute = Math.floor(this.clock.now() / 60_000) * 60_000;
    cdc.deliveries.set(minute, (cdc.deliveries.get(minute) ?? 0) + 1);
  }

  /** Sets the delivered count of the last 24 hours (as if delivered now). */
  setDelivered(orgId: string, count: number): void {
    const cdc = this.org(orgId);
    cdc.deliveries.clear();
    if (count > 0) cdc.deliveries.set(Math.floor(this.clock.now() / 60_000) * 60_000, count);
  }

  /** Forgets every org's settings and events. */
  reset(): void {
    this.orgs.clear();
    this.implicit.clear();
    this.current = undefined;
  }

  schema(entity: string): ChangeEventSchema {
    let s = this.schemas.get(entity);
    if (!s) {
      s = new ChangeEventSchema(objectDef(entity) as ObjectDef);
      this.schemas.set(entity, s);
    }
    return s;
  }

  schemaById(schemaId: string): ChangeEventSchema | undefined {
    for (const entity of CHANGE_EVENT_ENTITIES) if (this.schema(entity).id === schemaId) return this.schema(entity);
    return undefined;
  }

  // ------------------------------------------------------------------ transactions

  /**
   * Runs one transaction (a REST call): the writes it makes become change events that share a
   * transaction key, published when it ends. Writes made outside one (Email to Salesforce) form
   * one transaction per org and user until the current synchronous run ends.
   */
  transaction<T>(origin: string, run: () => T): T {
    const outer = this.current;
    const tx: Transaction = { origin, changes: [] };
    this.current = tx;
    try {
      return run();
    } finally {
      this.current = outer;
      this.commit(tx);
    }
  }

  recorded(change: RecordChange): void {
    if (this.current) {
      this.current.changes.push(change);
      return;
    }
    const key = `${change.orgId}:${change.userId}`;
    let tx = this.implicit.get(key);
    if (!tx) {
      const started: Transaction = { origin: '', changes: [] };
      tx = started;
      this.implicit.set(key, started);
      queueMicrotask(() => {
        this.implicit.delete(key);
        this.commit(started);
      });
    }
    tx.changes.push(change);
  }

  withdrawn(change: RecordChange): void {
    const txs = [this.current, ...this.implicit.values()];
    for (const tx of txs) {
      const i = tx ? tx.changes.indexOf(change) : -1;
      if (tx && i >= 0) tx.changes.splice(i, 1);
    }
  }

  private commit(tx: Transaction): void {
    const changes = tx.changes.filter((c) => this.store.findOrg(c.orgId) && this.org(c.orgId).enabled.has(c.sobject));
    if (changes.length === 0) return;
    const first = changes[0] as RecordChange;
    const cdc = this.org(first.orgId);
    cdc.commitNumber += 1;
    const header = {
      changeOrigin: tx.origin,
      transactionKey: randomUUID(),
      commitTimestamp: this.clock.now(),
      commitNumber: cdc.commitNumber,
      commitUser: first.userId,
    };
    const events: { entity: string; content: ChangeEventContent; key: string }[] = [];
    for (const change of changes) {
      const schema = this.schema(change.sobject);
      const content = this.contentOf(schema, change);
      // The same change to several records of one object in one transaction is one event.
      const key = `${change.sobject}|${content.header.changeType}|${JSON.stringify(content.values)}|${content.changedFields.join()}|${content.nulledFields.join()}`;
      const same = events.find((e) => e.key === key);
      if (same) same.content.header.recordIds.push(change.recordId);
      else events.push({ entity: change.sobject, content, key });
    }
    events.forEach((e, i) => {
      e.content.header = { ...e.content.header, ...header, sequenceNumber: i + 1 };
      this.publish(first.orgId, e.entity, e.content);
    });
  }

  private contentOf(schema: ChangeEventSchema, change: RecordChange): ChangeEventContent {
    const base = { entityName: change.sobject, recordIds: [change.recordId], transactionKey: '', sequenceNumber: 0, commitTimestamp: 0, commitNumber: 0, commitUser: '', changeOrigin: '' };
    if (change.kind === 'delete') {
      return { header: { ...base, changeType: 'DELETE' }, values: {}, changedFields: [], nulledFields: [] };
    }
    if (change.kind === 'create' || !change.before) {
      return { header: { ...base, changeType: 'CREATE' }, values: { ...change.after }, changedFields: [], nulledFields: [] };
    }
    const values: Record<string, unknown> = {};
    const changedFields: string[] = [];
    const nulledFields: string[] = [];
    for (const fd of schema.fields) {
      const before = change.before[fd.name];
      const after = change.after[fd.name];
      // LastModifiedDate is set by every update, so it is always among the changed fields.
      if (fd.name !== 'LastModifiedDate' && schema.sameValue(fd, before, after)) continue;
      changedFields.push(fd.name);
      if (after === null || after === undefined) nulledFields.push(fd.name);
      else values[fd.name] = after;
    }
    return { header: { ...base, changeType: 'UPDATE' }, values, changedFields, nulledFields };
  }

  // ------------------------------------------------------------------ the event bus

  private publish(orgId: string, entity: string, content: ChangeEventContent): void {
    const schema = this.schema(entity);
    const topic = topicOf(entity);
    const log = this.topicLog(orgId, topic);
    this.lastReplayId += 1n;
    log.events.push({ replayId: this.lastReplayId, id: randomUUID(), schemaId: schema.id, payload: schema.encode(content), atMs: this.clock.now() });
    this.bus.emit('published', this.store.org(orgId).settings.orgId, topic);
  }

  /** Publishes a gap or overflow event (header only, no field values), as Salesforce does when it cannot send a change event. */
  publishGap(orgId: string, input: GapEventInput): void {
    const def = objectDef(input.entity);
    if (!def || !(CHANGE_EVENT_ENTITIES as readonly string[]).includes(def.name)) throw new Error(`the emulator publishes no change events for ${input.entity}`);
    const cdc = this.org(orgId);
    if (!cdc.enabled.has(def.name)) return;
    cdc.commitNumber += 1;
    const overflow = input.changeType === 'GAP_OVERFLOW';
    this.publish(orgId, def.name, {
      header: {
        entityName: def.name,
        recordIds: overflow ? [OVERFLOW_RECORD_ID] : input.recordIds ?? [],
        changeType: input.changeType,
        changeOrigin: input.changeOrigin ?? '',
        transactionKey: randomUUID(),
        // A gap event's sequence number is always 1; an overflow event follows the transaction's first 100,000 changes.
        sequenceNumber: overflow ? 100_001 : 1,
        commitTimestamp: this.clock.now(),
        commitNumber: cdc.commitNumber,
        commitUser: input.commitUser,
      },
      values: {},
      changedFields: [],
      nulledFields: [],
    });
  }

  private topicLog(orgId: string, topic: string): TopicLog {
    const cdc = this.org(orgId);
    let log = cdc.topics.get(topic);
    if (!log) {
      log = { events: [], purgedThrough: 0n };
      cdc.topics.set(topic, log);
    }
    const cutoff = this.clock.now() - RETENTION_MS;
    while (log.events.length > 0 && (log.events[0] as StoredEvent).atMs <= cutoff) {
      log.purgedThrough = (log.events.shift() as StoredEvent).replayId;
    }
    return log;
  }

  /** The retained events of a topic, oldest first. */
  events(orgId: string, topic: string): StoredEvent[] {
    return this.topicLog(orgId, topic).events;
  }

  /**
   * Whether a replay id may start a subscription: it must have been issued and its event must
   * still be retained (or be newer than every purged one).
   */
  replayable(orgId: string, topic: string, replayId: bigint): boolean {
    return replayId > this.topicLog(orgId, topic).purgedThrough && replayId <= this.lastReplayId;
  }

  /** The bus position now: the replay id a subscriber is "at" once it has seen everything. */
  latestReplayId(): bigint {
    return this.lastReplayId;
  }
}

import { ApplicationFailure, Context, log } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import { status } from '@grpc/grpc-js';
import type { PubSubConfig } from '../../config/salesforce';
import { failureTypes } from '../../contract/failure-types';
import { salesforceSyncWorkflowId } from '../../contract/ids';
import { nudgeSignal } from '../../contract/messages';
import type { PollingReason, StreamOrgInput, StreamOrgResult } from '../../contract/org-poll';
import { addChangeEventDeliveries, getOrgChangeStream, getOrgIntegration, linkOwnersOfRecords, saveStreamCheckpoint, setChangeDetection, taskSyncUsersInOrg } from '../../store';
import { ownersToAsk, triage, usersToWake, type ChangeEventFacts } from '../../sync/change-events';
import { advance, changesQuery, hasMorePages, recordsAfter, type ChangeCursor } from '../../sync/cursor';
import type { SfTask } from '../../sync/salesforce-mapping';
import { soqlStringList } from '../../sync/soql-literals';
import { recordChangeEvents } from '../../observability/metrics';
import { withSalesforce, type SalesforceDeps } from '../salesforce/with-salesforce';
import { PubSubChannel, type ChangeEvent, type PubSubSession, type StreamEnd, type Subscription } from './pubsub-client';

export interface OrgStreamDeps extends SalesforceDeps {
  /** Null: no Pub/Sub endpoint, every org with an integration user is polled. */
  pubsub: PubSubConfig | null;
  /** The client id the product's Salesforce calls send: events of its own writes carry it. */
  clientId: string;
}

const topic = '/data/TaskChangeEvent';
/** A subscription that has not failed this long after it was opened is taken as open. */
const settleMs = 2000;
/** Room for delivery delays and clocks: "covered until" is kept this far behind what was seen. */
const marginMs = 60_000;
/** How often a healthy stream checks the integration and its users, and records that it still runs. */
const checkEveryMs = 60_000;
/** Authentication failures in a row tried again at once with a renewed session, before the stream counts as down. */
const authRetries = 3;

interface Checkpoint {
  replayId: bigint | null;
  /** Worker time, epoch ms: every change committed before it has woken its users. */
  coveredUntil: number;
}

type Ending = { kind: 'end'; end: StreamEnd } | { kind: 'deadline' } | { kind: 'stop'; reason: 'no-integration' | 'no-syncing-users' };

/**
 * The org's Task changes as Change Data Capture events, one long stream per org with an
 * integration user (View All Data), on the watch queue. Each event wakes only the users whose
 * tasks it touches; events of the sync's own writes wake no one; events are collected for
 * `batchMs` so a user gets one nudge per batch. After each batch the replay id is checkpointed in
 * the store and the heartbeat, so a stream whose worker died resumes after the last batch whose
 * users were woken: nothing is lost (a batch may be woken twice; a nudge is idempotent).
 *
 * Fallbacks, none losing a change: gap events wake the records' owners to pull; an overflow
 * event polls every change since it; a replay id past retention restarts from the latest event
 * and polls the time in between; a stream down longer than `downPollAfterSeconds` polls the
 * org at the poller's pace until it is back, then resumes from its replay id; an expired session
 * is renewed. An allocation spent, Task not selected for Change Data Capture, or a user without
 * the permission end the activity with `polling` and the reason, stored for operators.
 */
export async function streamOrgChanges(deps: OrgStreamDeps, input: StreamOrgInput): Promise<StreamOrgResult> {
  return new OrgStream(deps, input).run();
}

class OrgStream {
  private readonly ctx = Context.current();
  private readonly started = Date.now();
  private readonly deadline: number;
  private readonly batchMs: number;
  private checkpoint: Checkpoint = { replayId: null, coveredUntil: 0 };
  private session: PubSubSession | undefined;
  private channel: PubSubChannel | undefined;
  private subscription: Subscription | null = null;
  private queue: ChangeEvent[] = [];
  private batchTimer: NodeJS.Timeout | undefined;
  private processing: Promise<void> = Promise.resolve();
  private failure: Error | null = null;
  private calls = 0;
  private events = 0;
  private lastEventAt: string | null = null;

  constructor(
    private readonly deps: OrgStreamDeps,
    private readonly input: StreamOrgInput,
  ) {
    this.deadline = this.started + input.maxSeconds * 1000;
    this.batchMs = input.batchMs ?? 200;
  }

  private get orgId(): string {
    return this.input.orgId;
  }

  async run(): Promise<StreamOrgResult> {
    const heartbeat = setInterval(() => this.heartbeat(), 2000);
    this.heartbeat();
    try {
      return await this.stream();
    } catch (error) {
      // The integration user can no longer sign in (an admin must reconnect it): its users poll themselves again.
      if (error instanceof ApplicationFailure && error.type === failureTypes.needsUser) {
        await setChangeDetection(this.deps.store.db, this.orgId, 'off', 'no-integration', error.message, this.deps.now());
        await this.wake([...(await taskSyncUsersInOrg(this.deps.store.db, this.orgId)).values()]);
      }
      throw error;
    } finally {
      clearInterval(heartbeat);
      clearTimeout(this.batchTimer);
      this.subscription?.cancel();
      this.channel?.close();
    }
  }

  private heartbeat(): void {
    this.ctx.heartbeat({ replayId: this.checkpoint.replayId?.toString() ?? null, coveredUntil: new Date(this.checkpoint.coveredUntil).toISOString() });
  }

  private async stream(): Promise<StreamOrgResult> {
    const pubsub = this.deps.pubsub;
    if (!pubsub) return this.polling('not-configured', 'No Pub/Sub API endpoint is configured (SALESFORCE_PUBSUB_ENDPOINT).');
    if ((await taskSyncUsersInOrg(this.deps.store.db, this.orgId)).size === 0) return this.stop('no-syncing-users');
    await this.loadCheckpoint();
    this.session = await this.openSession(false);
    if (!this.session) return this.stop('no-integration');
    this.channel = new PubSubChannel(pubsub);

    let downSince: number | null = null;
    let nextDownPoll = 0;
    let attempt = 0;
    let authFailures = 0;
    for (;;) {
      this.throwIfFailed();
      if (Date.now() >= this.deadline) return this.rotate();
      const from = this.checkpoint.replayId ?? 'latest';
      const openedAt = Date.now();
      const ended = this.open(from);
      const early = await Promise.race([ended, this.sleep(settleMs).then(() => null)]);
      let end: StreamEnd;
      if (early) {
        end = early;
      } else {
        log.info('Change event stream open', { orgId: this.orgId, from: String(from) });
        // Open: from the latest event, the time since the checkpoint is polled (after the
        // subscription took its place, so a change is in the poll, the stream, or both).
        if (from === 'latest') await this.pollSince(this.checkpoint.coveredUntil);
        this.checkpoint.coveredUntil = Math.max(this.checkpoint.coveredUntil, Math.min(openedAt, Date.now() - marginMs));
        await this.save();
        downSince = null;
        attempt = 0;
        authFailures = 0;
        const ending = await this.watch(ended);
        if (ending.kind === 'deadline') return this.rotate();
        if (ending.kind === 'stop') return this.stop(ending.reason);
        end = ending.end;
      }
      this.subscription = null;
      await this.settle();

      const kind = classify(end);
      log.info('Change event stream ended', { orgId: this.orgId, code: end.code, errorCode: end.errorCode, message: end.message, kind, replayId: this.checkpoint.replayId?.toString() ?? null });
      if (kind === 'auth' && authFailures < authRetries) {
        authFailures += 1;
        // A session the stream cannot use is renewed; an integration that can no longer sign in fails here (needs an admin).
        this.session = await this.openSession(true);
        if (!this.session) return this.stop('no-integration');
        continue;
      }
      if (kind === 'replay') {
        // Past retention: start from the latest event; the poll after it covers the time in between.
        this.checkpoint.replayId = null;
        await this.save();
        continue;
      }
      if (kind === 'cdc-off' || kind === 'permission' || kind === 'allocation') return this.polling(kind, end.message);

      // Down (unavailable, cut, refused, or sessions failing): retry, and poll around it when it lasts.
      // Down since it ended (not since it was opened: a stream that ran for an hour is not an hour down).
      downSince ??= Date.now();
      const downPollAfterMs = (this.input.downPollAfterSeconds ?? 180) * 1000;
      if (Date.now() - downSince >= downPollAfterMs && Date.now() >= nextDownPoll) {
        await setChangeDetection(this.deps.store.db, this.orgId, 'polling', 'stream-down', end.message, this.deps.now(), { keepReplay: true });
        const polledAt = Date.now();
        await this.pollSince(this.checkpoint.coveredUntil);
        this.checkpoint.coveredUntil = Math.max(this.checkpoint.coveredUntil, polledAt - marginMs);
        nextDownPoll = polledAt + this.input.pollEverySeconds * 1000;
        if (kind === 'auth') authFailures = 0;
      }
      attempt += 1;
      await this.sleep(Math.min((this.input.retryMaxSeconds ?? 15) * 1000, 1000 * 2 ** Math.min(attempt - 1, 5), Math.max(0, this.deadline - Date.now())));
    }
  }

  /** Opens a subscription; resolves when it ends by itself (never when we cancel it). */
  private open(from: bigint | 'latest'): Promise<StreamEnd> {
    return new Promise((resolve) => {
      this.subscription = this.channel!.subscribe(this.session!, topic, from, {
        events: (events) => this.receive(events),
        keepalive: () => void this.touch().catch((error: unknown) => this.fail(error)),
        end: resolve,
      });
    });
  }

  /** Runs until the stream ends, the activity's time is up, or there is no one left to stream for. */
  private async watch(ended: Promise<StreamEnd>): Promise<Ending> {
    const endedOutcome = ended.then((end): Ending => ({ kind: 'end', end }));
    for (;;) {
      const wait = Math.min(checkEveryMs, this.deadline - Date.now());
      if (wait <= 0) return { kind: 'deadline' };
      const outcome = await Promise.race([endedOutcome, this.sleep(wait).then(() => null)]);
      this.throwIfFailed();
      if (outcome) return outcome;
      if (Date.now() >= this.deadline) return { kind: 'deadline' };
      if ((await getOrgIntegration(this.deps.store.db, this.orgId))?.status !== 'connected') return { kind: 'stop', reason: 'no-integration' };
      if ((await taskSyncUsersInOrg(this.deps.store.db, this.orgId)).size === 0) return { kind: 'stop', reason: 'no-syncing-users' };
      await this.touch();
    }
  }

  private receive(events: ChangeEvent[]): void {
    this.queue.push(...events);
    this.batchTimer ??= setTimeout(() => {
      this.batchTimer = undefined;
      this.processing = this.processing.then(() => this.processBatch()).catch((error: unknown) => this.fail(error));
    }, this.batchMs);
  }

  /** Flushes what was received and waits for it: after a stream ended or before the activity returns. */
  private async settle(): Promise<void> {
    if (this.batchTimer) {
      clearTimeout(this.batchTimer);
      this.batchTimer = undefined;
      this.processing = this.processing.then(() => this.processBatch()).catch((error: unknown) => this.fail(error));
    }
    await this.processing;
    this.throwIfFailed();
  }

  private fail(error: unknown): void {
    this.failure ??= error instanceof Error ? error : new Error(String(error));
    this.subscription?.cancel();
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }

  /** One batch: wake each user it concerns once, then checkpoint after its last event. */
  private async processBatch(): Promise<void> {
    const batch = this.queue.splice(0);
    if (batch.length === 0) return;
    log.debug('Change events received', { orgId: this.orgId, events: batch.length, first: batch[0]!.replayId.toString() });
    const db = this.deps.store.db;
    const facts: ChangeEventFacts[] = batch
      .filter((e) => e.header.entityName === 'Task')
      .map((e) => ({ changeType: e.header.changeType, recordIds: e.header.recordIds, changeOrigin: e.header.changeOrigin, ownerId: e.ownerId, commitTimestamp: e.header.commitTimestamp }));
    const t = triage(facts, this.deps.clientId);
    const users = await taskSyncUsersInOrg(db, this.orgId);
    const holders = await linkOwnersOfRecords(db, [...users.values()], [...t.linked]);
    const asked = await this.askOwners(ownersToAsk(t, holders));
    const wake = new Set(usersToWake(t, holders, asked, users));
    if (t.overflowSince !== null) {
      // More changes in one transaction than events: every change since it is read from Salesforce.
      for (const userId of await this.pollOwners(new Date(t.overflowSince - marginMs).toISOString(), users)) wake.add(userId);
    }
    await this.wake([...wake]);
    const signalledAt = Date.now();
    recordChangeEvents({ received: batch.length, ownWrites: t.ownWrites, lagsMs: wake.size > 0 ? facts.map((f) => signalledAt - f.commitTimestamp) : [] });
    this.events += batch.length;
    this.lastEventAt = new Date(signalledAt).toISOString();
    this.checkpoint.replayId = batch.reduce((max, e) => (e.replayId > max ? e.replayId : max), this.checkpoint.replayId ?? 0n);
    await addChangeEventDeliveries(db, this.orgId, batch.length, this.deps.now());
    await this.save();
  }

  /** A healthy stream moves "covered until" along, so a restart after the replay id expired polls little; and says it still runs. */
  private async touch(): Promise<void> {
    if (this.queue.length === 0) this.checkpoint.coveredUntil = Math.max(this.checkpoint.coveredUntil, Date.now() - marginMs);
    await this.save();
  }

  private async save(): Promise<void> {
    await saveStreamCheckpoint(
      this.deps.store.db,
      this.orgId,
      { replayId: this.checkpoint.replayId?.toString() ?? null, coveredUntil: new Date(this.checkpoint.coveredUntil).toISOString(), lastEventAt: this.lastEventAt },
      this.deps.now(),
    );
    this.heartbeat();
  }

  private async loadCheckpoint(): Promise<void> {
    const stored = await getOrgChangeStream(this.deps.store.db, this.orgId);
    const details = this.ctx.info.heartbeatDetails as { replayId?: unknown; coveredUntil?: unknown } | undefined;
    const fromHeartbeat = typeof details?.replayId === 'string' ? BigInt(details.replayId) : null;
    const fromStore = stored?.replayId ? BigInt(stored.replayId) : null;
    this.checkpoint.replayId = fromHeartbeat !== null && (fromStore === null || fromHeartbeat > fromStore) ? fromHeartbeat : fromStore;
    const instants = [stored?.coveredUntil, this.input.since, typeof details?.coveredUntil === 'string' ? details.coveredUntil : null]
      .filter((v): v is string => typeof v === 'string')
      .map((v) => Date.parse(v))
      .filter((v) => !Number.isNaN(v));
    this.checkpoint.coveredUntil = instants.length > 0 ? Math.max(...instants) : Date.now() - marginMs;
  }

  /** The integration user's session (renewed when asked), or undefined when the org has none connected. */
  private async openSession(renew: boolean): Promise<PubSubSession | undefined> {
    return withSalesforce(this.deps, { orgId: this.orgId }, async (client) => {
      const connection = client.connection;
      // A token refresh, not an API call: it costs nothing against the org's allowance.
      if (renew || !connection.accessToken) await connection._refreshDelegate?.refresh(Date.now());
      if (!connection.accessToken) throw new Error('The integration user has no session to subscribe with.');
      return { accessToken: connection.accessToken, instanceUrl: connection.instanceUrl, orgId: client.orgId };
    });
  }

  /** Owners of records no one holds in SIA and no event named, read from Salesforce (deleted ones included). */
  private async askOwners(ids: string[]): Promise<Map<string, string>> {
    const owners = new Map<string, string>();
    if (ids.length === 0) return owners;
    await withSalesforce(this.deps, { orgId: this.orgId }, async (client) => {
      for (let i = 0; i < ids.length; i += 200) {
        const chunk = ids.slice(i, i + 200);
        const { records } = await client.queryPage<Pick<SfTask, 'Id' | 'OwnerId'>>(`SELECT Id, OwnerId FROM Task WHERE Id IN ${soqlStringList(chunk)}`, { all: true });
        for (const r of records) owners.set(r.Id, r.OwnerId);
      }
      this.calls += client.counter.calls;
    });
    return owners;
  }

  /** Today's org poll, once: wakes the owners of every Task changed after `fromMs` (worker time, so with the margin). */
  private async pollSince(fromMs: number): Promise<void> {
    const users = await taskSyncUsersInOrg(this.deps.store.db, this.orgId);
    await this.wake(await this.pollOwners(new Date(fromMs - marginMs).toISOString(), users));
  }

  private async pollOwners(fromIso: string, users: Map<string, string>): Promise<string[]> {
    let cursor: ChangeCursor = { modstamp: fromIso.replace(/\.\d{3}Z$/, '.000Z'), id: '' };
    const owners = new Set<string>();
    await withSalesforce(this.deps, { orgId: this.orgId }, async (client) => {
      for (let more = true; more; ) {
        const { records } = await client.queryPage<Pick<SfTask, 'Id' | 'SystemModstamp' | 'OwnerId'>>(changesQuery({ owners: 'all', after: cursor, fields: ['Id', 'SystemModstamp', 'OwnerId'] }), { all: true });
        for (const r of recordsAfter(cursor, records)) owners.add(r.OwnerId.slice(0, 15));
        cursor = advance(cursor, records) ?? cursor;
        more = hasMorePages(records);
      }
      this.calls += client.counter.calls;
    });
    return [...users].filter(([sfUserId]) => owners.has(sfUserId.slice(0, 15))).map(([, userId]) => userId);
  }

  private async wake(userIds: readonly string[]): Promise<void> {
    const client = this.ctx.client;
    await Promise.all(
      userIds.map((userId) =>
        client.workflow
          .getHandle(salesforceSyncWorkflowId(userId))
          .signal(nudgeSignal, { source: 'salesforce' })
          // A user whose workflow is not running has nothing to wake; its next start catches up.
          .catch((error: unknown) => {
            if (!(error instanceof WorkflowNotFoundError)) throw error;
          }),
      ),
    );
  }

  private async rotate(): Promise<StreamOrgResult> {
    this.subscription?.cancel();
    this.subscription = null;
    await this.settle();
    await this.touch();
    return { kind: 'rotate', coveredUntil: this.coveredIso(), events: this.events, calls: this.calls };
  }

  private async polling(reason: PollingReason, detail: string): Promise<StreamOrgResult> {
    await this.settle();
    await setChangeDetection(this.deps.store.db, this.orgId, 'polling', reason, detail, this.deps.now());
    // Users who wait for a nudge alone re-plan: without the permission they poll for themselves
    // (the org poll would see none of their tasks); otherwise the org poll covers them.
    if (reason === 'permission') await this.wake([...(await taskSyncUsersInOrg(this.deps.store.db, this.orgId)).values()]);
    return { kind: 'polling', reason, detail, coveredUntil: this.coveredIso(), calls: this.calls };
  }

  /**
   * The poller ends: its users poll Salesforce themselves again. Those waiting for a nudge alone
   * (their org streamed) are woken so that they notice.
   */
  private async stop(reason: 'no-integration' | 'no-syncing-users'): Promise<StreamOrgResult> {
    await this.settle();
    await setChangeDetection(this.deps.store.db, this.orgId, 'off', reason, null, this.deps.now());
    if (reason === 'no-integration') await this.wake([...(await taskSyncUsersInOrg(this.deps.store.db, this.orgId)).values()]);
    return { kind: 'stop', reason, coveredUntil: this.coveredIso(), calls: this.calls };
  }

  private coveredIso(): string {
    return new Date(this.checkpoint.coveredUntil || Date.now() - marginMs).toISOString();
  }

  /** Sleeps, or throws when the activity is cancelled. */
  private async sleep(ms: number): Promise<void> {
    if (ms <= 0) return;
    await this.ctx.sleep(ms);
  }
}

type EndKind = 'auth' | 'replay' | 'cdc-off' | 'permission' | 'allocation' | 'down';

/** What a stream's end means, by its gRPC status and Salesforce's error code. */
function classify(end: StreamEnd): EndKind {
  const code = end.errorCode ?? '';
  if (end.code === status.UNAUTHENTICATED || code.endsWith('.auth.error')) return 'auth';
  if (end.code === status.INVALID_ARGUMENT && code.includes('.replayid.')) return 'replay';
  if (end.code === status.NOT_FOUND) return 'cdc-off';
  if (end.code === status.PERMISSION_DENIED) return 'permission';
  if (end.code === status.RESOURCE_EXHAUSTED || code.endsWith('.limit.exceeded')) return 'allocation';
  return 'down';
}


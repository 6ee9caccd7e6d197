/**
 * `eventbus.v1.PubSub` for the emulator's orgs: GetTopic, GetSchema and Subscribe on change
 * event topics (`/data/TaskChangeEvent`), authenticated by the `accesstoken`, `instanceurl` and
 * `tenantid` metadata against the emulator's sessions. Publishing and managed subscriptions
 * are not emulated (UNIMPLEMENTED).
 */
import { randomUUID } from 'node:crypto';
import { status, type Metadata, type sendUnaryData, type ServerDuplexStream, type ServerUnaryCall, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { EmulatorState } from '../emulator-state';
import { normalizeId } from '../ids';
import type { OrgData, OrgUser } from '../org-model';
import { entityOfTopic, type StoredEvent } from './change-data-capture';
import { authError, deliveryLimitExceeded, ERROR_CODES, PubSubError, replayIdCorrupted, topicNotFound, topicPermission, unavailable } from './errors';

/** At most 100 events may be pending on one Subscribe call; more are counted as 100. */
export const MAX_PENDING = 100;

const REPLAY_PRESET = { LATEST: 0, EARLIEST: 1, CUSTOM: 2 } as const;

interface FetchRequest {
  topicName?: string;
  replayPreset?: number | string;
  replayId?: Buffer;
  numRequested?: number;
}

interface FetchResponse {
  events: { event: { id: string; schemaId: string; payload: Buffer; headers: [] }; replayId: Buffer }[];
  latestReplayId: Buffer;
  rpcId: string;
  pendingNumRequested: number;
}

interface Caller {
  org: OrgData;
  user: OrgUser;
}

export const encodeReplayId = (id: bigint): Buffer => {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(id);
  return buf;
};

const decodeReplayId = (buf: Buffer | undefined): bigint | undefined => (buf && buf.length === 8 ? buf.readBigUInt64BE() : undefined);

const first = (md: Metadata, key: string): string => {
  const v = md.get(key)[0];
  return typeof v === 'string' ? v : v?.toString('utf8') ?? '';
};

/** The session behind the call's metadata: a live access token of an active user, for the org named in `tenantid`. */
function authenticate(state: EmulatorState, md: Metadata): Caller {
  if (state.pubsub.refusing()) throw unavailable();
  const token = first(md, 'accesstoken');
  const tenantId = normalizeId(first(md, 'tenantid'));
  if (!token || !first(md, 'instanceurl') || !tenantId) throw authError();
  const session = state.tokens.session(token, state.clock.now());
  if (!session || session.orgId !== tenantId) throw authError();
  const org = state.store.findOrg(session.orgId);
  const user = org?.users.get(session.userId);
  if (!org || !user?.isActive) throw authError();
  return { org, user };
}

/** The entity of a change event topic the caller may read; NOT_FOUND when the org does not publish it. */
function topicFor(state: EmulatorState, caller: Caller, topic: string): { entity: string; schemaId: string } {
  const def = entityOfTopic(topic);
  const orgId = caller.org.settings.orgId;
  if (!def || !state.cdc.isEnabled(orgId, def.name)) throw topicNotFound(orgId, topic);
  return { entity: def.name, schemaId: state.cdc.schema(def.name).id };
}

/** Change events of a standard object without "View All" (Task) need View All Data. */
const canSubscribe = (caller: Caller): boolean => caller.user.viewAllData;

function unary<Req, Res>(state: EmulatorState, handle: (req: Req, caller: Caller, rpcId: string) => Res) {
  return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>): void => {
    const rpcId = randomUUID();
    try {
      callback(null, handle(call.request, authenticate(state, call.metadata), rpcId));
    } catch (e) {
      if (e instanceof PubSubError) callback(e.toServiceError(rpcId));
      else callback({ code: status.INTERNAL, details: `${String(e)} rpcId: ${rpcId}` });
    }
  };
}

/** Answers UNIMPLEMENTED, on a unary call through its callback, on a stream as its status. */
const unimplemented = (what: string) => (call: { emit(event: 'error', e: unknown): boolean }, callback?: sendUnaryData<unknown>) => {
  const error = { code: status.UNIMPLEMENTED, details: `${what} is not emulated` };
  if (callback) callback(error);
  else call.emit('error', error);
};

export function pubSubService(state: EmulatorState): UntypedServiceImplementation {
  return {
    GetTopic: unary<{ topicName?: string }, object>(state, (req, caller, rpcId) => {
      const topic = req.topicName ?? '';
      const { schemaId } = topicFor(state, caller, topic);
      return { topicName: topic, tenantGuid: caller.org.settings.orgId, canPublish: false, canSubscribe: canSubscribe(caller), schemaId, rpcId };
    }),
    GetSchema: unary<{ schemaId?: string }, object>(state, (req, _caller, rpcId) => {
      const schema = state.cdc.schemaById(req.schemaId ?? '');
      if (!schema) throw new PubSubError(status.NOT_FOUND, ERROR_CODES.schemaNotFound, `The schema ${req.schemaId ?? ''} was not found.`);
      return { schemaJson: schema.json, schemaId: schema.id, rpcId };
    }),
    Subscribe: (call: ServerDuplexStream<FetchRequest, FetchResponse>) => subscribe(state, call),
    Publish: unimplemented('Publish'),
    PublishStream: unimplemented('PublishStream'),
    ManagedSubscribe: unimplemented('ManagedSubscribe'),
  };
}

/**
 * One Subscribe stream: the first FetchRequest names the topic and where to start; every
 * FetchRequest adds to the events the client will take (at most 100 pending). Events go out
 * as they are committed, never more than requested; with nothing to send and events pending,
 * an empty FetchResponse carries the latest replay id as a keepalive; with nothing pending
 * and no new FetchRequest in time, the stream closes.
 */
function subscribe(state: EmulatorState, call: ServerDuplexStream<FetchRequest, FetchResponse>): void {
  const rpcId = randomUUID();
  let caller: Caller;
  let topic = '';
  let cursor = 0n;
  let pending = 0;
  let started = false;
  let closed = false;
  let keepalive: NodeJS.Timeout | undefined;
  let idle: NodeJS.Timeout | undefined;
  let unregister: (() => void) | undefined;

  const cleanup = (): void => {
    closed = true;
    clearTimeout(keepalive);
    clearTimeout(idle);
    unregister?.();
    state.cdc.bus.off('published', onPublished);
  };
  const fail = (e: unknown): void => {
    if (closed) return;
    cleanup();
    call.emit('error', e instanceof PubSubError ? e.toServiceError(rpcId) : { code: status.INTERNAL, details: `${String(e)} rpcId: ${rpcId}` });
  };
  const send = (events: StoredEvent[], latest: bigint): void => {
    call.write({
      events: events.map((e) => ({ event: { id: e.id, schemaId: e.schemaId, payload: e.payload, headers: [] }, replayId: encodeReplayId(e.replayId) })),
      latestReplayId: encodeReplayId(latest),
      rpcId,
      pendingNumRequested: pending,
    });
    armTimers();
  };
  const armTimers = (): void => {
    clearTimeout(keepalive);
    clearTimeout(idle);
    if (closed) return;
    if (pending > 0) {
      keepalive = setTimeout(() => send([], state.cdc.latestReplayId()), state.pubsub.keepaliveMs);
    } else {
      idle = setTimeout(() => {
        if (closed) return;
        cleanup();
        call.end();
      }, state.pubsub.idleTimeoutMs);
    }
  };
  const pump = (): void => {
    if (closed || pending === 0) return;
    const orgId = caller.org.settings.orgId;
    const ready = state.cdc.events(orgId, topic).filter((e) => e.replayId > cursor);
    if (ready.length === 0) return;
    const batch: StoredEvent[] = [];
    let overLimit = false;
    for (const e of ready) {
      if (pending === 0) break;
      if (state.cdc.delivered(orgId) >= state.cdc.deliveryAllocation(orgId)) {
        overLimit = true;
        break;
      }
      state.cdc.countDelivery(orgId);
      batch.push(e);
      cursor = e.replayId;
      pending -= 1;
    }
    if (batch.length > 0) send(batch, cursor);
    if (overLimit) fail(deliveryLimitExceeded());
  };
  function onPublished(orgId: string, published: string): void {
    if (started && orgId === caller.org.settings.orgId && published === topic) pump();
  }

  const start = (req: FetchRequest): void => {
    caller = authenticate(state, call.metadata);
    topic = req.topicName ?? '';
    topicFor(state, caller, topic);
    if (!canSubscribe(caller)) throw topicPermission(topic);
    const orgId = caller.org.settings.orgId;
    const preset = typeof req.replayPreset === 'string' ? REPLAY_PRESET[req.replayPreset as keyof typeof REPLAY_PRESET] : req.replayPreset ?? 0;
    if (preset === REPLAY_PRESET.CUSTOM) {
      const replayId = decodeReplayId(req.replayId);
      if (replayId === undefined) {
        throw new PubSubError(
          status.INVALID_ARGUMENT,
          ERROR_CODES.replayIdValidation,
          'The replay_preset field in FetchRequest is set to ReplayPreset.CUSTOM, but no valid Replay ID value is set.',
        );
      }
      if (!state.cdc.replayable(orgId, topic, replayId)) throw replayIdCorrupted();
      cursor = replayId;
    } else if (preset === REPLAY_PRESET.EARLIEST) {
      cursor = 0n;
    } else {
      cursor = state.cdc.latestReplayId();
    }
    started = true;
    unregister = state.pubsub.add({
      orgId,
      userId: caller.user.id,
      topic,
      pending: () => pending,
      cut: () => fail(unavailable()),
    });
    state.cdc.bus.on('published', onPublished);
  };

  call.on('data', (req: FetchRequest) => {
    if (closed) return;
    try {
      if (!started) start(req);
      else if (req.topicName && req.topicName !== topic) {
        throw new PubSubError(status.INVALID_ARGUMENT, ERROR_CODES.invalidArgument, `The topic ${req.topicName} differs from the topic ${topic} this subscription was opened for.`);
      }
      const n = req.numRequested ?? 0;
      if (n <= 0) throw new PubSubError(status.INVALID_ARGUMENT, ERROR_CODES.requestedEventsInvalid, 'The number of requested events must be greater than zero.');
      pending = Math.min(MAX_PENDING, pending + n);
      armTimers();
      pump();
    } catch (e) {
      fail(e);
    }
  });
  call.on('end', () => {
    if (closed) return;
    cleanup();
    call.end();
  });
  call.on('cancelled', cleanup);
  call.on('error', cleanup);
}

/**
 * The Subscribe stream: flow control by num_requested, replay presets, the 72-hour retention,
 * gap and overflow events, the event delivery allocation, keepalives, the idle timeout and
 * outages.
 */
import { status } from '@grpc/grpc-js';
import type { Connection } from 'jsforce';
import type PubSubApiClient from 'salesforce-pubsub-api-client';
import {
  authMetadata,
  endSubscriptions,
  errorCode,
  login,
  pubSubClient,
  rawClient,
  Received,
  replayIdBytes,
  sleep,
  startPubSubOrg,
  streamOpen,
  SYNC,
  TOPIC,
  type PubSubOrg,
  type RawFetchResponse,
  type RawPubSub,
} from './test-support';

let t: PubSubOrg;
let sync: Connection;
const clients: PubSubApiClient[] = [];

beforeAll(async () => {
  t = await startPubSubOrg();
  sync = await login(t.sf, SYNC);
});
afterEach(async () => {
  await t.sf.control.pubsubOutage();
  await t.sf.control.pubsubRecover();
  await t.sf.control.setPubSubTimings({ keepaliveMs: 270_000, idleTimeoutMs: 60_000 });
  await t.sf.control.setChangeDataCapture(t.orgId, { deliveryAllocation: null, delivered: 0 });
  await sleep(50);
  for (const c of clients.splice(0)) c.close();
});
afterAll(() => t.sf.close());

async function connected(): Promise<PubSubApiClient> {
  const client = pubSubClient(t.sf, { accessToken: sync.accessToken as string });
  await client.connect();
  clients.push(client);
  return client;
}

/** A library subscription (LATEST) that the emulator has open. */
async function listening(numRequested: number): Promise<{ client: PubSubApiClient; got: Received }> {
  const open = (await t.sf.control.pubsubStreams()).length;
  const client = await connected();
  const got = new Received();
  client.subscribe(TOPIC, got.callback, numRequested);
  await streamOpen(t.sf, open + 1);
  return { client, got };
}

const createTasks = async (...subjects: string[]): Promise<string[]> =>
  ((await sync.sobject('Task').create(subjects.map((Subject) => ({ Subject })))) as { id: string }[]).map((r) => r.id);

const subjects = (got: Received): unknown[] => got.events.map((e) => e.payload.Subject);

/** A raw Subscribe stream recording every FetchResponse. */
function rawSubscribe(raw: RawPubSub, conn: Connection, first: object): { responses: RawFetchResponse[]; errors: { code: number; details: string; metadata: never }[]; ended: () => boolean; write(req: object): void; cancel(): void } {
  const stream = raw.Subscribe(authMetadata(t.sf, conn));
  const responses: RawFetchResponse[] = [];
  const errors: { code: number; details: string; metadata: never }[] = [];
  let ended = false;
  stream.on('data', (r) => responses.push(r));
  stream.on('error', (e) => errors.push(e as never));
  stream.on('end', () => {
    ended = true;
  });
  stream.write({ topicName: TOPIC, ...first });
  return { responses, errors, ended: () => ended, write: (req) => stream.write(req), cancel: () => stream.cancel() };
}

async function until(done: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('flow control', () => {
  it('never sends more events than requested and not yet delivered; more come when more are requested', async () => {
    const { client, got } = await listening(2);
    await createTasks('f1', 'f2', 'f3');
    await got.eventsCount(2);
    expect(got.lastEvents).toBe(1);
    await sleep(300);
    expect(subjects(got)).toEqual(['f1', 'f2']);
    client.requestAdditionalEvents(TOPIC, 1);
    await got.eventsCount(3);
    expect(subjects(got)).toEqual(['f1', 'f2', 'f3']);
    await createTasks('f4');
    await sleep(300);
    expect(got.events).toHaveLength(3);
    await endSubscriptions(t.sf, client, [got]);
  });

  it('reports pending_num_requested, adds later requests to it, and counts at most 100 pending', async () => {
    const raw = rawClient(t.sf);
    const s = rawSubscribe(raw, sync, { replayPreset: 0, numRequested: 3 });
    await streamOpen(t.sf);
    await createTasks('p1');
    await until(() => s.responses.length === 1, 'a response');
    expect(s.responses[0]?.events).toHaveLength(1);
    expect(s.responses[0]?.pendingNumRequested).toBe(2);
    s.write({ numRequested: 500 });
    await until(() => true, 'nothing');
    await sleep(100);
    expect((await t.sf.control.pubsubStreams())[0]?.pending).toBe(100);
    s.cancel();
    raw.close();
  });

  it('refuses a FetchRequest for no events, and a later FetchRequest naming another topic', async () => {
    const raw = rawClient(t.sf);
    const zero = rawSubscribe(raw, sync, { numRequested: 0 });
    await until(() => zero.errors.length > 0, 'the refusal');
    expect(zero.errors[0]?.code).toBe(status.INVALID_ARGUMENT);
    const other = rawSubscribe(raw, sync, { numRequested: 1 });
    await streamOpen(t.sf);
    other.write({ topicName: '/data/AccountChangeEvent', numRequested: 1 });
    await until(() => other.errors.length > 0, 'the refusal');
    expect(other.errors[0]?.code).toBe(status.INVALID_ARGUMENT);
    raw.close();
  });
});

describe('replay presets', () => {
  it('LATEST: only events committed after the subscription; EARLIEST: every retained event; CUSTOM: the events after a replay id', async () => {
    await createTasks('before');
    const { client, got: latest } = await listening(50);
    await createTasks('after-1', 'after-2');
    await latest.eventsCount(2);
    expect(subjects(latest)).toEqual(['after-1', 'after-2']);

    const earliestClient = await connected();
    const earliest = new Received();
    earliestClient.subscribeFromEarliestEvent(TOPIC, earliest.callback, 50);
    await earliest.eventsCount(3);
    await sleep(200);
    expect(subjects(earliest).slice(-3)).toEqual(['before', 'after-1', 'after-2']);

    const customClient = await connected();
    const custom = new Received();
    customClient.subscribeFromReplayId(TOPIC, custom.callback, 50, (latest.events[0] as { replayId: number }).replayId);
    await custom.eventsCount(1);
    await sleep(200);
    expect(subjects(custom)).toEqual(['after-2']);
    expect(custom.events[0]?.replayId).toBe(latest.events[1]?.replayId);
    await endSubscriptions(t.sf, client, [latest]);
    await sleep(50);
    earliestClient.close();
    customClient.close();
  });

  it('CUSTOM without a replay id, or with one never issued, is refused with INVALID_ARGUMENT', async () => {
    const raw = rawClient(t.sf);
    const none = rawSubscribe(raw, sync, { replayPreset: 2, numRequested: 1 });
    await until(() => none.errors.length > 0, 'the refusal');
    expect(none.errors[0]?.code).toBe(status.INVALID_ARGUMENT);
    expect(errorCode(none.errors[0] as never)).toBe('sfdc.platform.eventbus.grpc.subscription.fetch.replayid.validation.failed');
    const future = rawSubscribe(raw, sync, { replayPreset: 2, replayId: replayIdBytes(2n ** 40n), numRequested: 1 });
    await until(() => future.errors.length > 0, 'the refusal');
    expect(future.errors[0]?.code).toBe(status.INVALID_ARGUMENT);
    expect(errorCode(future.errors[0] as never)).toBe('sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted');
    raw.close();
  });
});

describe('retention: 72 hours by the emulator clock', () => {
  it('purges older events: EARLIEST no longer has them and a CUSTOM replay id among them is refused', async () => {
    const { client, got } = await listening(10);
    await createTasks('old');
    await got.eventsCount(1);
    const oldReplayId = (got.events[0] as { replayId: number }).replayId;
    await endSubscriptions(t.sf, client, [got]);

    await t.sf.control.advanceClock(71 * 3_600_000);
    sync = await login(t.sf, SYNC);
    const stillThere = await connected();
    const within = new Received();
    stillThere.subscribeFromReplayId(TOPIC, within.callback, 10, oldReplayId - 1);
    await within.eventsCount(1);
    expect(subjects(within)).toEqual(['old']);
    await endSubscriptions(t.sf, stillThere, [within]);

    await t.sf.control.advanceClock(2 * 3_600_000);
    sync = await login(t.sf, SYNC);
    await createTasks('new');
    const replaying = await connected();
    const refused = new Received();
    replaying.subscribeFromReplayId(TOPIC, refused.callback, 10, oldReplayId);
    const e = await refused.firstError();
    expect(e.code).toBe(status.INVALID_ARGUMENT);
    expect(errorCode(e)).toBe('sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted');

    const earliestClient = await connected();
    const earliest = new Received();
    earliestClient.subscribeFromEarliestEvent(TOPIC, earliest.callback, 50);
    await earliest.eventsCount(1);
    await sleep(200);
    expect(subjects(earliest)).toEqual(['new']);
    await t.sf.control.clock({ reset: true });
    sync = await login(t.sf, SYNC);
  });
});

describe('gap and overflow events', () => {
  it('GAP_UPDATE (and the other gap types): header only, the record ids, sequence number 1, no field values', async () => {
    const { client, got } = await listening(10);
    const ids = await createTasks('g1', 'g2');
    await got.eventsCount(2);
    for (const changeType of ['GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE'] as const) {
      await t.sf.control.publishGapEvent(t.orgId, { entity: 'Task', changeType, recordIds: ids, commitUser: t.users[SYNC] });
    }
    await got.eventsCount(6);
    const gaps = got.events.slice(2);
    expect(gaps.map((e) => e.payload.ChangeEventHeader.changeType)).toEqual(['GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE']);
    for (const gap of gaps) {
      expect(gap.payload.ChangeEventHeader).toMatchObject({ entityName: 'Task', recordIds: ids, sequenceNumber: 1, commitUser: t.users[SYNC], changedFields: [], nulledFields: [] });
      expect(gap.payload).toMatchObject({ Subject: null, Status: null, OwnerId: null, LastModifiedDate: null });
    }
    await endSubscriptions(t.sf, client, [got]);
  });

  it('GAP_OVERFLOW: the entity, no record id and no field values', async () => {
    const { client, got } = await listening(10);
    await t.sf.control.publishGapEvent(t.orgId, { entity: 'Task', changeType: 'GAP_OVERFLOW' });
    await got.eventsCount(1);
    expect(got.events[0]?.payload.ChangeEventHeader).toMatchObject({ entityName: 'Task', changeType: 'GAP_OVERFLOW', recordIds: ['000000000000000AAA'] });
    expect(got.events[0]?.payload.Subject).toBeNull();
    await endSubscriptions(t.sf, client, [got]);
  });
});

describe('event delivery allocation', () => {
  it('counts each event delivered to each subscriber; past the allocation the subscription ends with limit.exceeded', async () => {
    await t.sf.control.setChangeDataCapture(t.orgId, { deliveryAllocation: 3, delivered: 0 });
    const client = await connected();
    const a = new Received();
    client.subscribe(TOPIC, a.callback, 10);
    const other = await connected();
    const b = new Received();
    other.subscribe(TOPIC, b.callback, 10);
    await streamOpen(t.sf, 2);
    await createTasks('d1');
    await a.eventsCount(1);
    await b.eventsCount(1);
    expect((await t.sf.control.changeDataCapture(t.orgId)).deliveredLast24h).toBe(2);
    await createTasks('d2');
    await a.until(() => a.errors.length + b.errors.length === 1 && a.events.length + b.events.length === 3, 'one delivery and one refusal');
    const e = (a.errors[0] ?? b.errors[0]) as { code: number; details: string };
    expect(e.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(errorCode(e as never)).toBe('sfdc.platform.eventbus.grpc.subscription.limit.exceeded');
    expect(e.details).toContain('You have exceeded the event delivery limit for your org.');
    expect((await t.sf.control.changeDataCapture(t.orgId)).deliveredLast24h).toBe(3);
  });

  it('frees up as the 24 hours roll on', async () => {
    await t.sf.control.setChangeDataCapture(t.orgId, { deliveryAllocation: 1, delivered: 1 });
    const { got } = await listening(10);
    await createTasks('r1');
    const e = await got.firstError();
    expect(errorCode(e)).toBe('sfdc.platform.eventbus.grpc.subscription.limit.exceeded');
    await t.sf.control.advanceClock(24 * 3_600_000 + 60_000);
    sync = await login(t.sf, SYNC);
    expect((await t.sf.control.changeDataCapture(t.orgId)).deliveredLast24h).toBe(0);
    const again = await connected();
    const later = new Received();
    again.subscribe(TOPIC, later.callback, 10);
    await streamOpen(t.sf);
    await createTasks('r2');
    await later.eventsCount(1);
    expect(subjects(later)).toEqual(['r2']);
    expect(later.errors).toEqual([]);
    await endSubscriptions(t.sf, again, [later]);
    await t.sf.control.clock({ reset: true });
    sync = await login(t.sf, SYNC);
  });

  it('defaults to the edition’s allocation (Enterprise: 25,000)', async () => {
    expect((await t.sf.control.changeDataCapture(t.orgId)).deliveryAllocation).toBe(25_000);
  });
});

describe('keepalives and the idle timeout', () => {
  it('with events pending and none to send, an empty FetchResponse carries the latest replay id at the keepalive interval', async () => {
    await t.sf.control.setPubSubTimings({ keepaliveMs: 150 });
    const client = await connected();
    const got = new Received();
    client.subscribe(TOPIC, got.callback, 5);
    const raw = rawClient(t.sf);
    const s = rawSubscribe(raw, sync, { replayPreset: 0, numRequested: 5 });
    await streamOpen(t.sf, 2);
    await createTasks('k1');
    await until(() => s.responses.filter((r) => (r.events ?? []).length === 0).length >= 2, 'two keepalives');
    await got.until(() => got.keepalives >= 2, 'keepalives through the library');
    const eventResponse = s.responses.find((r) => (r.events ?? []).length > 0) as RawFetchResponse;
    const keepalive = s.responses.filter((r) => (r.events ?? []).length === 0).at(-1) as RawFetchResponse;
    expect(keepalive.pendingNumRequested).toBe(4);
    expect(keepalive.latestReplayId.readBigUInt64BE()).toBeGreaterThanOrEqual(eventResponse.latestReplayId.readBigUInt64BE());
    expect(keepalive.latestReplayId.readBigUInt64BE()).toBe(t.sf.state.cdc.latestReplayId());
    s.cancel();
    raw.close();
  });

  it('with nothing pending, the stream closes when no FetchRequest comes within the idle timeout', async () => {
    await t.sf.control.setPubSubTimings({ idleTimeoutMs: 300 });
    const raw = rawClient(t.sf);
    const s = rawSubscribe(raw, sync, { replayPreset: 0, numRequested: 1 });
    await streamOpen(t.sf);
    await createTasks('i1');
    await until(() => s.responses.length === 1, 'the event');
    expect(s.responses[0]?.pendingNumRequested).toBe(0);
    await until(() => s.ended(), 'the stream to close', 3000);
    expect(s.errors).toEqual([]);
    expect(await t.sf.control.pubsubStreams()).toEqual([]);
    raw.close();
  });

  it('a FetchRequest in time keeps the stream open', async () => {
    await t.sf.control.setPubSubTimings({ idleTimeoutMs: 1500 });
    const raw = rawClient(t.sf);
    const s = rawSubscribe(raw, sync, { replayPreset: 0, numRequested: 1 });
    await streamOpen(t.sf);
    await createTasks('i2');
    await until(() => s.responses.length === 1, 'the event');
    await sleep(300);
    s.write({ numRequested: 1 });
    await sleep(2000);
    expect(s.ended()).toBe(false);
    expect(await t.sf.control.pubsubStreams()).toHaveLength(1);
    s.cancel();
    raw.close();
  });
});

describe('outages', () => {
  it('cuts every stream with UNAVAILABLE, refuses new calls for a while, and a resubscription from the last replay id misses nothing', async () => {
    const { got } = await listening(50);
    await createTasks('o1');
    await got.eventsCount(1);
    expect(await t.sf.control.pubsubOutage({ refuseForMs: 60_000 })).toBe(1);
    const e = await got.firstError();
    expect(e.code).toBe(status.UNAVAILABLE);
    expect(errorCode(e)).toBe('sfdc.platform.eventbus.grpc.service.unavailable');
    await createTasks('o2');

    const during = await connected();
    const refused = new Received();
    during.subscribe(TOPIC, refused.callback, 50);
    expect((await refused.firstError()).code).toBe(status.UNAVAILABLE);

    await t.sf.control.pubsubRecover();
    const after = await connected();
    const resumed = new Received();
    after.subscribeFromReplayId(TOPIC, resumed.callback, 50, (got.events[0] as { replayId: number }).replayId);
    await resumed.eventsCount(1);
    expect(subjects(resumed)).toEqual(['o2']);
    await endSubscriptions(t.sf, after, [resumed]);
  });

  it('the refusal ends by itself after refuseForMs', async () => {
    await t.sf.control.pubsubOutage({ refuseForMs: 300 });
    await sleep(400);
    const { client, got } = await listening(5);
    await createTasks('back');
    await got.eventsCount(1);
    expect(got.errors).toEqual([]);
    await endSubscriptions(t.sf, client, [got]);
  });
});

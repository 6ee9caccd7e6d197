/**
 * Who may use the Pub/Sub API and on which topics: authentication from the call metadata,
 * View All Data for Task change events, and change events only for selected objects.
 */
import { Metadata, status } from '@grpc/grpc-js';
import avro from 'avro-js';
import type { Connection } from 'jsforce';
import { ALICE, authMetadata, endSubscriptions, errorCode, login, pubSubClient, rawClient, Received, startPubSubOrg, streamOpen, SYNC, TOPIC, unary, unaryError, type PubSubOrg, type RawPubSub } from './test-support';

let t: PubSubOrg;
let sync: Connection;
let raw: RawPubSub;

beforeAll(async () => {
  t = await startPubSubOrg();
  sync = await login(t.sf, SYNC);
  raw = rawClient(t.sf);
});
afterAll(async () => {
  await t.sf.close();
  raw.close();
});

async function subscribeError(accessToken: string, organizationId?: string, topic = TOPIC): Promise<{ code: number; details: string; errorCode?: string }> {
  const client = pubSubClient(t.sf, { accessToken, organizationId });
  await client.connect();
  const got = new Received();
  client.subscribe(topic, got.callback, 1);
  const e = await got.firstError();
  client.close();
  return { code: e.code, details: e.details, errorCode: errorCode(e) };
}

describe('authentication from the accesstoken, instanceurl and tenantid metadata', () => {
  it('refuses an unknown token with UNAUTHENTICATED and sfdc.platform.eventbus.grpc.service.auth.error', async () => {
    const e = await subscribeError(`${t.orgId.slice(0, 15)}!not-a-session`, t.orgId);
    expect(e).toMatchObject({ code: status.UNAUTHENTICATED, errorCode: 'sfdc.platform.eventbus.grpc.service.auth.error' });
    expect(e.details).toMatch(/rpcId: [0-9a-f-]{36}$/);
  });

  it('refuses an expired session', async () => {
    const conn = await login(t.sf, SYNC);
    await t.sf.control.expireSessions({ userId: t.users[SYNC] });
    const e = await subscribeError(conn.accessToken as string);
    expect(e).toMatchObject({ code: status.UNAUTHENTICATED, errorCode: 'sfdc.platform.eventbus.grpc.service.auth.error' });
    sync = await login(t.sf, SYNC);
  });

  it('refuses a revoked token', async () => {
    const conn = await login(t.sf, SYNC);
    await t.sf.control.revokeTokens({ token: conn.accessToken as string });
    const e = await subscribeError(conn.accessToken as string);
    expect(e).toMatchObject({ code: status.UNAUTHENTICATED, errorCode: 'sfdc.platform.eventbus.grpc.service.auth.error' });
  });

  it("refuses a tenantid that is not the token's org", async () => {
    const other = await t.sf.control.seedOrg({ users: [{ username: 'someone@other.test', password: 'pw', email: 'someone@other.test', viewAllData: true }] });
    const e = await subscribeError(sync.accessToken as string, other.orgId);
    expect(e).toMatchObject({ code: status.UNAUTHENTICATED, errorCode: 'sfdc.platform.eventbus.grpc.service.auth.error' });
  });

  it('refuses a call without the metadata', async () => {
    const e = await unaryError((cb) => raw.GetTopic({ topicName: TOPIC }, new Metadata(), cb));
    expect(e.code).toBe(status.UNAUTHENTICATED);
    expect(errorCode(e)).toBe('sfdc.platform.eventbus.grpc.service.auth.error');
  });

  it('takes the 15-character org id as tenantid, as the client library derives it from the token', async () => {
    const info = await unary<Record<string, unknown>>((cb) => raw.GetTopic({ topicName: TOPIC }, authMetadata(t.sf, sync, t.orgId.slice(0, 15)), cb));
    expect(info).toMatchObject({ topicName: TOPIC, tenantGuid: t.orgId, canSubscribe: true, canPublish: false });
  });
});

describe('permission: Task change events need View All Data', () => {
  it('GetTopic tells a user without View All Data that it cannot subscribe', async () => {
    const alice = await login(t.sf, ALICE);
    const info = await unary<Record<string, unknown>>((cb) => raw.GetTopic({ topicName: TOPIC }, authMetadata(t.sf, alice), cb));
    expect(info).toMatchObject({ canSubscribe: false, canPublish: false });
  });

  it('refuses the subscription with PERMISSION_DENIED', async () => {
    const alice = await login(t.sf, ALICE);
    const e = await subscribeError(alice.accessToken as string);
    expect(e.code).toBe(status.PERMISSION_DENIED);
    expect(e.errorCode).toMatch(/^sfdc\.platform\.eventbus\.grpc\./);
    expect(await t.sf.control.pubsubStreams()).toEqual([]);
  });

  it('lets the user subscribe once View All Data is granted', async () => {
    await t.sf.control.updateUser(t.orgId, t.users[ALICE] as string, { viewAllData: true });
    const alice = await login(t.sf, ALICE);
    const client = pubSubClient(t.sf, { accessToken: alice.accessToken as string });
    await client.connect();
    const got = new Received();
    client.subscribe(TOPIC, got.callback, 1);
    await streamOpen(t.sf);
    await alice.sobject('Task').create({ Subject: 'seen by Alice' });
    await got.eventsCount(1);
    expect(got.errors).toEqual([]);
    await endSubscriptions(t.sf, client, [got]);
    await t.sf.control.updateUser(t.orgId, t.users[ALICE] as string, { viewAllData: false });
  });
});

describe('Change Data Capture selection per org and object', () => {
  it('answers NOT_FOUND for the topic of an object not selected, on GetTopic and Subscribe', async () => {
    await t.sf.control.setChangeDataCapture(t.orgId, { entities: { Task: false } });
    const e = await unaryError((cb) => raw.GetTopic({ topicName: TOPIC }, authMetadata(t.sf, sync), cb));
    expect(e.code).toBe(status.NOT_FOUND);
    expect(e.details).toContain(`topic ${TOPIC} not found`);
    const sub = await subscribeError(sync.accessToken as string);
    expect(sub.code).toBe(status.NOT_FOUND);
    await t.sf.control.setChangeDataCapture(t.orgId, { entities: { Task: true } });
  });

  it('answers NOT_FOUND for topics the org has no such object for', async () => {
    const e = await subscribeError(sync.accessToken as string, undefined, '/data/NoSuchObjectChangeEvent');
    expect(e.code).toBe(status.NOT_FOUND);
  });

  it('publishes no events for Task writes while Task is not selected', async () => {
    const client = pubSubClient(t.sf, { accessToken: sync.accessToken as string });
    await client.connect();
    const got = new Received();
    client.subscribe(TOPIC, got.callback, 10);
    await streamOpen(t.sf);
    await t.sf.control.setChangeDataCapture(t.orgId, { entities: { Task: false } });
    await sync.sobject('Task').create({ Subject: 'not captured' });
    await t.sf.control.setChangeDataCapture(t.orgId, { entities: { Task: true } });
    await sync.sobject('Task').create({ Subject: 'captured' });
    await got.eventsCount(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(got.events.map((e) => e.payload.Subject)).toEqual(['captured']);
    await endSubscriptions(t.sf, client, [got]);
  });

  it('starts with no object selected in a new org', async () => {
    const other = await t.sf.control.seedOrg({ users: [{ username: 'fresh@other.test', password: 'pw', email: 'fresh@other.test' }] });
    expect((await t.sf.control.changeDataCapture(other.orgId)).entities).toEqual({ Task: false });
  });
});

describe('schemas', () => {
  it('GetTopic names the schema GetSchema serves, with a stable id, and the schema decodes the events', async () => {
    const info = await unary<{ schemaId: string }>((cb) => raw.GetTopic({ topicName: TOPIC }, authMetadata(t.sf, sync), cb));
    const again = await unary<{ schemaId: string }>((cb) => raw.GetTopic({ topicName: TOPIC }, authMetadata(t.sf, sync), cb));
    expect(again.schemaId).toBe(info.schemaId);
    const schema = await unary<{ schemaId: string; schemaJson: string }>((cb) => raw.GetSchema({ schemaId: info.schemaId }, authMetadata(t.sf, sync), cb));
    expect(schema.schemaId).toBe(info.schemaId);
    const parsed = JSON.parse(schema.schemaJson) as { name: string; fields: { name: string }[] };
    expect(parsed.name).toBe('TaskChangeEvent');
    expect(parsed.fields[0]?.name).toBe('ChangeEventHeader');
    expect(parsed.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['Subject', 'Status', 'ActivityDate', 'WhoId', 'OwnerId', 'LastModifiedDate', 'SIA_Task_Id__c']));
    expect(parsed.fields.map((f) => f.name)).not.toEqual(expect.arrayContaining(['Id']));
    expect(parsed.fields.map((f) => f.name)).not.toContain('IsDeleted');
    expect(parsed.fields.map((f) => f.name)).not.toContain('SystemModstamp');
    expect(() => avro.parse(parsed)).not.toThrow();
  });

  it('answers NOT_FOUND for an unknown schema id', async () => {
    const e = await unaryError((cb) => raw.GetSchema({ schemaId: 'nope' }, authMetadata(t.sf, sync), cb));
    expect(e.code).toBe(status.NOT_FOUND);
  });

  it('does not publish: Publish answers UNIMPLEMENTED', async () => {
    const e = await unaryError((cb) => raw.Publish({ topicName: TOPIC, events: [] }, authMetadata(t.sf, sync), cb));
    expect(e.code).toBe(status.UNIMPLEMENTED);
  });
});

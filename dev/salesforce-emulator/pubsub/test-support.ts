/**
 * Shared setup of the Pub/Sub contract tests: an emulator serving the Pub/Sub API over TLS (the
 * client library only speaks TLS), an org with Task change events on, jsforce connections, and
 * subscriptions through salesforce-pubsub-api-client that record what they receive.
 */
import { credentials, loadPackageDefinition, Metadata, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { Connection } from 'jsforce';
import PubSubApiClient from 'salesforce-pubsub-api-client';
import { startSalesforceEmulator, type SalesforceEmulator } from '../index';
import { PUBSUB_PROTO_PATH } from './server';

export const TOPIC = '/data/TaskChangeEvent';
export const CLIENT_ID = 'pubsub-client';
const CLIENT_SECRET = 'pubsub-secret';
export const PASSWORD = 'pw-123456';
export const ALICE = 'alice@pubsub.test';
/** Has View All Data: may subscribe to Task change events. */
export const SYNC = 'sync@pubsub.test';

export interface PubSubOrg {
  sf: SalesforceEmulator;
  orgId: string;
  users: Record<string, string>;
}

export async function startPubSubOrg(opts: { tls?: boolean; edition?: 'Enterprise' | 'Developer' } = {}): Promise<PubSubOrg> {
  const sf = await startSalesforceEmulator({ pubsubTls: opts.tls ?? true, smtpPort: 0 });
  const seeded = await sf.control.seedOrg({
    name: 'Pub/Sub Org',
    edition: opts.edition,
    connectedApps: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
    users: [
      { username: ALICE, password: PASSWORD, email: ALICE, firstName: 'Alice', lastName: 'Able', emailToSalesforceAddress: 'alice.e2s@emulator.test' },
      { username: SYNC, password: PASSWORD, email: SYNC, lastName: 'Sync', viewAllData: true },
    ],
  });
  await sf.control.setChangeDataCapture(seeded.orgId, { entities: { Task: true } });
  return { sf, orgId: seeded.orgId, users: seeded.users };
}

export async function login(sf: SalesforceEmulator, username: string, opts: { version?: string; client?: string } = {}): Promise<Connection> {
  const conn = new Connection({
    oauth2: { loginUrl: sf.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    version: opts.version ?? '62.0',
    ...(opts.client ? { callOptions: { client: opts.client } } : {}),
  });
  await conn.login(username, PASSWORD);
  return conn;
}

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export interface ClientAuth {
  accessToken: string;
  /** The org id as `tenantid`; default: the token's org. */
  organizationId?: string;
}

/**
 * The client library in "user-supplied" mode with a jsforce session. It insists on an https
 * instance URL; the emulator does not compare `instanceurl`, so the scheme is swapped.
 */
export function pubSubClient(sf: SalesforceEmulator, auth: ClientAuth): PubSubApiClient {
  return new PubSubApiClient(
    {
      authType: 'user-supplied',
      accessToken: auth.accessToken,
      instanceUrl: sf.url.replace(/^http:/, 'https:'),
      organizationId: auth.organizationId ?? auth.accessToken.split('!')[0],
      pubSubEndpoint: sf.pubsub?.address,
      // The emulator's certificate is self-signed.
      rejectUnauthorizedSsl: false,
    },
    quiet,
  );
}

export interface ChangeEvent {
  id: string;
  schemaId: string;
  replayId: number;
  payload: { ChangeEventHeader: Record<string, unknown> & { changeType: string; recordIds: string[]; changedFields: string[]; nulledFields: string[] } } & Record<string, unknown>;
}

/** What one subscription received, in order, and a way to wait for more. */
export class Received {
  events: ChangeEvent[] = [];
  errors: ServiceError[] = [];
  lastEvents = 0;
  keepalives = 0;
  ended = false;
  private waiters: (() => void)[] = [];

  readonly callback = (_sub: unknown, type: string, data?: unknown): void => {
    if (type === 'event') this.events.push(data as ChangeEvent);
    else if (type === 'error') this.errors.push(data as ServiceError);
    else if (type === 'lastEvent') this.lastEvents += 1;
    else if (type === 'grpcKeepAlive') this.keepalives += 1;
    else if (type === 'end') this.ended = true;
    for (const w of this.waiters.splice(0)) w();
  };

  /** Resolves when `done()` holds; fails after `ms`. */
  async until(done: () => boolean, what: string, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}: ${this.events.length} events, ${this.errors.length} errors (${this.errors.map((e) => e.details).join('; ')})`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 100));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  eventsCount(n: number, ms?: number): Promise<void> {
    return this.until(() => this.events.length >= n, `${n} events`, ms);
  }

  firstError(ms?: number): Promise<ServiceError> {
    return this.until(() => this.errors.length > 0, 'an error', ms).then(() => this.errors[0] as ServiceError);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Salesforce's error code from an error's trailers. */
export const errorCode = (e: { metadata?: Metadata }): string | undefined => e.metadata?.get('error-code')[0]?.toString();

/** Waits until the emulator has the subscription open (the library sends its FetchRequest asynchronously). */
export async function streamOpen(sf: SalesforceEmulator, count = 1): Promise<void> {
  const deadline = Date.now() + 5000;
  while ((await sf.control.pubsubStreams()).length < count) {
    if (Date.now() > deadline) throw new Error('the subscription never opened');
    await sleep(20);
  }
}

// ------------------------------------------------------------------ raw gRPC, for what the library hides

export interface RawFetchResponse {
  events: { event: { id: string; schemaId: string; payload: Buffer }; replayId: Buffer }[];
  latestReplayId: Buffer;
  rpcId: string;
  pendingNumRequested: number;
}

interface RawStream {
  write(req: object): void;
  end(): void;
  cancel(): void;
  on(event: 'data', cb: (r: RawFetchResponse) => void): void;
  on(event: 'error', cb: (e: ServiceError) => void): void;
  on(event: 'end', cb: () => void): void;
}

type UnaryCallback = (e: ServiceError | null, r?: unknown) => void;

export interface RawPubSub {
  Subscribe(md: Metadata): RawStream;
  GetTopic(req: object, md: Metadata, cb: UnaryCallback): void;
  GetSchema(req: object, md: Metadata, cb: UnaryCallback): void;
  Publish(req: object, md: Metadata, cb: UnaryCallback): void;
  close(): void;
}

/** A bare gRPC client of Salesforce's proto (the same proto and loader options as the library). */
export function rawClient(sf: SalesforceEmulator): RawPubSub {
  const pkg = loadPackageDefinition(loadSync(PUBSUB_PROTO_PATH, {})) as unknown as {
    eventbus: { v1: { PubSub: new (address: string, creds: ReturnType<typeof credentials.createInsecure>) => RawPubSub } };
  };
  const creds = sf.pubsub?.tls ? credentials.createSsl(null, null, null, { rejectUnauthorized: false }) : credentials.createInsecure();
  return new pkg.eventbus.v1.PubSub(sf.pubsub?.address as string, creds);
}

export function authMetadata(sf: SalesforceEmulator, conn: Connection, orgId?: string): Metadata {
  const md = new Metadata();
  md.set('accesstoken', conn.accessToken ?? '');
  md.set('instanceurl', sf.url);
  md.set('tenantid', orgId ?? (conn.accessToken ?? '').split('!')[0] ?? '');
  return md;
}

export const replayIdBytes = (id: number | bigint): Buffer => {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(BigInt(id));
  return buf;
};

export const unary = <T>(run: (cb: UnaryCallback) => void): Promise<T> =>
  new Promise((resolve, reject) => run((e, r) => (e ? reject(e) : resolve(r as T))));

/** The error a unary call fails with (fails the test when it succeeds). */
export const unaryError = (run: (cb: UnaryCallback) => void): Promise<ServiceError> =>
  new Promise((resolve, reject) => run((e) => (e ? resolve(e) : reject(new Error('expected the call to fail, it succeeded')))));

/** Ends a library subscription as the tests leave it: an outage cuts it, then the client closes once it has heard so. */
export async function endSubscriptions(sf: SalesforceEmulator, client: PubSubApiClient, received: Received[]): Promise<void> {
  const before = received.map((r) => r.errors.length);
  await sf.control.pubsubOutage();
  await Promise.all(received.map((r, i) => r.until(() => r.ended || r.errors.length > (before[i] ?? 0), 'the cut')));
  client.close();
}

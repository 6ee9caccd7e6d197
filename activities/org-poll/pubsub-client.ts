import { credentials, loadPackageDefinition, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import avro from 'avro-js';
import { dirname, join } from 'node:path';
import type { PubSubConfig } from '../../config/salesforce';

/**
 * A Subscribe stream of Salesforce's Pub/Sub API (eventbus.v1.PubSub), over gRPC with the proto
 * that salesforce-pubsub-api-client ships. That library's client cannot end one subscription
 * (its close() drops the stream's listeners but leaves the stream open, so an error the server
 * sends later is unhandled and brings the process down): this one cancels its stream, asks for
 * events itself (at most 100 pending) and decodes the Avro payloads with the topic's schema.
 */

const protoPath = join(dirname(require.resolve('salesforce-pubsub-api-client')), '..', 'pubsub_api.proto');

/** The session the integration user's calls carry (the same as its REST session). */
export interface PubSubSession {
  accessToken: string;
  instanceUrl: string;
  orgId: string;
}

export interface ChangeEventHeader {
  entityName: string;
  recordIds: string[];
  changeType: string;
  changeOrigin: string;
  commitTimestamp: number;
  commitUser: string;
}

/** A decoded change event: its replay id, header and the record's owner when the event carries it. */
export interface ChangeEvent {
  replayId: bigint;
  header: ChangeEventHeader;
  ownerId: string | null;
}

/** Why a stream ended: Salesforce's gRPC status and `error-code` trailer, or `ended` when the server closed it cleanly. */
export interface StreamEnd {
  code: status | 'ended';
  errorCode: string | null;
  message: string;
}

export interface SubscribeHandlers {
  events(events: ChangeEvent[]): void;
  keepalive(): void;
  /** Called once, when the stream is over (never after cancel()). */
  end(reason: StreamEnd): void;
}

export interface Subscription {
  /** Ends the stream on our side; no handler is called after it. */
  cancel(): void;
}

interface RawEvent {
  event: { id: string; schemaId: string; payload: Buffer };
  replayId: Buffer;
}
interface RawFetchResponse {
  events: RawEvent[];
  latestReplayId: Buffer;
  pendingNumRequested: number;
}
interface RawStream {
  write(request: object): void;
  cancel(): void;
  on(event: 'data', listener: (response: RawFetchResponse) => void): void;
  on(event: 'error', listener: (error: ServiceError) => void): void;
  on(event: 'end', listener: () => void): void;
  removeAllListeners(): void;
}
type UnaryCallback<T> = (error: ServiceError | null, response?: T) => void;
interface RawPubSub {
  Subscribe(metadata: Metadata): RawStream;
  GetSchema(request: { schemaId: string }, metadata: Metadata, callback: UnaryCallback<{ schemaJson: string }>): void;
  close(): void;
}
type PubSubConstructor = new (address: string, creds: ReturnType<typeof credentials.createSsl>) => RawPubSub;

let constructor: PubSubConstructor | undefined;
const pubSubConstructor = (): PubSubConstructor => {
  constructor ??= (loadPackageDefinition(loadSync(protoPath, {})) as unknown as { eventbus: { v1: { PubSub: PubSubConstructor } } }).eventbus.v1.PubSub;
  return constructor;
};

/** Schemas by id: an id names one schema for good, so they are kept for the process. */
type AvroType = ReturnType<typeof avro.parse>;
const schemas = new Map<string, AvroType>();

export const encodeReplayId = (id: bigint): Buffer => {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(id);
  return buf;
};
const decodeReplayId = (buf: Buffer): bigint => (buf.length === 8 ? buf.readBigUInt64BE() : BigInt(`0x${buf.toString('hex') || '0'}`));

/** At most this many events are pending on a stream; each batch received is asked for again. */
const maxPending = 100;

export class PubSubChannel {
  private readonly client: RawPubSub;

  constructor(config: PubSubConfig) {
    // Production verifies the server's certificate against the system CAs; only the emulator's self-signed one is taken unchecked.
    this.client = new (pubSubConstructor())(config.endpoint, credentials.createSsl(null, null, null, { rejectUnauthorized: config.verifyTls }));
  }

  /** Subscribes to `topic` after `from` (a replay id), or from the next event committed (`latest`). */
  subscribe(session: PubSubSession, topic: string, from: bigint | 'latest', handlers: SubscribeHandlers): Subscription {
    const metadata = sessionMetadata(session);
    const stream = this.client.Subscribe(metadata);
    // Read through a function: it changes while a response is being decoded.
    let over = false;
    const isOver = () => over;
    const finish = (reason: StreamEnd) => {
      if (over) return;
      over = true;
      stream.removeAllListeners();
      // A late error of a stream we no longer listen to must not be unhandled.
      stream.on('error', () => undefined);
      handlers.end(reason);
    };
    // Responses are decoded one after another, in order, even when a schema must be fetched first.
    let decoding = Promise.resolve();
    stream.on('data', (response) => {
      decoding = decoding.then(async () => {
        if (over) return;
        if (response.events.length === 0) {
          handlers.keepalive();
          return;
        }
        const events: ChangeEvent[] = [];
        for (const raw of response.events) events.push(await this.decode(session, raw));
        if (isOver()) return;
        stream.write({ topicName: topic, numRequested: response.events.length });
        handlers.events(events);
      }).catch((error: unknown) => {
        stream.cancel();
        finish({ code: status.INTERNAL, errorCode: null, message: `A change event could not be read: ${String(error)}` });
      });
    });
    stream.on('error', (error) => {
      const errorCode = error.metadata.get('error-code')[0];
      void decoding.then(() => finish({ code: error.code, errorCode: errorCode === undefined ? null : errorCode.toString(), message: error.details || error.message }));
    });
    stream.on('end', () => {
      void decoding.then(() => finish({ code: 'ended', errorCode: null, message: 'The server ended the stream.' }));
    });
    stream.write(
      from === 'latest'
        ? { topicName: topic, replayPreset: 'LATEST', numRequested: maxPending }
        : { topicName: topic, replayPreset: 'CUSTOM', replayId: encodeReplayId(from), numRequested: maxPending },
    );
    return {
      cancel() {
        if (over) return;
        over = true;
        stream.removeAllListeners();
        stream.on('error', () => undefined);
        stream.cancel();
      },
    };
  }

  close(): void {
    this.client.close();
  }

  private async decode(session: PubSubSession, raw: RawEvent): Promise<ChangeEvent> {
    const type = schemas.get(raw.event.schemaId) ?? (await this.fetchSchema(session, raw.event.schemaId));
    const record = type.fromBuffer(raw.event.payload) as { ChangeEventHeader: Record<string, unknown>; OwnerId?: unknown };
    const h = record.ChangeEventHeader;
    return {
      replayId: decodeReplayId(raw.replayId),
      header: {
        entityName: String(h.entityName),
        recordIds: Array.isArray(h.recordIds) ? h.recordIds.map(String) : [],
        changeType: String(h.changeType),
        changeOrigin: typeof h.changeOrigin === 'string' ? h.changeOrigin : '',
        commitTimestamp: Number(h.commitTimestamp),
        commitUser: typeof h.commitUser === 'string' ? h.commitUser : '',
      },
      ownerId: unionString(record.OwnerId),
    };
  }

  private async fetchSchema(session: PubSubSession, schemaId: string): Promise<AvroType> {
    const answer = await new Promise<{ schemaJson: string }>((resolve, reject) => {
      this.client.GetSchema({ schemaId }, sessionMetadata(session), (error, response) => (error || !response ? reject(error ?? new Error('GetSchema answered nothing')) : resolve(response)));
    });
    const type = avro.parse(JSON.parse(answer.schemaJson));
    schemas.set(schemaId, type);
    return type;
  }
}

/** A nullable Avro string as avro-js reads a union: null, or `{ string: value }`. */
function unionString(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'string' in value && typeof value.string === 'string') return value.string;
  return null;
}

function sessionMetadata(session: PubSubSession): Metadata {
  const metadata = new Metadata();
  metadata.set('accesstoken', session.accessToken);
  metadata.set('instanceurl', session.instanceUrl);
  metadata.set('tenantid', session.orgId);
  return metadata;
}

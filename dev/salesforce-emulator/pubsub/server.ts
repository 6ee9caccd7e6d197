/**
 * The Pub/Sub API's gRPC server: `eventbus.v1.PubSub` from Salesforce's published
 * pubsub_api.proto (shipped by the salesforce-pubsub-api-client package), on its own port,
 * plaintext or TLS with a self-signed certificate made at start.
 */
import { dirname, join } from 'node:path';
import { Server, ServerCredentials, loadPackageDefinition, type ServiceDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { generate } from 'selfsigned';
import type { EmulatorState } from '../emulator-state';
import { pubSubService } from './service';

/** Salesforce's own proto file, as the client library ships it. */
export const PUBSUB_PROTO_PATH = join(dirname(require.resolve('salesforce-pubsub-api-client')), '..', 'pubsub_api.proto');

export function pubSubServiceDefinition(): ServiceDefinition {
  const pkg = loadPackageDefinition(loadSync(PUBSUB_PROTO_PATH, {})) as unknown as { eventbus: { v1: { PubSub: { service: ServiceDefinition } } } };
  return pkg.eventbus.v1.PubSub.service;
}

export interface PubSubServerOptions {
  port: number;
  host: string;
  /** Serve TLS with a self-signed certificate (the client library only speaks TLS). */
  tls: boolean;
}

export interface PubSubServer {
  /** `host:port` to give a gRPC client (or the client library's `pubSubEndpoint`). */
  address: string;
  tls: boolean;
  /** PEM of the self-signed certificate when `tls`. */
  certificate?: string;
  close(): Promise<void>;
}

async function selfSignedCredentials(host: string): Promise<{ credentials: ServerCredentials; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: host }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 365 * 86_400_000),
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          ...(host !== 'localhost' && host !== '127.0.0.1' ? [/^[\d.:]+$/.test(host) ? { type: 7 as const, ip: host } : { type: 2 as const, value: host }] : []),
        ],
      },
    ],
  });
  const credentials = ServerCredentials.createSsl(null, [{ private_key: Buffer.from(pems.private), cert_chain: Buffer.from(pems.cert) }], false);
  return { credentials, cert: pems.cert };
}

export async function startPubSubServer(state: EmulatorState, opts: PubSubServerOptions): Promise<PubSubServer> {
  const server = new Server();
  server.addService(pubSubServiceDefinition(), pubSubService(state));
  const secure = opts.tls ? await selfSignedCredentials(opts.host) : undefined;
  const hostPart = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${hostPart}:${opts.port}`, secure?.credentials ?? ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound)));
  });
  return {
    address: `${hostPart}:${port}`,
    tls: opts.tls,
    certificate: secure?.cert,
    close: () =>
      new Promise<void>((resolve) => {
        state.pubsub.outage();
        server.tryShutdown(() => resolve());
        // Streams still open after a moment are cut.
        setTimeout(() => server.forceShutdown(), 500).unref();
      }),
  };
}

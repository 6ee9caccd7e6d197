import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { defaultTaskQueue } from '../contract/ids';

/**
 * How to reach Temporal, from the environment. Local defaults suit `temporal server start-dev`;
 * a production cluster adds mTLS files, Temporal Cloud an API key.
 */
const temporalEnv = z.object({
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default(defaultTaskQueue),
  TEMPORAL_TLS_CERT: z.string().optional(),
  TEMPORAL_TLS_KEY: z.string().optional(),
  TEMPORAL_TLS_CA: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
});

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  tls?: {
    clientCertPair?: { crt: Buffer; key: Buffer };
    serverRootCACertificate?: Buffer;
    serverNameOverride?: string;
  };
  apiKey?: string;
}

export function temporalConfigFromEnv(env: NodeJS.ProcessEnv = process.env): TemporalConfig {
  const parsed = temporalEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Temporal configuration is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  if (Boolean(e.TEMPORAL_TLS_CERT) !== Boolean(e.TEMPORAL_TLS_KEY)) {
    throw new Error('Set both TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY (paths to the client certificate and its key), or neither.');
  }
  const wantsTls = Boolean(e.TEMPORAL_TLS_CERT || e.TEMPORAL_TLS_CA || e.TEMPORAL_API_KEY);
  return {
    address: e.TEMPORAL_ADDRESS,
    namespace: e.TEMPORAL_NAMESPACE,
    taskQueue: e.TEMPORAL_TASK_QUEUE,
    apiKey: e.TEMPORAL_API_KEY,
    tls: wantsTls
      ? {
          clientCertPair:
            e.TEMPORAL_TLS_CERT && e.TEMPORAL_TLS_KEY
              ? { crt: readFileSync(e.TEMPORAL_TLS_CERT), key: readFileSync(e.TEMPORAL_TLS_KEY) }
              : undefined,
          serverRootCACertificate: e.TEMPORAL_TLS_CA ? readFileSync(e.TEMPORAL_TLS_CA) : undefined,
          serverNameOverride: e.TEMPORAL_TLS_SERVER_NAME,
        }
      : undefined,
  };
}

/** Options shared by the client's Connection and the worker's NativeConnection. */
export function connectionOptions(config: TemporalConfig) {
  return { address: config.address, tls: config.tls, apiKey: config.apiKey };
}

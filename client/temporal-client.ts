import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { dataConverterFromEnv } from '../config/payload-codec-data-converter';
import { connectionOptions, type TemporalConfig } from '../config/temporal';

export interface TemporalClientOptions {
  /** Payload encryption; from the environment (TEMPORAL_CODEC_KEY) when omitted. */
  dataConverter?: DataConverter;
}

export async function connectTemporalClient(config: TemporalConfig, options: TemporalClientOptions = {}): Promise<Client> {
  const dataConverter = options.dataConverter ?? dataConverterFromEnv();
  const connection = await Connection.connect(connectionOptions(config));
  return new Client({ connection, namespace: config.namespace, dataConverter });
}

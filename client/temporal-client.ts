import { Client, Connection } from '@temporalio/client';
import { connectionOptions, type TemporalConfig } from '../config/temporal';

export async function connectTemporalClient(config: TemporalConfig): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(config));
  return new Client({ connection, namespace: config.namespace });
}

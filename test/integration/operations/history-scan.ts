import { Client, Connection } from '@temporalio/client';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { ENCRYPTED_ENCODING } from '../../../config/payload-codec';
import type { TemporalConfig } from '../../../config/temporal';
import { connectionOptions } from '../../../config/temporal';

/**
 * Reads workflow histories exactly as the Temporal server stores them, through a client that
 * has no codec, and turns them into text to search: every string, and every byte field
 * decoded as UTF-8 (payload data and metadata included).
 */
export type History = temporal.api.history.v1.IHistory;

export async function rawHistoryReader(config: TemporalConfig): Promise<{ read(workflowId: string): Promise<History>; close(): Promise<void> }> {
  const connection = await Connection.connect(connectionOptions(config));
  const client = new Client({ connection, namespace: config.namespace });
  return {
    read: (workflowId) => client.workflow.getHandle(workflowId).fetchHistory(),
    close: () => connection.close(),
  };
}

export function historyText(history: unknown): string {
  const parts: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') parts.push(value);
    else if (value instanceof Uint8Array) parts.push(Buffer.from(value).toString('utf8'));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') for (const [key, v] of Object.entries(value)) {
      parts.push(key);
      walk(v);
    }
  };
  walk(history);
  return parts.join('\n');
}

export interface FoundPayload {
  path: string;
  payload: Payload;
}

/** Every Payload in the history (anything with metadata.encoding), with where it sits. */
export function payloadsIn(history: unknown): FoundPayload[] {
  const found: FoundPayload[] = [];
  const walk = (value: unknown, path: string): void => {
    if (!value || typeof value !== 'object' || value instanceof Uint8Array) return;
    const maybe = value as { metadata?: Record<string, Uint8Array>; data?: Uint8Array };
    if (maybe.metadata && maybe.metadata.encoding instanceof Uint8Array) {
      found.push({ path, payload: maybe });
      return;
    }
    for (const [key, v] of Object.entries(value)) walk(v, `${path}.${key}`);
  };
  walk(history, '');
  return found;
}

export const encodingOf = (p: Payload): string => Buffer.from(p.metadata?.encoding ?? new Uint8Array()).toString('utf8');

/** Failures anywhere in the history (objects with a message and a failure-info or encoded attributes). */
export function failuresIn(history: unknown): Array<{ message?: string | null; stackTrace?: string | null; encodedAttributes?: Payload | null }> {
  const found: Array<{ message?: string | null; stackTrace?: string | null; encodedAttributes?: Payload | null }> = [];
  const walk = (value: unknown, key: string): void => {
    if (!value || typeof value !== 'object' || value instanceof Uint8Array) return;
    if (key === 'failure' || key === 'cause') found.push(value);
    for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(history, '');
  return found;
}

/** The same history with every encrypted payload opened: what an authorised operator sees. */
export async function decodedHistoryText(history: History, codec: PayloadCodec): Promise<string> {
  const copy = structuredClone(history) as unknown;
  const open = async (value: unknown): Promise<void> => {
    if (!value || typeof value !== 'object' || value instanceof Uint8Array) return;
    for (const [key, v] of Object.entries(value)) {
      const maybe = v as Payload | null;
      if (maybe && typeof maybe === 'object' && maybe.metadata?.encoding instanceof Uint8Array && encodingOf(maybe) === ENCRYPTED_ENCODING) {
        const [decoded] = await codec.decode([maybe]);
        (value as Record<string, unknown>)[key] = decoded;
      } else await open(v);
    }
  };
  await open(copy);
  return historyText(copy);
}

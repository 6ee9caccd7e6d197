import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encrypts every Temporal payload (workflow and activity inputs and results, signals, queries,
 * memos, failure messages and stack traces) with AES-256-GCM before it leaves this process, so
 * the Temporal server and its database never hold tokens, addresses or email contents in clear.
 *
 * The whole original payload (metadata included) is sealed; the sealed payload says only
 * `encoding: binary/encrypted` and which key sealed it. Keys rotate by id: encode with the
 * current key, decode with any known one. Payloads that are not encrypted (written before the
 * codec was on) pass through untouched.
 */

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
export const CODEC_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Only for local development and tests, never used unless a caller asks for it explicitly. */
const DEV_CODEC_KEY = Buffer.from('sia-salesforce-sync-codec-dev-01', 'utf8');

export class PayloadCodecError extends Error {
  override readonly name = 'PayloadCodecError';
}

export interface CodecKeyring {
  /** Id of the key new payloads are sealed with. */
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** A key's id is derived from the key, so an id can never be paired with the wrong key in configuration. */
export function codecKeyId(key: Buffer): string {
  return createHash('sha256').update('sia-temporal-codec-key-id\u0000').update(key).digest('hex').slice(0, 16);
}

export function codecKeyring(current: Buffer, previous: Buffer[] = []): CodecKeyring {
  const keys = new Map<string, Buffer>();
  for (const key of [current, ...previous]) {
    if (key.length !== CODEC_KEY_BYTES) throw new PayloadCodecError(`A payload codec key must be ${CODEC_KEY_BYTES} bytes, got ${key.length}.`);
    keys.set(codecKeyId(key), key);
  }
  return { currentKeyId: codecKeyId(current), keys };
}

const utf8 = (text: string) => new TextEncoder().encode(text);

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keyring: CodecKeyring) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.keyring.currentKeyId;
    const key = this.keyring.keys.get(keyId) as Buffer;
    return payloads.map((payload) => ({
      metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(keyId) },
      data: seal(temporal.api.common.v1.Payload.encode(payload).finish(), key, keyId),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
      const keyId = text(payload.metadata?.[KEY_ID_METADATA]);
      const key = keyId === undefined ? undefined : this.keyring.keys.get(keyId);
      if (!key || keyId === undefined) {
        throw new PayloadCodecError(
          `A payload is encrypted with key id "${keyId ?? '(none)'}", which this process does not have. Add that key to TEMPORAL_CODEC_PREVIOUS_KEYS (keys in use: ${[...this.keyring.keys.keys()].join(', ')}).`,
        );
      }
      if (!payload.data) throw new PayloadCodecError('An encrypted payload has no data.');
      return temporal.api.common.v1.Payload.decode(open(payload.data, key, keyId));
    });
  }
}

function text(bytes: Uint8Array | null | undefined): string | undefined {
  return bytes ? Buffer.from(bytes).toString('utf8') : undefined;
}

/** iv ‖ ciphertext ‖ tag; the key id is bound as associated data, so a relabelled payload fails to open. */
function seal(plain: Uint8Array, key: Buffer, keyId: string): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(keyId, 'utf8'));
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function open(sealed: Uint8Array, key: Buffer, keyId: string): Uint8Array {
  const bytes = Buffer.from(sealed);
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new PayloadCodecError('An encrypted payload is too short to be one of ours (truncated or altered).');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(keyId, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new PayloadCodecError(`An encrypted payload does not open with key ${keyId}: it was altered, or another key has the same id.`);
  }
}

export interface LoadCodecKeysOptions {
  env?: NodeJS.ProcessEnv;
  /** Use the fixed development key when TEMPORAL_CODEC_KEY is unset; by default only when SIA_DEV=1 (the local stack). */
  allowDevKey?: boolean;
}

/**
 * The keyring from env: TEMPORAL_CODEC_KEY (base64 of 32 bytes, e.g. `openssl rand -base64 32`)
 * seals new payloads; TEMPORAL_CODEC_PREVIOUS_KEYS (comma-separated, same form) still open old ones.
 */
export function loadCodecKeyring({ env = process.env, allowDevKey = env.SIA_DEV === '1' }: LoadCodecKeysOptions = {}): CodecKeyring {
  const encoded = env.TEMPORAL_CODEC_KEY?.trim();
  const previous = (env.TEMPORAL_CODEC_PREVIOUS_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k, i) => decodeKey(k, `TEMPORAL_CODEC_PREVIOUS_KEYS (entry ${i + 1})`));
  if (encoded) return codecKeyring(decodeKey(encoded, 'TEMPORAL_CODEC_KEY'), previous);
  if (allowDevKey) return codecKeyring(DEV_CODEC_KEY, previous);
  throw new PayloadCodecError('TEMPORAL_CODEC_KEY is not set: it must hold the base64 of 32 random bytes (openssl rand -base64 32), the same in every worker, API server and codec endpoint. For a local trial only, SIA_DEV=1 uses the fixed development key.');
}

function decodeKey(encoded: string, name: string): Buffer {
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== CODEC_KEY_BYTES) {
    throw new PayloadCodecError(`${name} must be the base64 of exactly ${CODEC_KEY_BYTES} bytes (it decodes to ${key.length}); make one with: openssl rand -base64 32`);
  }
  return key;
}

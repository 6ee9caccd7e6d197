import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Symmetric encryption for secrets at rest (Salesforce refresh tokens): AES-256-GCM.
 * Sealed form: `v1.<iv>.<tag>.<ciphertext>`, each part base64url, so it fits a text column
 * and a future key or algorithm can get its own version prefix.
 * `context` is bound as associated data (e.g. the user id): a sealed value copied to another
 * user's row fails to open instead of silently granting that user someone else's token.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_BYTES = 32;

/** Only for local development and tests, never accepted unless a caller asks for it explicitly. */
const DEV_KEY = Buffer.from('sia-salesforce-sync-dev-key-0001', 'utf8');

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

function checkKey(key: Buffer): void {
  if (key.length !== SECRET_KEY_BYTES) throw new SecretBoxError(`The secret key must be ${SECRET_KEY_BYTES} bytes, got ${key.length}.`);
}

export function seal(plain: string, key: Buffer, context = ''): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** Throws SecretBoxError when the value was sealed with another key or context, or was altered. */
export function open(sealed: string, key: Buffer, context = ''): string {
  checkKey(key);
  const [version, iv, tag, ciphertext, ...rest] = sealed.split('.');
  if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined || rest.length > 0) {
    throw new SecretBoxError('Not a sealed secret (unknown format).');
  }
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new SecretBoxError('Not a sealed secret (bad iv or tag).');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, ivBytes);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretBoxError('The secret cannot be opened with this key (wrong key, or the value was altered).');
  }
}

export interface LoadSecretKeyOptions {
  env?: NodeJS.ProcessEnv;
  /** Use the fixed development key when SIA_SECRET_KEY is unset; by default only when SIA_DEV=1 (the local stack). */
  allowDevKey?: boolean;
}

/** The key from env SIA_SECRET_KEY (base64 of 32 bytes, e.g. `openssl rand -base64 32`). */
export function loadSecretKey({ env = process.env, allowDevKey = env.SIA_DEV === '1' }: LoadSecretKeyOptions = {}): Buffer {
  const encoded = env.SIA_SECRET_KEY?.trim();
  if (encoded) {
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== SECRET_KEY_BYTES) {
      throw new SecretBoxError(`SIA_SECRET_KEY must be the base64 of exactly ${SECRET_KEY_BYTES} bytes (it decodes to ${key.length}); make one with: openssl rand -base64 32`);
    }
    return key;
  }
  if (allowDevKey) return DEV_KEY;
  throw new SecretBoxError('SIA_SECRET_KEY is not set: it must hold the base64 of 32 random bytes (openssl rand -base64 32), the same in every worker and API server. For a local trial only, SIA_DEV=1 uses the fixed development key.');
}

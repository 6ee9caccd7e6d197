import type { Payload } from '@temporalio/common';
import { randomBytes } from 'node:crypto';
import { codecKeyId, codecKeyring, EncryptionCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA, loadCodecKeyring, PayloadCodecError } from './payload-codec';

const enc = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null | undefined) => Buffer.from(b ?? new Uint8Array()).toString('utf8');
const plain = (data: string): Payload => ({ metadata: { encoding: enc('json/plain'), custom: enc('kept') }, data: enc(data) });

describe('EncryptionCodec', () => {
  const key = randomBytes(32);
  const codec = new EncryptionCodec(codecKeyring(key));

  it('seals payloads (metadata included) and opens them again', async () => {
    const [sealed] = await codec.encode([plain('{"address":"ann@acme.test"}')]);
    expect(text(sealed?.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed?.metadata?.[KEY_ID_METADATA])).toBe(codecKeyId(key));
    expect(Object.keys(sealed?.metadata ?? {}).sort()).toEqual([KEY_ID_METADATA, 'encoding'].sort());
    expect(text(sealed?.data)).not.toContain('ann@acme.test');
    const [opened] = await codec.decode([sealed as Payload]);
    expect(text(opened?.data)).toBe('{"address":"ann@acme.test"}');
    expect(text(opened?.metadata?.custom)).toBe('kept');
  });

  it('uses a fresh IV each time, and handles empty lists and empty data', async () => {
    const [a, b] = await codec.encode([plain('same'), plain('same')]);
    expect(Buffer.from(a?.data ?? []).equals(Buffer.from(b?.data ?? []))).toBe(false);
    expect(await codec.encode([])).toEqual([]);
    const [opened] = await codec.decode(await codec.encode([{ metadata: { encoding: enc('binary/null') } }]));
    expect(text(opened?.metadata?.encoding)).toBe('binary/null');
  });

  it('passes payloads written before encryption through untouched', async () => {
    const old = plain('"written before"');
    expect(await codec.decode([old])).toEqual([old]);
  });

  it('opens payloads sealed with a previous key after rotation, and seals with the current one', async () => {
    const [old] = await codec.encode([plain('"old"')]);
    const next = randomBytes(32);
    const rotated = new EncryptionCodec(codecKeyring(next, [key]));
    expect(text((await rotated.decode([old as Payload]))[0]?.data)).toBe('"old"');
    const [fresh] = await rotated.encode([plain('"new"')]);
    expect(text(fresh?.metadata?.[KEY_ID_METADATA])).toBe(codecKeyId(next));
    await expect(codec.decode([fresh as Payload])).rejects.toThrow(/key id ".+", which this process does not have\. Add that key to TEMPORAL_CODEC_PREVIOUS_KEYS/);
  });

  it('refuses an altered payload or one relabelled with another key id', async () => {
    const [sealed] = await codec.encode([plain('"x"')]);
    const data = Buffer.from(sealed?.data ?? []);
    data[20] = (data[20] ?? 0) ^ 1;
    await expect(codec.decode([{ ...sealed, data }])).rejects.toThrow(PayloadCodecError);
    const other = randomBytes(32);
    const both = new EncryptionCodec(codecKeyring(key, [other]));
    const relabelled = { ...sealed, metadata: { ...sealed?.metadata, [KEY_ID_METADATA]: enc(codecKeyId(other)) } };
    await expect(both.decode([relabelled])).rejects.toThrow(/does not open with key/);
  });
});

describe('loadCodecKeyring', () => {
  const b64 = (k: Buffer) => k.toString('base64');

  it('reads the current key and the previous ones from the environment', () => {
    const [current, old1, old2] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const ring = loadCodecKeyring({ env: { TEMPORAL_CODEC_KEY: b64(current), TEMPORAL_CODEC_PREVIOUS_KEYS: ` ${b64(old1)}, ${b64(old2)} ` } });
    expect(ring.currentKeyId).toBe(codecKeyId(current));
    expect([...ring.keys.keys()].sort()).toEqual([current, old1, old2].map(codecKeyId).sort());
  });

  it('refuses to run without a key unless the development key is explicitly allowed', () => {
    expect(() => loadCodecKeyring({ env: {} })).toThrow(/TEMPORAL_CODEC_KEY is not set.*openssl rand -base64 32/);
    expect(loadCodecKeyring({ env: {}, allowDevKey: true }).keys.size).toBe(1);
    expect(loadCodecKeyring({ env: { SIA_DEV: '1' } }).currentKeyId).toBe(loadCodecKeyring({ env: {}, allowDevKey: true }).currentKeyId);
    expect(() => loadCodecKeyring({ env: { SIA_DEV: '0' } })).toThrow(/SIA_DEV=1/);
  });

  it('names the variable and the fix for a key of the wrong length', () => {
    expect(() => loadCodecKeyring({ env: { TEMPORAL_CODEC_KEY: b64(randomBytes(16)) } })).toThrow(/TEMPORAL_CODEC_KEY must be the base64 of exactly 32 bytes \(it decodes to 16\)/);
    expect(() => loadCodecKeyring({ env: { TEMPORAL_CODEC_KEY: b64(randomBytes(32)), TEMPORAL_CODEC_PREVIOUS_KEYS: 'short' } })).toThrow(/TEMPORAL_CODEC_PREVIOUS_KEYS \(entry 1\)/);
  });
});

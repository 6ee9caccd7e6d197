import { randomBytes } from 'node:crypto';
import { loadSecretKey, open, seal, SecretBoxError } from './secret-box';

describe('secret box', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and each seal differs', () => {
    const token = '5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrBW9IgYa3jF1.Ko3b6I0kQGbJ3FKWx';
    const a = seal(token, key, 'user-1');
    const b = seal(token, key, 'user-1');
    expect(a).not.toBe(b);
    expect(a).not.toContain(token);
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(open(a, key, 'user-1')).toBe(token);
    expect(open(seal('', key), key)).toBe('');
  });

  it('refuses another key, another context, or an altered value', () => {
    const sealed = seal('refresh-token', key, 'user-1');
    expect(() => open(sealed, randomBytes(32), 'user-1')).toThrow(SecretBoxError);
    expect(() => open(sealed, key, 'user-2')).toThrow(SecretBoxError);
    const parts = sealed.split('.');
    const ciphertext = Buffer.from(parts[3]!, 'base64url');
    ciphertext[0] = ciphertext[0]! ^ 1;
    const altered = [...parts.slice(0, 3), ciphertext.toString('base64url')].join('.');
    expect(() => open(altered, key, 'user-1')).toThrow(SecretBoxError);
    expect(() => open('plain-token', key)).toThrow(/unknown format/);
    expect(() => seal('x', randomBytes(16))).toThrow(/32 bytes/);
  });

  it('loads the key from SIA_SECRET_KEY, and the dev key only when asked', () => {
    const encoded = key.toString('base64');
    expect(loadSecretKey({ env: { SIA_SECRET_KEY: encoded } }).equals(key)).toBe(true);
    expect(() => loadSecretKey({ env: {} })).toThrow(/SIA_SECRET_KEY is not set/);
    expect(() => loadSecretKey({ env: { SIA_SECRET_KEY: randomBytes(16).toString('base64') } })).toThrow(/exactly 32 bytes/);
    expect(loadSecretKey({ env: {}, allowDevKey: true })).toHaveLength(32);
    // The local stack (SIA_DEV=1) gets the same dev key in every process that reads the environment.
    expect(loadSecretKey({ env: { SIA_DEV: '1' } }).equals(loadSecretKey({ env: {}, allowDevKey: true }))).toBe(true);
    expect(() => loadSecretKey({ env: { SIA_DEV: '0' } })).toThrow(/SIA_DEV=1/);
    // A real key wins over the dev key.
    expect(loadSecretKey({ env: { SIA_SECRET_KEY: encoded }, allowDevKey: true }).equals(key)).toBe(true);
  });
});

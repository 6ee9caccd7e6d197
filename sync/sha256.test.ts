import { createHash } from 'node:crypto';
import { sha256Hex, utf8Bytes } from './sha256';

describe('sha256Hex', () => {
  test.each([
    ['empty', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['two blocks (FIPS 180-2 example)', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('%s', (_label, text, digest) => {
    expect(sha256Hex(text)).toBe(digest);
  });

  // Lengths around the padding boundaries (55/56/63/64 bytes) and multi-byte text.
  test.each([
    ['55 bytes', 'a'.repeat(55)],
    ['56 bytes', 'a'.repeat(56)],
    ['63 bytes', 'a'.repeat(63)],
    ['64 bytes', 'a'.repeat(64)],
    ['65 bytes', 'a'.repeat(65)],
    ['1,000 bytes', 'x'.repeat(1000)],
    ['accents', 'Müller, Ñandú'],
    ['CJK', '東京の会議'],
    ['emoji', 'ok 😀👍🏽'],
    ['lone surrogate', 'a\ud800b'],
  ])('%s matches node:crypto', (_label, text) => {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});

describe('utf8Bytes', () => {
  test.each(['', 'abc', 'é', '€', '😀', 'a\udc00', '\ud800'])('%p matches TextEncoder', (text) => {
    expect(Array.from(utf8Bytes(text))).toEqual(Array.from(new TextEncoder().encode(text)));
  });
});

import { createHash } from 'node:crypto';
import { emailKey, normalizeMessageId, type EmailKeyFallback } from './email-key';

describe('normalizeMessageId', () => {
  test.each([
    ['<abc123@mail.example.com>', 'abc123@mail.example.com'],
    ['abc123@mail.example.com', 'abc123@mail.example.com'],
    ['  <abc123@Mail.Example.COM>  ', 'abc123@mail.example.com'],
    ['<ABC123@mail.example.com>', 'ABC123@mail.example.com'],
    ['<abc\r\n 123@mail.example.com>', 'abc123@mail.example.com'],
    ['<first@a.example> <second@b.example>', 'first@a.example'],
    ['(comment) <id@host>', 'id@host'],
    ['<no-at-sign>', 'no-at-sign'],
    ['<a@b@Host.Example>', 'a@b@host.example'],
    ['<>', null],
    ['   ', null],
    ['', null],
    [null, null],
  ])('%p → %p', (raw, expected) => {
    expect(normalizeMessageId(raw)).toBe(expected);
  });
});

describe('emailKey', () => {
  const fallback: EmailKeyFallback = {
    date: '2024-01-15T10:30:00.000Z',
    from: 'Me@SIA.example',
    recipients: ['ann@acme.com', 'Bob@acme.com'],
    subject: 'Pricing',
    bodyDigest: 'ab'.repeat(32),
  };

  test('same Message-ID in different spellings → same key', () => {
    const a = emailKey({ userId: 'u1', messageId: '<abc@Mail.Example.com>' });
    const b = emailKey({ userId: 'u1', messageId: 'abc@mail.example.com' });
    expect(a).toEqual(b);
    expect(a.source).toBe('message-id');
    expect(a.key).toMatch(/^[0-9a-f]{32}$/);
  });

  test.each<[string, Parameters<typeof emailKey>[0], Parameters<typeof emailKey>[0]]>([
    ['different users', { userId: 'u1', messageId: '<abc@host>' }, { userId: 'u2', messageId: '<abc@host>' }],
    ['local part case matters', { userId: 'u1', messageId: '<ABC@host>' }, { userId: 'u1', messageId: '<abc@host>' }],
    ['separator inside the user id cannot shift parts', { userId: 'u1","message-id', messageId: '<x@h>' }, { userId: 'u1', messageId: '<message-id","x@h>' }],
    ['message-id vs fallback never collide', { userId: 'u1', messageId: '<x@h>' }, { userId: 'u1', fallback }],
    ['fallback: different body', { userId: 'u1', fallback }, { userId: 'u1', fallback: { ...fallback, bodyDigest: 'cd'.repeat(32) } }],
    ['fallback: different second', { userId: 'u1', fallback }, { userId: 'u1', fallback: { ...fallback, date: '2024-01-15T10:30:01Z' } }],
    ['fallback: different subject', { userId: 'u1', fallback }, { userId: 'u1', fallback: { ...fallback, subject: 'Pricing 2' } }],
  ])('different keys: %s', (_label, a, b) => {
    expect(emailKey(a).key).not.toBe(emailKey(b).key);
  });

  test.each<[string, Partial<EmailKeyFallback>]>([
    ['recipients reordered, cased, repeated', { recipients: ['bob@acme.com', 'ANN@acme.com', 'ann@acme.com'] }],
    ['date in another zone, with milliseconds', { date: '2024-01-15T11:30:00.900+01:00' }],
    ['subject whitespace', { subject: '  Pricing ' }],
    ['from with brackets and case', { from: '<me@sia.example>' }],
    ['digest in upper case', { bodyDigest: 'AB'.repeat(32) }],
  ])('same fallback key: %s', (_label, change) => {
    expect(emailKey({ userId: 'u1', fallback: { ...fallback, ...change } })).toEqual(emailKey({ userId: 'u1', fallback }));
  });

  test('an empty Message-ID falls back', () => {
    expect(emailKey({ userId: 'u1', messageId: '<>', fallback }).source).toBe('fallback');
  });

  test.each<[string, Parameters<typeof emailKey>[0]]>([
    ['no Message-ID and no fallback', { userId: 'u1', messageId: null }],
    ['empty user', { userId: '', messageId: '<x@h>' }],
    ['bad date', { userId: 'u1', fallback: { ...fallback, date: 'Mon, 15 Jan 2024 10:30:00 +0000' } }],
    ['bad digest', { userId: 'u1', fallback: { ...fallback, bodyDigest: 'not hex' } }],
  ])('refuses %s', (_label, input) => {
    expect(() => emailKey(input)).toThrow(RangeError);
  });

  test('the key scheme: SHA-256 of the versioned parts, first 128 bits (a change here re-keys every email)', () => {
    const expected = createHash('sha256').update(JSON.stringify(['sia-email-key/1', 'u1', 'message-id', 'abc@host'])).digest('hex').slice(0, 32);
    expect(emailKey({ userId: 'u1', messageId: '<abc@HOST>' }).key).toBe(expected);
    expect(expected).toBe('c1e0b4c77a0d95ab988b91d693b41411');
  });
});

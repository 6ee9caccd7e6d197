import { getEmail, getEmailByKey, getEmailRaw, insertEmailIfAbsent, setEmailStatus } from '../../../store/emails';
import { dialects, newUser, useStore } from './store-fixtures';

const mime = (subject: string) =>
  Buffer.concat([
    Buffer.from(`Message-ID: <abc@sia.example>\r\nSubject: ${subject}\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0d, 0x0a]),
  ]);

describe.each(dialects)('emails on %s', (_dialect, database) => {
  const store = useStore(database);

  it('stores an email once per key and returns the stored one to a repeat', async () => {
    const { db } = store();
    const user = await newUser(db);
    const raw = mime('Pricing');
    const t0 = new Date('2025-03-10T09:00:00Z');
    const first = await insertEmailIfAbsent(db, user.id, { messageKey: 'k1', messageIdHeader: '<abc@sia.example>', direction: 'sent', raw }, t0);
    expect(first).toMatchObject({ created: true, email: { userId: user.id, messageKey: 'k1', messageIdHeader: '<abc@sia.example>', direction: 'sent', size: raw.length, status: 'pending', statusDetail: null, createdAt: t0.toISOString() } });
    const second = await insertEmailIfAbsent(db, user.id, { messageKey: 'k1', direction: 'sent', raw: mime('Other') }, new Date('2025-03-10T09:01:00Z'));
    expect(second).toEqual({ created: false, email: first.email });
    expect(await db.selectFrom('emails').select('id').where('user_id', '=', user.id).execute()).toHaveLength(1);
    expect((await getEmailRaw(db, first.email.id))?.equals(raw)).toBe(true);

    // Another user may have the same key.
    const other = await newUser(db);
    expect((await insertEmailIfAbsent(db, other.id, { messageKey: 'k1', direction: 'reply', raw })).created).toBe(true);
  });

  it('keeps the raw message byte for byte, NUL included, while texts bound to SQL are cleaned', async () => {
    const { db } = store();
    const user = await newUser(db);
    const raw = Buffer.concat([mime('Pricing'), Buffer.from([0x00, 0x00, 0x07])]);
    const { email } = await insertEmailIfAbsent(db, user.id, { messageKey: 'k-nul', messageIdHeader: '<a\u0000b@sia.example>', direction: 'sent', raw });
    expect((await getEmailRaw(db, email.id))?.equals(raw)).toBe(true);
    expect(email.messageIdHeader).toBe('<ab@sia.example>');
    await setEmailStatus(db, email.id, 'failed', { summary: 'Not logged:\u0000 refused' });
    expect((await getEmail(db, email.id))?.statusDetail).toEqual({ summary: 'Not logged: refused' });
  });

  it('stores concurrent duplicates once', async () => {
    const { db } = store();
    const user = await newUser(db);
    const results = await Promise.all(Array.from({ length: 10 }, () => insertEmailIfAbsent(db, user.id, { messageKey: 'same', direction: 'sent', raw: mime('x') })));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.email.id)).size).toBe(1);
  });

  it('moves through statuses with a detail', async () => {
    const { db } = store();
    const user = await newUser(db);
    const { email } = await insertEmailIfAbsent(db, user.id, { messageKey: 'k2', direction: 'reply', raw: mime('Re: Pricing') });
    const detail = { sfTaskIds: ['00T1', '00T2'], whoIds: ['003A'] };
    expect(await setEmailStatus(db, email.id, 'logged', detail, new Date('2025-03-10T10:00:00Z'))).toBe(true);
    expect(await getEmail(db, email.id)).toMatchObject({ status: 'logged', statusDetail: detail, updatedAt: '2025-03-10T10:00:00.000Z' });
    expect(await getEmailByKey(db, user.id, 'k2')).toMatchObject({ id: email.id, status: 'logged' });
    expect(await setEmailStatus(db, 'missing', 'failed')).toBe(false);
    await expect(setEmailStatus(db, email.id, 'sent' as never)).rejects.toThrow(/Unknown email status/);
    expect(await getEmail(db, 'missing')).toBeUndefined();
    expect(await getEmailRaw(db, 'missing')).toBeUndefined();
  });
});

import { parseEmail } from './parse-email';

const message = (headers: string, body: Buffer) => Buffer.concat([Buffer.from(headers.replace(/\n/g, '\r\n') + '\r\n\r\n'), body]);

describe('parseEmail', () => {
  it('cleans NUL and other control characters out of every text, keeping tab and line breaks', async () => {
    const raw = message(
      'From: "Ann\x01 Lee" <ann@acme.test>\nTo: bob@client.test\nSubject: Pricing\x00 for Q3\x07\nMessage-ID: <m1\x00@acme.test>\nContent-Type: text/plain; charset=utf-8',
      Buffer.from('Hello Bob,\x00\r\n\tthe offer\x1b stands.\r\n'),
    );
    const parsed = await parseEmail(raw);
    expect(parsed.subject).toBe('Pricing for Q3');
    expect(parsed.text).toBe('Hello Bob,\n\tthe offer stands.\n');
    expect(parsed.from).toEqual({ address: 'ann@acme.test', name: 'Ann Lee' });
    expect(parsed.messageId).toBe('<m1@acme.test>');
  });

  it('keeps ordinary text as written', async () => {
    const parsed = await parseEmail(message('From: ann@acme.test\nTo: bob@client.test\nSubject: Año nuevo 😀\nContent-Type: text/plain; charset=utf-8', Buffer.from('Ñandú\r\n')));
    expect(parsed.subject).toBe('Año nuevo 😀');
    expect(parsed.text).toBe('Ñandú\n');
    expect(parsed.hasHeaders).toBe(true);
    expect(parsed.html).toBeNull();
  });

  it('keeps the HTML part as sent, beside the text part', async () => {
    const body = [
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hi Bob',
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Hi <b>Bob</b></p>',
      '--b1--',
      '',
    ].join('\r\n');
    const parsed = await parseEmail(message('From: ann@acme.test\nTo: bob@client.test\nSubject: Hi\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="b1"', Buffer.from(body)));
    expect(parsed.text.trim()).toBe('Hi Bob');
    expect(parsed.html?.trim()).toBe('<p>Hi <b>Bob</b></p>');
  });
});

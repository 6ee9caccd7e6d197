import { emailMessageRecord, joinAddresses, missingRelations, planRelations, type EmailMessageInput } from './email-message';

const base: EmailMessageInput = {
  subject: 'Proposal',
  from: { address: 'rita@sia-sales.test', name: 'Rita Rep' },
  to: [{ address: 'ann@acme.test' }, { address: 'ben@acme.test' }],
  cc: [{ address: 'lee@leads.test' }],
  text: 'Hi Ann',
  html: '<p>Hi Ann</p>',
  messageId: '<m1@mail.sia-sales.test>',
  sentAt: '2026-03-10T22:30:00.000Z',
  handedOverAt: '2026-03-11T08:00:00.000Z',
  received: false,
  relatedToId: null,
};

describe('emailMessageRecord', () => {
  it('a sent email: Sent, not incoming, the own subject, addresses joined by "; ", the Message-ID', () => {
    expect(emailMessageRecord(base)).toEqual({
      record: {
        Subject: 'Proposal',
        Status: '3',
        Incoming: false,
        MessageDate: '2026-03-10T22:30:00.000Z',
        FromAddress: 'rita@sia-sales.test',
        FromName: 'Rita Rep',
        ToAddress: 'ann@acme.test; ben@acme.test',
        CcAddress: 'lee@leads.test',
        TextBody: 'Hi Ann',
        HtmlBody: '<p>Hi Ann</p>',
        MessageIdentifier: '<m1@mail.sia-sales.test>',
      },
      cut: [],
    });
  });

  it('a received reply: Incoming and Read; no Date header takes the hand-over time; empty parts are null; the opportunity is RelatedToId', () => {
    const { record } = emailMessageRecord({ ...base, received: true, sentAt: null, cc: [], html: null, subject: '', messageId: null, relatedToId: '006000000000001AAA' });
    expect(record).toMatchObject({ Status: '1', Incoming: true, MessageDate: '2026-03-11T08:00:00.000Z', CcAddress: null, HtmlBody: null, Subject: null, MessageIdentifier: null, RelatedToId: '006000000000001AAA' });
  });

  it('cuts the text body at 32,000 and the HTML at 131,072 without splitting a character, and says so', () => {
    const text = `${'a'.repeat(31_999)}😀 and more`;
    const { record, cut } = emailMessageRecord({ ...base, text, html: 'h'.repeat(131_073), subject: 's'.repeat(3001) });
    expect(record.TextBody).toBe('a'.repeat(31_999));
    expect((record.HtmlBody as string).length).toBe(131_072);
    expect((record.Subject as string).length).toBe(3000);
    expect(cut.sort()).toEqual(['HtmlBody', 'Subject', 'TextBody']);
  });
});

describe('joinAddresses', () => {
  it('leaves out whole addresses past the limit, never half of one', () => {
    expect(joinAddresses(['a@x.test', 'b@x.test', 'c@x.test'], 18)).toEqual({ text: 'a@x.test; b@x.test', cut: true });
    expect(joinAddresses(['a@x.test', 'b@x.test'], 18)).toEqual({ text: 'a@x.test; b@x.test', cut: false });
    expect(joinAddresses([], 4000)).toEqual({ text: null, cut: false });
  });
});

describe('planRelations', () => {
  const user = { id: '005000000000001AAA', address: 'rita@sia-sales.test' };

  it('a sent email: To as ToAddress, Cc as CcAddress, each record once, then the user as FromAddress', () => {
    const planned = planRelations({
      to: base.to,
      cc: base.cc,
      received: false,
      matches: [
        { address: 'ann@acme.test', whoIds: ['003000000000001AAA'] },
        { address: 'lee@leads.test', whoIds: ['00Q000000000001AAA', '003000000000001AAA'] },
      ],
      user,
    });
    expect(planned).toEqual([
      { relationId: '003000000000001AAA', relationAddress: 'ann@acme.test', relationType: 'ToAddress' },
      { relationId: '00Q000000000001AAA', relationAddress: 'lee@leads.test', relationType: 'CcAddress' },
      { relationId: user.id, relationAddress: user.address, relationType: 'FromAddress' },
    ]);
  });

  it('a received reply: the sender as FromAddress, Cc as CcAddress, the user not related', () => {
    const planned = planRelations({
      to: [{ address: 'Ann@Acme.test' }],
      cc: [{ address: 'pat@both.test' }],
      received: true,
      matches: [
        { address: 'ann@acme.test', whoIds: ['003000000000001AAA'] },
        { address: 'pat@both.test', whoIds: ['003000000000002AAA', '00Q000000000002AAA'] },
      ],
      user,
    });
    expect(planned.map((p) => [p.relationId, p.relationType])).toEqual([
      ['003000000000001AAA', 'FromAddress'],
      ['003000000000002AAA', 'CcAddress'],
      ['00Q000000000002AAA', 'CcAddress'],
    ]);
  });
});

describe('missingRelations', () => {
  it('keeps what the message lacks, comparing ids on 15 characters and the type', () => {
    const planned = [
      { relationId: '003000000000001AAA', relationAddress: 'ann@acme.test', relationType: 'ToAddress' as const },
      { relationId: '00Q000000000001AAA', relationAddress: 'lee@leads.test', relationType: 'CcAddress' as const },
    ];
    expect(missingRelations(planned, [{ RelationId: '003000000000001', RelationType: 'ToAddress' }, { RelationId: '00Q000000000001AAA', RelationType: 'ToAddress' }])).toEqual([planned[1]]);
  });
});

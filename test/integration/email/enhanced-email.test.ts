import { expect } from '@jest/globals';
import type { EmailStatusDetail } from '../../../contract/email';
import { onSalesforceChange } from '../../../sync/reconcile';
import type { SfTask } from '../../../sync/salesforce-mapping';
import { rep, sentEmail, startEmailTestEnv, tag, type EmailTestEnv } from './email-env';

/** Log as: Email (Enhanced Email): an EmailMessage and its relations instead of Tasks. */

let env: EmailTestEnv;
beforeAll(async () => {
  env = await startEmailTestEnv();
});
afterAll(async () => {
  await env?.stop();
});

const asEmail = (rules: Record<string, unknown> = {}) => ({ mode: 'api' as const, linkOpenOpportunities: false, logAs: 'email' as const, ...rules });
const detailOf = (email: { statusDetail: unknown }) => email.statusDetail as EmailStatusDetail;
type Row = Record<string, unknown>;

/** The org's EmailMessages (any creator) whose Subject contains `text`, and each one's relations. */
async function messages(text: string): Promise<Array<Row & { relations: Row[] }>> {
  const all = await env.sf.control.records(env.orgId, 'EmailMessage');
  const relations = await env.sf.control.records(env.orgId, 'EmailMessageRelation');
  return all
    .filter((m) => typeof m.Subject === 'string' && m.Subject.includes(text))
    .map((m) => ({ ...m, relations: relations.filter((r) => r.EmailMessageId === m.Id) }));
}
const relationsOf = (m: { relations: Row[] }) => m.relations.map((r) => `${r.RelationType as string} ${r.RelationId as string} ${r.RelationAddress as string}`).sort();

describe('logging as a Salesforce email', () => {
  it('writes a sent email as an EmailMessage with its own subject and a relation per person; Salesforce makes the Task, which the task sync leaves alone', async () => {
    const userId = await env.newUser(asEmail({ linkOpenOpportunities: true, noMatch: 'do_not_log' }));
    const k = tag();
    const { outcome, email } = await env.log(
      userId,
      sentEmail(k, { to: 'Ann Archer <ann@acme.test>', cc: 'ben@acme.test, Lee <lee@leads.test>, nobody@newco.test', body: 'Hi Ann,\r\n\r\nNumbers inside.' }),
    );
    expect(outcome).toMatchObject({ status: 'logged', via: 'api', loggedAs: 'email', summary: 'Logged as a Salesforce email on 3 records; 1 recipient without a matching Contact or Lead' });

    const [message, ...more] = await messages(k);
    expect(more).toEqual([]);
    const { ann, ben, lee, dealOpen } = env.records;
    const me = env.sfUsers[rep.username] as string;
    expect(message).toMatchObject({
      Subject: `Proposal ${k}`,
      Status: '3',
      Incoming: false,
      // 23:30 at +01:00.
      MessageDate: '2026-03-10T22:30:00.000+0000',
      FromAddress: rep.username,
      FromName: 'Rita Rep',
      ToAddress: 'ann@acme.test',
      CcAddress: 'ben@acme.test; lee@leads.test; nobody@newco.test',
      HtmlBody: null,
      MessageIdentifier: `<${k}@mail.sia-sales.test>`,
      // Ann's open deal: the opportunity rule, once.
      RelatedToId: dealOpen,
      CreatedById: me,
    });
    expect(String(message?.TextBody).replace(/\r\n/g, '\n')).toBe('Hi Ann,\n\nNumbers inside.');
    expect(relationsOf(message as { relations: Row[] })).toEqual(
      [`ToAddress ${ann} ann@acme.test`, `CcAddress ${ben} ben@acme.test`, `CcAddress ${lee} lee@leads.test`, `FromAddress ${me} ${rep.username}`].sort(),
    );

    // No Task of ours: the one Task is Salesforce's, linked by ActivityId.
    const [activity, ...otherTasks] = await env.tasks(k);
    expect(otherTasks).toEqual([]);
    expect(activity).toMatchObject({ Id: message?.ActivityId, TaskSubtype: 'Email', IsClosed: true, WhoId: ann, WhatId: dealOpen, OwnerId: me });
    expect(onSalesforceChange({ record: activity as unknown as SfTask, link: null, sia: null, phase: { kind: 'continuous' } })).toEqual({ kind: 'ignore', reason: 'activity-log' });

    expect(email.status).toBe('logged');
    expect(detailOf(email)).toMatchObject({ via: 'api', loggedAs: 'email', unmatched: ['nobody@newco.test'], refusals: [] });
    expect(detailOf(email).tasks).toBeUndefined();
    expect(detailOf(email).emailMessage).toEqual({
      id: message?.Id,
      relatedToId: dealOpen,
      relations: expect.arrayContaining(message?.relations.map((r) => ({ id: r.Id, relationId: r.RelationId, relationType: r.RelationType })) ?? []),
    });
    expect(detailOf(email).emailMessage?.relations).toHaveLength(4);
  });

  it('writes a received reply as Incoming, related to its sender as From and to the Cc recipients', async () => {
    const userId = await env.newUser(asEmail({ logReplies: true }));
    const k = tag();
    const { outcome, email } = await env.log(
      userId,
      sentEmail(k, { from: 'ann@acme.test', fromName: 'Ann Archer', to: rep.username, cc: `lee@leads.test, ${rep.username}`, subject: `RE: Proposal ${k}`, headers: `In-Reply-To: <${k}-q@mail.sia-sales.test>` }),
    );
    expect(outcome).toMatchObject({ status: 'logged', loggedAs: 'email' });
    const [message, ...more] = await messages(k);
    expect(more).toEqual([]);
    expect(message).toMatchObject({ Subject: `RE: Proposal ${k}`, Incoming: true, Status: '1', FromAddress: 'ann@acme.test', FromName: 'Ann Archer', ToAddress: rep.username, CcAddress: `lee@leads.test; ${rep.username}` });
    const { ann, lee } = env.records;
    expect(relationsOf(message as { relations: Row[] })).toEqual([`CcAddress ${lee} lee@leads.test`, `FromAddress ${ann} ann@acme.test`]);
    expect(detailOf(email)).toMatchObject({ reply: true, received: true, loggedAs: 'email' });
    expect(await env.tasks(k)).toEqual([expect.objectContaining({ Id: message?.ActivityId, TaskSubtype: 'Email', WhoId: ann })]);
  });
});

describe('exactly once', () => {
  it('writes one EmailMessage and each relation once when the answers to both creates are lost', async () => {
    const userId = await env.newUser(asEmail());
    const k = tag();
    // The first attempt's message create and the retry's relations create both go through unanswered.
    const fault = await env.sf.control.addFault({ kind: 'lostAnswer', path: 'composite/sobjects$', method: 'POST', times: 2, userId: env.sfUsers[rep.username] });
    try {
      const { outcome, email } = await env.log(userId, sentEmail(k, { cc: 'ben@acme.test' }));
      expect((await env.sf.control.faults()).faults.find((f) => f.id === fault)?.fired ?? 2).toBe(2);
      expect(outcome).toMatchObject({ status: 'logged', loggedAs: 'email' });
      const all = await messages(k);
      expect(all).toHaveLength(1);
      const { ann, ben } = env.records;
      const me = env.sfUsers[rep.username] as string;
      expect(relationsOf(all[0] as { relations: Row[] })).toEqual([`CcAddress ${ben} ben@acme.test`, `FromAddress ${me} ${rep.username}`, `ToAddress ${ann} ann@acme.test`]);
      expect(await env.tasks(k)).toHaveLength(1);
      expect(detailOf(email).emailMessage?.relations.map((r) => r.id).sort()).toEqual(all[0]?.relations.map((r) => r.Id).sort());
    } finally {
      await env.sf.control.removeFault(fault).catch(() => undefined);
    }
  });

  it('finds a message without Message-ID again by its subject, among those written since logging began', async () => {
    const userId = await env.newUser(asEmail());
    const k = tag();
    const raw = Buffer.from(sentEmail(k).toString().replace(/Message-ID: [^\r]*\r\n/, ''));
    const fault = await env.sf.control.addFault({ kind: 'lostAnswer', path: 'composite/sobjects$', method: 'POST', times: 2, userId: env.sfUsers[rep.username] });
    try {
      const { outcome } = await env.log(userId, raw);
      expect((await env.sf.control.faults()).faults.find((f) => f.id === fault)?.fired ?? 2).toBe(2);
      expect(outcome).toMatchObject({ status: 'logged', loggedAs: 'email' });
      const all = await messages(k);
      expect(all.map((m) => [m.MessageIdentifier, m.relations.length])).toEqual([[null, 2]]);
    } finally {
      await env.sf.control.removeFault(fault).catch(() => undefined);
    }
  });

  it('an email logged twice (handed over again) stays one EmailMessage', async () => {
    const userId = await env.newUser(asEmail());
    const k = tag();
    const raw = sentEmail(k);
    await env.log(userId, raw);
    const again = await env.handOver(userId, Buffer.from(raw));
    expect(again.outcome).toBe('already-done');
    expect(await messages(k)).toHaveLength(1);
  });
});

describe('an org without Enhanced Email', () => {
  it('logs the email as a Task instead, and its status says why and what to do', async () => {
    const userId = await env.newUser(asEmail());
    const k = tag();
    await env.sf.control.updateOrg(env.orgId, { enhancedEmail: false });
    try {
      const { outcome, email } = await env.log(userId, sentEmail(k));
      expect(outcome).toMatchObject({ status: 'logged', loggedAs: 'task', tasks: 1 });
      expect(outcome.summary).toBe('Logged on 1 Salesforce task, not as an email: Enhanced Email is off');
      expect(await env.tasks(k)).toEqual([expect.objectContaining({ Subject: `Email: Proposal ${k}`, TaskSubtype: 'Email', WhoId: env.records.ann })]);
      expect(detailOf(email)).toMatchObject({ loggedAs: 'task', note: { code: 'ENHANCED_EMAIL_OFF', fix: expect.stringContaining('Setup → Enhanced Email') } });
      expect(detailOf(email).problem).toBeUndefined();
    } finally {
      await env.sf.control.updateOrg(env.orgId, { enhancedEmail: true });
    }
    expect(await messages(k)).toEqual([]);
  });
});

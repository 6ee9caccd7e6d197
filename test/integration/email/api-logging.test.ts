import { expect } from '@jest/globals';
import type { EmailStatusDetail } from '../../../contract/email';
import { apiCallsInLast24h, getApiLimitInfo, getEmail, getEmailRaw, getUser, listOpenSyncErrors, setEmailSubjectTemplate } from '../../../store';
import { emailLogStatusQuery } from '../../../workflows/email-log';
import { eventually } from '../../support/temporal';
import { setOwnAddresses } from '../../../store';
import { noApiRep, rep, sentEmail, startEmailTestEnv, tag, type EmailTestEnv } from './email-env';

let env: EmailTestEnv;
beforeAll(async () => {
  env = await startEmailTestEnv();
});
afterAll(async () => {
  await env?.stop();
});

const api = (rules: Record<string, unknown> = {}) => ({ mode: 'api' as const, linkOpenOpportunities: false, ...rules });
const detailOf = (email: { statusDetail: unknown }) => email.statusDetail as EmailStatusDetail;
const pairs = (tasks: Array<Record<string, unknown>>) => tasks.map((t) => `${t.WhoId as string}|${(t.WhatId as string | null) ?? '-'}`).sort();

describe('logging through the Salesforce API', () => {
  it('logs a sent email as a completed Email task on the matched contact, with the template subject, the body and the sent date', async () => {
    const userId = await env.newUser(api());
    const k = tag();
    const { outcome, email } = await env.log(userId, sentEmail(k, { body: 'Hi Ann,\r\n\r\nNumbers inside.' }));

    expect(outcome).toMatchObject({ status: 'logged', via: 'api', tasks: 1 });
    const [task, ...more] = await env.tasks(k);
    expect(more).toEqual([]);
    expect(task).toMatchObject({
      Subject: `Email: Proposal ${k}`,
      Type: 'Email',
      TaskSubtype: 'Email',
      Status: 'Completed',
      IsClosed: true,
      WhoId: env.records.ann,
      WhatId: null,
      OwnerId: env.sfUsers['rep@sia-sales.test'],
      // 23:30 at +01:00 is 22:30 UTC on the 10th: the UTC calendar day, no other zone applied.
      ActivityDate: '2026-03-10',
    });
    expect(String(task?.Description).replace(/\r\n/g, '\n')).toBe('Hi Ann,\n\nNumbers inside.');
    expect(email.status).toBe('logged');
    expect(detailOf(email)).toMatchObject({ via: 'api', reply: false, tasks: [{ id: task?.Id, whoId: env.records.ann, whatId: null }], unmatched: [], refusals: [] });
  });

  it('logs on contacts only, or leads only, as chosen', async () => {
    const contactsOnly = await env.newUser(api({ logToLeads: false }));
    const k1 = tag();
    await env.log(contactsOnly, sentEmail(k1, { to: 'pat@both.test, lee@leads.test' }));
    expect(pairs(await env.tasks(k1))).toEqual([`${env.records.patContact}|-`]);

    const leadsOnly = await env.newUser(api({ logToContacts: false }));
    const k2 = tag();
    const { email } = await env.log(leadsOnly, sentEmail(k2, { to: 'pat@both.test, lee@leads.test, ann@acme.test' }));
    expect(pairs(await env.tasks(k2))).toEqual([`${env.records.lee}|-`, `${env.records.patLead}|-`].sort());
    expect(detailOf(email).unmatched).toEqual(['ann@acme.test']);
  });

  it.each([
    ['all', ['dupOld', 'dupMid', 'dupNew']],
    ['oldest', ['dupOld']],
    ['most_recent_activity', ['dupMid']],
  ] as const)('with several matches for one address, logs on %s', async (rule, expected) => {
    const userId = await env.newUser(api({ multipleMatches: rule }));
    const k = tag();
    // Sent before Mid's latest activity, so the tasks these tests log never change which is the most recent.
    await env.log(userId, sentEmail(k, { to: 'dup@multi.test', date: 'Thu, 15 Jan 2026 10:00:00 +0000' }));
    expect(pairs(await env.tasks(k))).toEqual(expected.map((name) => `${env.records[name]}|-`).sort());
  });

  it('with no match, does not log (do_not_log) and says why', async () => {
    const userId = await env.newUser(api({ noMatch: 'do_not_log' }));
    const k = tag();
    const { outcome, email } = await env.log(userId, sentEmail(k, { to: 'someone@newco-industries.test, conv@leads.test' }));
    expect(outcome).toMatchObject({ status: 'skipped', problem: { code: 'NO_MATCHING_RECORD' } });
    expect(await env.tasks(k)).toEqual([]);
    expect(email.status).toBe('skipped');
    expect(detailOf(email)).toMatchObject({ unmatched: ['someone@newco-industries.test', 'conv@leads.test'], problem: { code: 'NO_MATCHING_RECORD', fix: expect.stringContaining('Create a lead') } });
  });

  it('with no match, creates a lead and logs on it (create_lead)', async () => {
    const userId = await env.newUser(api({ noMatch: 'create_lead' }));
    const k = tag();
    const { email } = await env.log(userId, sentEmail(k, { to: `"Dana Diaz" <dana.${k}@newco-industries.test>` }));
    const leads = (await env.sf.control.records(env.orgId, 'Lead')).filter((l) => l.Email === `dana.${k}@newco-industries.test`);
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ FirstName: 'Dana', LastName: 'Diaz', Company: 'Newco Industries' });
    expect(pairs(await env.tasks(k))).toEqual([`${leads[0]?.Id as string}|-`]);
    expect(detailOf(email).leadsCreated).toEqual([{ id: leads[0]?.Id, email: `dana.${k}@newco-industries.test` }]);
  });

  it('links open opportunities where a matched contact has a role, once per opportunity, never closed ones', async () => {
    const userId = await env.newUser(api({ linkOpenOpportunities: true }));
    const k = tag();
    await env.log(userId, sentEmail(k, { to: 'ann@acme.test', cc: 'ben@acme.test, lee@leads.test' }));
    const { ann, ben, lee, dealOpen, dealOpen2 } = env.records;
    // Ann: the open deal (not the closed one); Ben: the open deal is already logged through Ann, so only his second one.
    expect(pairs(await env.tasks(k))).toEqual([`${ann}|${dealOpen}`, `${ben}|${dealOpen2}`, `${lee}|-`].sort());
  });

  it('uses the admin subject template', async () => {
    await setEmailSubjectTemplate(env.store.db, '[SIA] {{activity_type}} - {{activity_subject}} {{sales_campaign_name}}');
    try {
      const userId = await env.newUser(api());
      const k = tag();
      await env.log(userId, sentEmail(k));
      expect((await env.tasks(k)).map((t) => t.Subject)).toEqual([`[SIA] Email - Proposal ${k}`]);
    } finally {
      await env.store.db.deleteFrom('admin_settings').execute();
    }
  });
});

describe('awkward text', () => {
  it('logs a message with NUL and other control bytes clean, while the stored message keeps its bytes', async () => {
    const userId = await env.newUser(api());
    const k = tag();
    const raw = sentEmail(k, { subject: `Proposal\u0000 ${k}\u0007`, body: 'Hi Ann,\u0000\r\n\tprices\u001b inside.\u0008' });
    expect(raw.includes(0x00)).toBe(true);
    const { outcome, handOver } = await env.log(userId, raw);
    expect(outcome).toMatchObject({ status: 'logged', tasks: 1 });
    const [task] = await env.tasks(k);
    expect(task?.Subject).toBe(`Email: Proposal ${k}`);
    expect(String(task?.Description).replace(/\r\n/g, '\n')).toBe('Hi Ann,\n\tprices inside.');
    expect((await getEmailRaw(env.store.db, handOver.emailId))?.equals(raw)).toBe(true);
  });
});

describe('replies', () => {
  it('logs a reply as "Reply: <subject>" with type Reply when Log Replies is on (told by In-Reply-To)', async () => {
    const userId = await env.newUser(api({ logReplies: true }));
    const k = tag();
    const { handOver, outcome } = await env.log(userId, sentEmail(k, { subject: `RE: Pricing ${k}`, headers: 'In-Reply-To: <question@acme.test>' }));
    expect(handOver.email.direction).toBe('reply');
    expect(outcome.status).toBe('logged');
    expect(await env.tasks(k)).toEqual([expect.objectContaining({ Subject: `Reply: Pricing ${k}`, Type: 'Reply', WhoId: env.records.ann })]);
  });

  it('logs a reply told by the caller, without In-Reply-To', async () => {
    const userId = await env.newUser(api());
    const k = tag();
    await env.log(userId, sentEmail(k, { subject: `Pricing ${k}` }), 'reply');
    expect((await env.tasks(k)).map((t) => [t.Subject, t.Type])).toEqual([[`Reply: Pricing ${k}`, 'Reply']]);
  });

  it('logs a reply the user received on its sender and the Cc recipients, as "Reply: <subject>" (told by the From address)', async () => {
    const userId = await env.newUser(api({ logReplies: true }));
    const k = tag();
    const { outcome, email } = await env.log(
      userId,
      sentEmail(k, { from: 'ann@acme.test', to: rep.username, cc: `pat@both.test, ${rep.username}`, subject: `RE: Proposal ${k}`, headers: `In-Reply-To: <${k}-q@mail.sia-sales.test>` }),
    );
    // pat@both.test is a Contact and a Lead: both are logged on (multiple matches: all).
    expect(outcome).toMatchObject({ status: 'logged', via: 'api', tasks: 3 });
    expect(pairs(await env.tasks(k))).toEqual([`${env.records.ann}|-`, `${env.records.patContact}|-`, `${env.records.patLead}|-`].sort());
    expect(new Set((await env.tasks(k)).map((t) => `${t.Subject as string}|${t.Type as string}|${t.OwnerId as string}`))).toEqual(new Set([`Reply: Proposal ${k}|Reply|${env.sfUsers[rep.username]}`]));
    expect(detailOf(email)).toMatchObject({ reply: true, received: true });
  });

  it('does not log a received reply when Log Replies is off, nor a received email that answers nothing', async () => {
    const userId = await env.newUser(api({ logReplies: false }));
    const k1 = tag();
    const off = await env.log(userId, sentEmail(k1, { from: 'ann@acme.test', to: rep.username, subject: `Re: Proposal ${k1}`, headers: `References: <${k1}-q@mail.sia-sales.test>` }));
    expect(off.outcome).toMatchObject({ status: 'skipped', problem: { code: 'REPLY_NOT_LOGGED' } });

    const withReplies = await env.newUser(api({ logReplies: true }));
    const k2 = tag();
    const cold = await env.log(withReplies, sentEmail(k2, { from: 'ann@acme.test', to: rep.username, subject: `Question ${k2}` }));
    expect(cold.outcome).toMatchObject({ status: 'skipped', problem: { code: 'RECEIVED_NOT_A_REPLY' } });
    expect([...(await env.tasks(k1)), ...(await env.tasks(k2))]).toEqual([]);
  });

  it('counts an address the user saved as their own: an email from it is sent, logged on its To', async () => {
    const userId = await env.newUser(api());
    await setOwnAddresses(env.store.db, userId, ['rita.alias@sia-sales.test']);
    const k = tag();
    const { outcome } = await env.log(userId, sentEmail(k, { from: 'rita.alias@sia-sales.test', to: 'Ann Archer <ann@acme.test>' }));
    expect(outcome).toMatchObject({ status: 'logged', tasks: 1 });
    expect(pairs(await env.tasks(k))).toEqual([`${env.records.ann}|-`]);
    expect((await env.tasks(k))[0]?.Type).toBe('Email');
  });

  it('takes the caller\'s word that the user received a reply', async () => {
    const userId = await env.newUser(api({ logReplies: true }));
    const k = tag();
    // Without In-Reply-To or References it would not count as a reply: the caller knows it is one the user received.
    const { handOver, outcome } = await env.log(userId, sentEmail(k, { from: 'ann@acme.test', to: rep.username, subject: `Proposal ${k}` }), 'received');
    expect(handOver.email).toMatchObject({ direction: 'reply', received: true });
    expect(outcome).toMatchObject({ status: 'logged', tasks: 1 });
    expect(pairs(await env.tasks(k))).toEqual([`${env.records.ann}|-`]);
  });

  it('skips replies when Log Replies is off', async () => {
    const userId = await env.newUser(api({ logReplies: false }));
    const k = tag();
    const { outcome, email } = await env.log(userId, sentEmail(k, { subject: `Re: Pricing ${k}`, headers: `References: <question@acme.test>` }));
    expect(outcome).toMatchObject({ status: 'skipped', problem: { code: 'REPLY_NOT_LOGGED' } });
    expect(email).toMatchObject({ status: 'skipped', statusDetail: { problem: { code: 'REPLY_NOT_LOGGED', title: 'Replies are not logged' } } });
    expect(await env.tasks(k)).toEqual([]);
  });
});

describe('exactly once', () => {
  it('logs an email handed over twice (and twice at once) only once, and the repeat answers with the status', async () => {
    const userId = await env.newUser(api());
    const k = tag();
    const raw = sentEmail(k);
    const first = await env.log(userId, raw);
    const again = await env.handOver(userId, Buffer.from(raw));
    expect(again).toMatchObject({ outcome: 'already-done', emailId: first.handOver.emailId, workflowId: first.handOver.workflowId, message: expect.stringMatching(/^Already logged: Logged on 1 Salesforce task/) });

    const k2 = tag();
    const raw2 = sentEmail(k2);
    const both = await Promise.all([env.handOver(userId, raw2), env.handOver(userId, raw2)]);
    expect(both.map((r) => r.outcome).sort()).toEqual(expect.arrayContaining(['started']));
    expect(both.filter((r) => r.outcome === 'started')).toHaveLength(1);
    await env.t.client.workflow.getHandle(both[0].workflowId).result();
    expect(await env.tasks(k)).toHaveLength(1);
    expect(await env.tasks(k2)).toHaveLength(1);
  });

  it('logs exactly once when the answer to the Task create is lost', async () => {
    const userId = await env.newUser(api({ linkOpenOpportunities: true }));
    const k = tag();
    const fault = await env.sf.control.addFault({ kind: 'lostAnswer', path: 'composite/sobjects$', method: 'POST', times: 1, userId: env.sfUsers['rep@sia-sales.test'] });
    try {
      const { outcome, email } = await env.log(userId, sentEmail(k, { cc: 'ben@acme.test' }));
      const faults = await env.sf.control.faults();
      expect(faults.faults.find((f) => f.id === fault)?.fired ?? 1).toBe(1);
      const tasks = await env.tasks(k);
      const { ann, ben, dealOpen, dealOpen2 } = env.records;
      expect(pairs(tasks)).toEqual([`${ann}|${dealOpen}`, `${ben}|${dealOpen2}`].sort());
      expect(outcome).toMatchObject({ status: 'logged', tasks: 2 });
      expect(detailOf(email).tasks?.map((t) => t.id).sort()).toEqual(tasks.map((t) => t.Id).sort());
    } finally {
      await env.sf.control.removeFault(fault).catch(() => undefined);
    }
  });
});

describe('Salesforce without API access', () => {
  it('says plainly that the edition needs the API when the org has none', async () => {
    const userId = await env.newUser(api());
    await env.sf.control.updateOrg(env.orgId, { apiEnabled: false });
    try {
      const k = tag();
      const { outcome, email } = await env.log(userId, sentEmail(k));
      expect(outcome).toMatchObject({ status: 'failed', problem: { code: 'API_DISABLED_FOR_ORG', title: 'Salesforce API not available' } });
      expect(detailOf(email).problem?.explanation).toMatch(/edition does not include API access.*Enterprise\/Unlimited, or Professional with the Web Services API add-on/);
      expect(email.status).toBe('failed');
    } finally {
      await env.sf.control.updateOrg(env.orgId, { apiEnabled: true });
    }
  });

  it('says the same for a user without the API Enabled permission', async () => {
    const userId = await env.newUser(api(), noApiRep);
    const { outcome, email } = await env.log(userId, sentEmail(tag(), { from: noApiRep }));
    expect(outcome).toMatchObject({ status: 'failed', problem: { code: 'API_CURRENTLY_DISABLED', title: 'Salesforce API not available' } });
    expect(detailOf(email).problem?.fix).toMatch(/API Enabled/);
  });

  it('shows on the user\'s Salesforce status until a call goes through again', async () => {
    const userId = await env.newUser(api(), noApiRep);
    await env.log(userId, sentEmail(tag(), { from: noApiRep }));
    expect((await getUser(env.store.db, userId))?.salesforce.status).toBe('api_disabled');
    expect((await listOpenSyncErrors(env.store.db, userId)).map((g) => g.code)).toEqual(['API_CURRENTLY_DISABLED']);

    await env.sf.control.updateUser(env.orgId, env.sfUsers[noApiRep] as string, { apiEnabled: true });
    try {
      const { outcome } = await env.log(userId, sentEmail(tag(), { from: noApiRep }));
      // The queries went through; the rep's contacts are not shared with this user.
      expect(outcome).toMatchObject({ status: 'skipped', problem: { code: 'NO_MATCHING_RECORD' } });
      expect((await getUser(env.store.db, userId))?.salesforce.status).toBe('connected');
      expect(await listOpenSyncErrors(env.store.db, userId)).toEqual([]);
    } finally {
      await env.sf.control.updateUser(env.orgId, env.sfUsers[noApiRep] as string, { apiEnabled: false });
    }
  });
});

describe('the org\'s daily API allowance', () => {
  it('adds the calls of each logging to the user\'s tally, with the org\'s latest usage', async () => {
    const userId = await env.newUser(api());
    await env.sf.control.clearCalls();
    await env.log(userId, sentEmail(tag()));
    const counted = (await env.sf.control.calls()).calls.filter((c) => c.counted).length;
    expect(counted).toBeGreaterThan(0);
    expect(await apiCallsInLast24h(env.store.db, { userId })).toBe(counted);
    const usage = await env.sf.control.apiUsage(env.orgId);
    expect(await getApiLimitInfo(env.store.db, env.orgId)).toMatchObject({ used: usage.used, limit: usage.limit });
  });

  it('when spent, the email waits for it instead of failing', async () => {
    const userId = await env.newUser(api());
    await env.sf.control.exhaustApiLimit(env.orgId);
    try {
      const { workflowId, emailId } = await env.handOver(userId, sentEmail(tag()));
      const handle = env.t.client.workflow.getHandle(workflowId);
      const status = await eventually(() => handle.query(emailLogStatusQuery), (s) => s.stage !== 'reading' && s.stage !== 'logging');
      expect(status).toMatchObject({ stage: 'waiting-for-api-allowance', via: 'api', outcome: null });
      expect((await getEmail(env.store.db, emailId))?.status).toBe('pending');
      // Its next try is an hour away: the test ends it.
      await handle.terminate('test over');
    } finally {
      await env.sf.control.setApiUsage(env.orgId, 0);
    }
  });
});

import { expect } from '@jest/globals';
import type { EmailStatusDetail } from '../../../contract/email';
import { setOwnAddresses } from '../../../store';
import { rep, sentEmail, startEmailTestEnv, tag, type EmailTestEnv } from './email-env';

let env: EmailTestEnv;
beforeAll(async () => {
  env = await startEmailTestEnv();
});
afterAll(async () => {
  await env?.stop();
});

const detailOf = (email: { statusDetail: unknown }) => email.statusDetail as EmailStatusDetail;
const steps = [
  'My Settings → Email → My Email to Salesforce',
  '“Email to Salesforce Address”',
  '“My Acceptable Email Addresses”',
  'Setup → Email Administration → Email to Salesforce → Edit → tick Active → Save',
];

describe('logging by BCC to Email to Salesforce', () => {
  it('relays the message as sent, and Salesforce logs it on the matching contact and her open opportunity', async () => {
    const userId = await env.newUser({ mode: 'bcc', address: rep.e2s });
    const k = tag();
    const { outcome, email } = await env.log(userId, sentEmail(k, { body: `Hello Ann,\r\n\r\nDetails for ${k}.` }));

    expect(outcome).toMatchObject({ status: 'logged', via: 'bcc' });
    expect(email.status).toBe('logged');
    expect(detailOf(email)).toMatchObject({ via: 'bcc', relayedTo: rep.e2s, smtpReply: expect.stringMatching(/^250 /) });
    const tasks = await env.tasks(k);
    expect(tasks).toEqual([
      expect.objectContaining({ Subject: `Email: Proposal ${k}`, WhoId: env.records.ann, WhatId: env.records.dealOpen, OwnerId: env.sfUsers[rep.username], Status: 'Completed', ActivityDate: '2026-03-10' }),
    ]);
    expect(String(tasks[0]?.Description)).toContain(`Details for ${k}.`);
  });

  it('relays replies too (Log Replies belongs to API logging)', async () => {
    const userId = await env.newUser({ mode: 'bcc', address: rep.e2s });
    const k = tag();
    const { outcome } = await env.log(userId, sentEmail(k, { subject: `Re: Terms ${k}`, headers: 'In-Reply-To: <terms@acme.test>' }));
    expect(outcome.status).toBe('logged');
    expect((await env.tasks(k)).map((t) => t.Subject)).toEqual([`Email: Re: Terms ${k}`]);
  });

  it('tells the user exactly how to find the address when none is saved', async () => {
    const userId = await env.newUser({ mode: 'off' });
    // Settings saved before the address became required: BCC without an address.
    await env.store.db.updateTable('sync_settings').set({ settings_json: JSON.stringify({ emailLogging: { mode: 'bcc' }, taskSync: { mode: 'do_not_sync' } }) }).where('user_id', '=', userId).execute();
    const { outcome, email } = await env.log(userId, sentEmail(tag()));
    expect(outcome).toMatchObject({ status: 'failed', problem: { code: 'EMAIL_TO_SALESFORCE_ADDRESS_MISSING', title: 'Email to Salesforce address missing' } });
    expect(email.status).toBe('failed');
    for (const step of steps) expect(detailOf(email).problem?.fix).toContain(step);
  });

  it('shows the server’s refusal and the steps when Salesforce does not know the address', async () => {
    const userId = await env.newUser({ mode: 'bcc', address: 'emailtosalesforce@nobody.le.salesforce.com' });
    const { outcome, email } = await env.log(userId, sentEmail(tag()));
    expect(outcome).toMatchObject({ status: 'failed', problem: { code: 'EMAIL_TO_SALESFORCE_ADDRESS_REFUSED', message: expect.stringContaining('550 5.1.1') } });
    for (const step of steps) expect(detailOf(email).problem?.fix).toContain(step);
  });

  it('says so when Email to Salesforce is switched off for the org', async () => {
    const userId = await env.newUser({ mode: 'bcc', address: rep.e2s });
    await env.sf.control.updateOrg(env.orgId, { emailToSalesforce: { active: false, multipleMatch: 'all' } });
    try {
      const k = tag();
      const { outcome } = await env.log(userId, sentEmail(k));
      expect(outcome).toMatchObject({ status: 'failed', problem: { code: 'EMAIL_TO_SALESFORCE_ADDRESS_REFUSED', fix: expect.stringContaining('tick Active') } });
      expect(await env.tasks(k)).toEqual([]);
    } finally {
      await env.sf.control.updateOrg(env.orgId, { emailToSalesforce: { active: true, multipleMatch: 'all' } });
    }
  });

  it('explains My Acceptable Email Addresses when the sending address is not one of them', async () => {
    const userId = await env.newUser({ mode: 'bcc', address: rep.e2s });
    // The user sends from an address of theirs that Salesforce does not accept.
    await setOwnAddresses(env.store.db, userId, ['rita.private@mail.example']);
    const { outcome } = await env.log(userId, sentEmail(tag(), { from: 'rita.private@mail.example' }));
    expect(outcome).toMatchObject({ status: 'failed', problem: { code: 'SENDER_NOT_ACCEPTABLE', message: expect.stringContaining('550 5.7.1'), fix: expect.stringContaining('My Acceptable Email Addresses') } });
  });

  it('never relays a reply the user received: Salesforce would log it as sent by them', async () => {
    const userId = await env.newUser({ mode: 'bcc', address: rep.e2s });
    const k = tag();
    const { outcome, email } = await env.log(userId, sentEmail(k, { from: 'ann@acme.test', to: rep.username, subject: `Re: Proposal ${k}`, headers: `In-Reply-To: <${k}-q@mail.sia-sales.test>` }));
    expect(outcome).toMatchObject({ status: 'skipped', problem: { code: 'RECEIVED_NOT_RELAYED', fix: expect.stringContaining('Log Replies') } });
    expect(email).toMatchObject({ status: 'skipped', statusDetail: { problem: { code: 'RECEIVED_NOT_RELAYED' } } });
    expect(await env.tasks(k)).toEqual([]);
  });

  it('skips with a reason when email logging is off', async () => {
    const userId = await env.newUser({ mode: 'off' });
    const { outcome, email } = await env.log(userId, sentEmail(tag()));
    expect(outcome).toMatchObject({ status: 'skipped', summary: 'Not logged: email logging is off' });
    expect(email).toMatchObject({ status: 'skipped', statusDetail: { summary: 'Not logged: email logging is off', problem: { code: 'EMAIL_LOGGING_OFF' } } });
  });
});

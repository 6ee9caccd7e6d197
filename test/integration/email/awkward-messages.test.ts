import { expect } from '@jest/globals';
import { EmailHandOverError, maxEmailBytes } from '../../../client/email-handover';
import { fixture, sentEmail, startEmailTestEnv, tag, type EmailTestEnv } from './email-env';

let env: EmailTestEnv;
let userId: string;
beforeAll(async () => {
  env = await startEmailTestEnv();
  userId = await env.newUser({ mode: 'api', linkOpenOpportunities: false });
});
afterAll(async () => {
  await env?.stop();
});

/** Each fixture is logged on Ann once (or not at all), with a clear status either way. */
const corpus: Array<[file: string, status: string, expected: { subject?: string; description?: RegExp | null; code?: string }]> = [
  ['latin1-8bit.eml', 'logged', { subject: 'Email: Propuesta para el equipo', description: /le envío la propuesta: café, señal y año fiscal\./ }],
  ['windows-1252-qp.eml', 'logged', { subject: 'Email: Pricing', description: /The “Growth” plan is € 1\.200 per year – billed yearly\./ }],
  ['shift-jis.eml', 'logged', { subject: 'Email: お見積もりの件', description: /アン様\n+お見積もりを添付いたします。/ }],
  ['rfc2047-headers.eml', 'logged', { subject: 'Email: Reunión del jueves – agenda', description: /^Agenda attached\.$/ }],
  ['html-only.eml', 'logged', { subject: 'Email: Quarterly review', description: /^Hi Ann,\n+Here is the quarterly review\.[\s\S]*Revenue up$/ }],
  ['with-attachment.eml', 'logged', { subject: 'Email: Contract draft', description: /^Hi Ann, the contract draft is attached\.$/ }],
  ['broken-mime.eml', 'logged', { subject: 'Email: Broken attachment', description: /^Hi Ann, the file is broken\./ }],
  ['empty-body.eml', 'logged', { subject: 'Email: Nothing to say', description: null }],
  ['no-message-id.eml', 'logged', { subject: 'Email: Without a Message-ID', description: /^No Message-ID header here\.$/ }],
  ['reply.eml', 'logged', { subject: 'Reply: Pricing', description: /Yes, the yearly plan includes support\./ }],
  ['no-recipients.eml', 'skipped', { code: 'NO_RECIPIENTS' }],
  ['not-an-email.eml', 'failed', { code: 'MALFORMED_EMAIL' }],
];

describe('awkward and malformed messages', () => {
  it.each(corpus)('%s → %s', async (file, status, expected) => {
    const { outcome, email } = await env.log(userId, fixture(file));
    expect(outcome.status).toBe(status);
    expect(email.status).toBe(status);
    if (expected.code) {
      expect(outcome.problem?.code).toBe(expected.code);
      expect(email.statusDetail).toMatchObject({ problem: { code: expected.code, explanation: expect.any(String), fix: expect.any(String) } });
      return;
    }
    const tasks = (await env.sf.control.records(env.orgId, 'Task')).filter((t) => t.Subject === expected.subject);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ WhoId: env.records.ann, ActivityDate: '2026-03-10', Type: expected.subject?.startsWith('Reply') ? 'Reply' : 'Email' });
    const description = tasks[0]?.Description as string | null;
    if (expected.description === null) expect(description).toBeNull();
    else expect(String(description).replace(/\r\n/g, '\n').trim()).toMatch(expected.description ?? /./);
  });

  it('logs a message whose Date cannot be read on the day it was handed over (UTC)', async () => {
    const { outcome, email } = await env.log(userId, fixture('bad-date.eml'));
    expect(outcome.status).toBe('logged');
    const tasks = (await env.sf.control.records(env.orgId, 'Task')).filter((t) => t.Subject === 'Email: Odd date');
    expect(tasks.map((t) => t.ActivityDate)).toEqual([email.createdAt.slice(0, 10)]);
  });

  it('keys a message without Message-ID by its content: the same bytes again are already logged, other bytes are a new email', async () => {
    const again = await env.handOver(userId, fixture('no-message-id.eml'));
    expect(again.outcome).toBe('already-done');
    expect(again.email.status).toBe('logged');
    const edited = Buffer.from(fixture('no-message-id.eml').toString('utf8').replace('here.', 'here, edited.'));
    const other = await env.handOver(userId, edited);
    expect(other.emailId).not.toBe(again.emailId);
    await env.t.client.workflow.getHandle(other.workflowId).result();
    expect((await env.sf.control.records(env.orgId, 'Task')).filter((t) => t.Subject === 'Email: Without a Message-ID')).toHaveLength(2);
  });

  it('refuses an empty message and one over 10 MiB before storing anything', async () => {
    await expect(env.handOver(userId, Buffer.alloc(0))).rejects.toMatchObject({ statusCode: 400, code: 'EMPTY_EMAIL' });
    const big = Buffer.concat([sentEmail(tag()), Buffer.alloc(maxEmailBytes, 'a')]);
    const error = await env.handOver(userId, big).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmailHandOverError);
    expect(error).toMatchObject({ statusCode: 413, code: 'EMAIL_TOO_LARGE', message: expect.stringContaining('up to 10485760 bytes (10 MiB)') });
    const stored = await env.store.db.selectFrom('emails').select('size').where('user_id', '=', userId).execute();
    expect(stored.every((row) => row.size > 0 && row.size <= maxEmailBytes)).toBe(true);
  });

  it('cuts a long body to Salesforce’s 32,000 characters', async () => {
    const k = tag();
    await env.log(userId, sentEmail(k, { body: 'é'.repeat(40_000) }));
    const [task] = await env.tasks(k);
    expect(String(task?.Description)).toBe('é'.repeat(32_000));
  });
});

import { randomUUID } from 'node:crypto';
import { EncryptionCodec, ENCRYPTED_ENCODING, loadCodecKeyring } from '../../../config/payload-codec';
import { createTask, getSalesforceCredentials } from '../../../store';
import { salesforceSyncWorkflowId } from '../../../contract/ids';
import { startTaskSyncHarness, type TaskSyncHarness } from '../../support/task-sync-harness';
import { eventually } from '../../support/temporal';
import { rep, sentEmail, startEmailTestEnv, tag, type EmailTestEnv } from '../email/email-env';
import { decodedHistoryText, encodingOf, failuresIn, historyText, payloadsIn, rawHistoryReader, type History } from './history-scan';

/**
 * What the Temporal server stores must not reveal a user's data: run the real workflows with
 * addresses, subjects, bodies and tokens in play, read the histories as stored (no codec), and
 * search all of it. The same histories opened with the key show the data was there.
 */

const codec = () => new EncryptionCodec(loadCodecKeyring());
const lower = (s: string) => s.toLowerCase();

function expectNoPlaintext(raw: History, secrets: string[]): void {
  const text = lower(historyText(raw));
  for (const secret of secrets) expect({ secret, found: text.includes(lower(secret)) }).toEqual({ secret, found: false });
  for (const { path, payload } of payloadsIn(raw)) {
    // Readable by design: search attributes (the server indexes them: ids, modes, codes) and
    // patch markers, which the SDK's core writes itself with the patch id (a name in the code).
    // No local activity's marker (its bookkeeping is plain JSON): the workflows run none.
    if (path.includes('searchAttributes') || path.includes('markerRecordedEventAttributes.details.patch-data')) continue;
    expect({ path, encoding: encodingOf(payload) }).toEqual({ path, encoding: ENCRYPTED_ENCODING });
  }
  for (const failure of failuresIn(raw)) {
    expect(failure.message).toBe('Encoded failure');
    expect(failure.stackTrace ?? '').toBe('');
    expect(failure.encodedAttributes && encodingOf(failure.encodedAttributes)).toBe(ENCRYPTED_ENCODING);
  }
}

describe('the per-user sync workflow', () => {
  let h: TaskSyncHarness;
  beforeAll(async () => {
    h = await startTaskSyncHarness(['private@acme.test', 'revoked@acme.test']);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('keeps the BCC address, task contents and tokens out of the stored history, also when a sync fails', async () => {
    const userId = `user-${randomUUID()}`;
    await h.connect(userId, 'private@acme.test');
    const bcc = `emailtosalesforce+${tag()}@private.le.salesforce.com`;
    const taskName = `Call Dana about the merger ${tag()}`;
    const details = `dana.private@${tag()}.example`;
    await createTask(h.store.db, userId, { name: taskName, dueDate: '2027-02-01', details });
    const sf = await h.salesforceAs('private@acme.test');
    const sfSubject = `Lunch with Eve ${tag()}`;
    await sf.sobject('Task').create({ Subject: sfSubject, Status: 'Not Started', Priority: 'Normal', ActivityDate: '2027-02-02' });
    const mark = new Date().toISOString();
    await h.save(userId, { emailLogging: { mode: 'bcc', address: bcc }, taskSync: { mode: 'two_way' } });
    await h.synced(userId, mark);
    await eventually(() => h.sfTasks('private@acme.test'), (ts) => ts.some((t) => t.Subject === taskName));
    const refreshToken = (await getSalesforceCredentials(h.store.db, h.secretKey, userId))?.refreshToken;
    expect(refreshToken).toBeTruthy();

    // A second user whose token Salesforce revoked: the sync fails and pauses with the error.
    const revokedUser = `user-${randomUUID()}`;
    await h.connect(revokedUser, 'revoked@acme.test');
    await h.org.emulator.control.revokeTokens({ userId: h.org.users['revoked@acme.test'] });
    await h.save(revokedUser, { emailLogging: { mode: 'bcc', address: bcc }, taskSync: { mode: 'two_way' } });
    const paused = await eventually(() => h.status(revokedUser), (s) => s?.phase === 'paused');
    expect(paused?.lastError?.code).toBeTruthy();

    const reader = await rawHistoryReader(h.temporal.config);
    try {
      for (const id of [userId, revokedUser]) {
        const raw = await reader.read(salesforceSyncWorkflowId(id));
        expectNoPlaintext(raw, [bcc, taskName, details, sfSubject, refreshToken as string, 'private@acme.test', 'revoked@acme.test']);
        // Opened with the key, the address is there: the search above looked at real data.
        expect(await decodedHistoryText(raw, codec())).toContain(bcc);
      }
      const failed = await reader.read(salesforceSyncWorkflowId(revokedUser));
      expect(failuresIn(failed).length).toBeGreaterThan(0);
      expect(await decodedHistoryText(failed, codec())).toContain(paused?.lastError?.message ?? '(no message)');
    } finally {
      await reader.close();
    }
  });
});

describe('the email logging workflow', () => {
  let env: EmailTestEnv;
  beforeAll(async () => {
    env = await startEmailTestEnv();
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('keeps addresses, subjects and bodies out of the stored history, for logged and failed emails alike', async () => {
    const k = tag();
    const subject = `Confidential offer ${k}`;
    const body = `Hello Ann, the price for ${k} is 42,000.`;
    const viaApi = await env.log(await env.newUser({ mode: 'api' }), sentEmail(`${k}a`, { subject, body }));
    expect(viaApi.outcome.status).toBe('logged');
    const viaBcc = await env.log(await env.newUser({ mode: 'bcc', address: rep.e2s }), sentEmail(`${k}b`, { subject, body }));
    expect(viaBcc.outcome.status).toBe('logged');
    const refusedAddress = `emailtosalesforce@nobody-${k}.le.salesforce.com`;
    const refused = await env.log(await env.newUser({ mode: 'bcc', address: refusedAddress }), sentEmail(`${k}c`, { subject, body }));
    expect(refused.outcome.status).toBe('failed');

    const reader = await rawHistoryReader(env.t.config);
    try {
      for (const run of [viaApi, viaBcc, refused]) {
        const raw = await reader.read(run.handOver.workflowId);
        expectNoPlaintext(raw, [subject, body, k, 'ann@acme.test', rep.username, rep.e2s, refusedAddress]);
      }
      const refusedHistory = await reader.read(refused.handOver.workflowId);
      expect(failuresIn(refusedHistory).length).toBeGreaterThan(0);
      const opened = await decodedHistoryText(refusedHistory, codec());
      expect(opened).toContain('550 5.1.1');
    } finally {
      await reader.close();
    }
  });
});

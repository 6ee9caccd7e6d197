import { ensureOrgPoller } from '../../../client/org-poller';
import { WorkflowFailedError } from '@temporalio/client';
import { getOrgIntegration, getUser, setOrgIntegration } from '../../../store';
import { orgPollerWorkflowId, salesforceSyncWorkflowId } from '../../../contract/ids';
import { failureTypes } from '../../../contract/failure-types';
import { oauthConnection } from '../../support/salesforce';
import { harnessStores, startTaskSyncHarness, type TaskSyncHarness } from '../../support/task-sync-harness';
import { eventually } from '../../support/temporal';

let h: TaskSyncHarness;
const integrationUser = 'integration@acme.test';

const historyLength = async (userId: string) => (await h.temporal.client.workflow.getHandle(salesforceSyncWorkflowId(userId)).describe()).historyLength;

describe.each(harnessStores)('on %s', (store) => {
  beforeAll(async () => {
    h = await startTaskSyncHarness(['dave@acme.test', 'erin@acme.test'], { store });
    Object.assign(h.org.users, await h.org.emulator.control.addUsers(h.org.orgId, [{ username: integrationUser, password: 'pw', email: integrationUser, viewAllData: true }]));
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe('one poll per org with an integration user', () => {
    it('wakes only the user whose tasks changed, and users stop polling Salesforce themselves', async () => {
      for (const [userId, username] of [['user-dave', 'dave@acme.test'], ['user-erin', 'erin@acme.test']] as const) {
        await h.connect(userId, username);
        const mark = new Date().toISOString();
        await h.save(userId, { taskSync: { mode: 'two_way' } });
        await h.synced(userId, mark);
      }
      await setOrgIntegration(h.store.db, h.secretKey, { ...(await oauthConnection(h.org, integrationUser)), connectedBy: 'admin' });
      await ensureOrgPoller(h.temporal.client, h.org.orgId, h.temporal.config.taskQueue, 1);

      // Let each user's current watch (started before the integration existed) end its first wait.
      const dave = await h.salesforceAs('dave@acme.test');
      const warmup = await dave.sobject('Task').create({ Subject: 'Warm-up', Status: 'Not Started', Priority: 'Normal' });
      if (!warmup.success) throw new Error('create failed');
      await eventually(async () => (await h.siaTasks('user-dave')).map((t) => t.name), (names) => names.includes('Warm-up'));

      await h.org.emulator.control.clearCalls();
      const erinBefore = await historyLength('user-erin');
      const created = await dave.sobject('Task').create({ Subject: 'Found by the org poll', Status: 'Not Started', Priority: 'High', ActivityDate: '2027-05-01' });
      if (!created.success) throw new Error('create failed');

      const sia = await eventually(async () => (await h.siaTasks('user-dave')).find((t) => t.name === 'Found by the org poll'), (t) => t !== undefined);
      expect(sia).toMatchObject({ priority: 'high', dueDate: '2027-05-01' });
      expect(await historyLength('user-erin')).toBe(erinBefore);

      // Then a quiet while: the org poll goes on, and no user's own connection polls Salesforce.
      await new Promise((r) => setTimeout(r, 1000));
      const quietFrom = (await h.org.emulator.control.now()).now;
      await new Promise((r) => setTimeout(r, 3000));
      const { calls } = await h.org.emulator.control.calls();
      const during = (username: string) => calls.filter((c) => c.userId === h.org.users[username] && c.counted && c.at > quietFrom);
      expect(during(integrationUser).length).toBeGreaterThanOrEqual(2);
      expect(during('dave@acme.test')).toEqual([]);
      expect(during('erin@acme.test')).toEqual([]);
      expect(calls.filter((c) => c.userId === h.org.users['erin@acme.test'])).toEqual([]);
    });

    it('a revoked integration user is marked for reconnecting, its poller ends, and users poll Salesforce themselves again', async () => {
      const control = h.org.emulator.control;
      await control.revokeTokens({ userId: h.org.users[integrationUser] });
      await control.expireSessions({ userId: h.org.users[integrationUser] });

      const integration = await eventually(() => getOrgIntegration(h.store.db, h.org.orgId), (i) => i?.status !== 'connected');
      expect(integration?.status).toBe('needs_reconnect');
      const ended = await h.temporal.client.workflow.getHandle(orgPollerWorkflowId(h.org.orgId)).result().then(
        () => null,
        (error: unknown) => error,
      );
      expect(ended).toBeInstanceOf(WorkflowFailedError);
      expect((ended as WorkflowFailedError).cause?.cause).toMatchObject({ type: failureTypes.needsUser, details: [expect.objectContaining({ code: 'invalid_grant' })] });
      // The users' own connections are fine and keep their status.
      expect((await getUser(h.store.db, 'user-dave'))?.salesforce.status).toBe('connected');

      // Nobody wakes dave now: the task arrives because his own watch reads Salesforce again.
      await control.clearCalls();
      const dave = await h.salesforceAs('dave@acme.test');
      const created = await dave.sobject('Task').create({ Subject: 'Found by the user again', Status: 'Not Started', Priority: 'Normal' });
      if (!created.success) throw new Error('create failed');
      await eventually(async () => (await h.siaTasks('user-dave')).map((t) => t.name), (names) => names.includes('Found by the user again'));
      const { calls } = await control.calls();
      expect(calls.filter((c) => c.userId === h.org.users['dave@acme.test'] && c.method === 'GET' && c.path.includes('/queryAll')).length).toBeGreaterThan(0);
      expect(calls.filter((c) => c.userId === h.org.users[integrationUser])).toEqual([]);
    });
  });
});

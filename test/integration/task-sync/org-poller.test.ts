import { ensureOrgPoller } from '../../../client/org-poller';
import { setOrgIntegration } from '../../../store';
import { salesforceSyncWorkflowId } from '../../../contract/ids';
import { oauthConnection } from '../../support/salesforce';
import { startTaskSyncHarness, type TaskSyncHarness } from '../../support/task-sync-harness';
import { eventually } from '../../support/temporal';

let h: TaskSyncHarness;
const integrationUser = 'integration@acme.test';
beforeAll(async () => {
  h = await startTaskSyncHarness(['dave@acme.test', 'erin@acme.test']);
  Object.assign(h.org.users, await h.org.emulator.control.addUsers(h.org.orgId, [{ username: integrationUser, password: 'pw', email: integrationUser, viewAllData: true }]));
});
afterAll(async () => {
  await h?.stop();
});

const historyLength = async (userId: string) => (await h.temporal.client.workflow.getHandle(salesforceSyncWorkflowId(userId)).describe()).historyLength;

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
});

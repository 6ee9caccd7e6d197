import { allowanceConfigFromEnv } from '../../../activities/task-sync/budget';
import { nudgeSync } from '../../../client/sync-workflow';
import { harnessStores, startTaskSyncHarness, type TaskSyncHarness } from '../../support/task-sync-harness';
import { eventually } from '../../support/temporal';

let h: TaskSyncHarness;

describe.each(harnessStores)('on %s', (store) => {
  beforeAll(async () => {
    h = await startTaskSyncHarness(['fay@acme.test'], { store });
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe("the user's share of the org's daily API allowance", () => {
    it('is read from Sforce-Limit-Info after each pull and reaches the poll schedule through the status', async () => {
      const user = 'user-fay';
      await h.connect(user, 'fay@acme.test');
      const mark = new Date().toISOString();
      await h.save(user, { taskSync: { mode: 'two_way' } });
      let status = await h.synced(user, mark);
      // A few calls of a large allowance spent.
      expect(status?.taskSync?.budget?.fractionLeft).toBeGreaterThan(0.99);
      expect(status?.taskSync?.budget?.fractionLeft).toBeLessThan(1);
      expect(status?.taskSync?.budget?.exhausted).toBe(false);

      // Another integration spent most of the org's allowance: 25 % is this product's share, so
      // the org's remaining calls are now the tighter limit.
      const { limit } = await h.org.emulator.control.apiUsage(h.org.orgId);
      await h.org.emulator.control.setApiUsage(h.org.orgId, Math.floor(limit * 0.9));
      const again = new Date().toISOString();
      await nudgeSync(h.temporal.client, user, { source: 'resync' });
      status = await eventually(() => h.status(user), (s) => (s?.taskSync?.lastSyncAt ?? '') > again && (s?.taskSync?.budget?.fractionLeft ?? 1) < 1);
      expect(status?.taskSync?.budget?.fractionLeft).toBeLessThan(0.1);
      expect(status?.taskSync?.budget?.exhausted).toBe(false);

      await h.org.emulator.control.setApiUsage(h.org.orgId, Math.floor(limit * 0.96));
      const third = new Date().toISOString();
      await nudgeSync(h.temporal.client, user, { source: 'resync' });
      status = await eventually(() => h.status(user), (s) => (s?.taskSync?.lastSyncAt ?? '') > third && s?.taskSync?.budget?.exhausted === true);
      // Past the 5 % the org keeps for others: exhausted, polling pauses.
      expect(status?.taskSync?.budget).toEqual({ fractionLeft: 0, exhausted: true });
    });

    it('takes its share from SALESFORCE_API_SHARE, refusing nonsense', () => {
      expect(allowanceConfigFromEnv({}).productShare).toBe(0.25);
      expect(allowanceConfigFromEnv({ SALESFORCE_API_SHARE: '0.1' }).productShare).toBe(0.1);
      expect(() => allowanceConfigFromEnv({ SALESFORCE_API_SHARE: '2' })).toThrow(/SALESFORCE_API_SHARE/);
      expect(() => allowanceConfigFromEnv({ SALESFORCE_API_SHARE: 'lots' })).toThrow(/SALESFORCE_API_SHARE/);
    });
  });
});

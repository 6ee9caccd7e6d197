import { createTask, listSyncLog, softDeleteTask, updateTask } from '../../../store';
import { pollingOnlyWhenNudged, harnessStores, startTaskSyncHarness, type TaskSyncHarness } from '../../support/task-sync-harness';
import { eventually } from '../../support/temporal';

/**
 * Deletions Salesforce no longer remembers: its recycle bin keeps deleted tasks 15 days at most
 * (less when emptied), and the change pull only sees deletions still in it. Switched on again
 * after such a loss, the sync compares every linked task with Salesforce: what is gone there
 * leaves SIA, and no deleted task comes back to life. Salesforce decides, by its own clock,
 * whether deletions may be lost (the deleted-records resource), so shifting the emulator's
 * clock 16 days is a faithful stand-in for 16 days off.
 */
let h: TaskSyncHarness;
const usernames = ['purged@acme.test', 'away@acme.test'];
const twoWay = { taskSync: { mode: 'two_way' } };
const off = { taskSync: { mode: 'do_not_sync' } };

async function createInSalesforce(username: string, subjects: string[]): Promise<string[]> {
  const sf = await h.salesforceAs(username);
  const ids: string[] = [];
  for (const Subject of subjects) {
    const created = await sf.sobject('Task').create({ Subject, Status: 'Not Started', Priority: 'Normal' });
    if (!created.success) throw new Error(`could not create ${Subject}`);
    ids.push(created.id);
  }
  return ids;
}

async function switchOff(user: string) {
  await h.save(user, off);
  await eventually(() => h.status(user), (s) => s?.phase === 'idle');
}

async function switchOnAgain(user: string) {
  const mark = new Date().toISOString();
  await h.save(user, twoWay);
  return h.synced(user, mark);
}

const round = (user: string) => h.round(user);

const siaNames = async (user: string) => (await h.siaTasks(user)).map((t) => t.name).sort();

describe.each(harnessStores)('on %s', (store) => {
  beforeAll(async () => {
    h = await startTaskSyncHarness(usernames, { store });
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe('deletions Salesforce forgot while sync was off', () => {
    it('the recycle bin was emptied: Salesforce says so, a full comparison removes the task from SIA', async () => {
      const username = 'purged@acme.test';
      const user = 'user-purged';
      const [, purgedId] = await createInSalesforce(username, ['Stays', 'Deleted and purged while off']);
      await h.switchOn(user, username, { pollConfig: pollingOnlyWhenNudged });
      expect(await siaNames(user)).toEqual(['Deleted and purged while off', 'Stays']);

      await switchOff(user);
      const sf = await h.salesforceAs(username);
      await sf.sobject('Task').destroy(purgedId as string);
      expect(await h.org.emulator.control.purgeRecycleBin(h.org.orgId, 'Task')).toBeGreaterThan(0);
      // Gone for good: not even queryAll returns it any more.
      expect((await h.sfTasksWithDeleted(username)).some((t) => t.Id === purgedId)).toBe(false);

      await h.org.emulator.control.clearCalls();
      const status = await switchOnAgain(user);
      expect(status).toMatchObject({ phase: 'reconciling', lastError: null });
      expect(await siaNames(user)).toEqual(['Stays']);
      const log = await listSyncLog(h.store.db, user, { limit: 100 });
      expect(log.find((e) => e.sfTaskId === purgedId && e.action === 'delete')).toMatchObject({ direction: 'sf_to_sia', message: 'Deleted in SIA: deleted in Salesforce' });
      const endpoints = (await h.org.emulator.control.calls({ userId: h.org.users[username] })).calls.map((c) => c.endpoint);
      expect(endpoints).toContain('GET /services/data/vXX.X/sobjects/Task/deleted/');

      // And it stays gone.
      await round(user);
      expect(await siaNames(user)).toEqual(['Stays']);
    });

    it('off for 16 days: the catch-up compares everything; untouched tasks deleted in Salesforce leave SIA, tasks deleted in SIA leave Salesforce, none comes back', async () => {
      const username = 'away@acme.test';
      const user = 'user-away';
      const [keeperId, deletedId, twinId] = await createInSalesforce(username, ['Keeper', 'Deleted in Salesforce while away', 'Deleted in Salesforce, edited in SIA']);
      await h.switchOn(user, username, { pollConfig: pollingOnlyWhenNudged });
      const madeInSia = await createTask(h.store.db, user, { name: 'Made in SIA, deleted there while away' });
      await round(user);
      const madeInSiaSf = (await h.sfTasks(username)).find((t) => t.SIA_Task_Id__c === madeInSia.id);
      expect(madeInSiaSf).toBeDefined();
      const twinSia = (await h.siaTasks(user)).find((t) => t.name === 'Deleted in Salesforce, edited in SIA');
      if (!twinSia) throw new Error('twin not imported');

      await switchOff(user);
      const sf = await h.salesforceAs(username);
      await sf.sobject('Task').destroy([deletedId as string, twinId as string]);
      await softDeleteTask(h.store.db, user, madeInSia.id);
      await updateTask(h.store.db, user, twinSia.id, { details: 'notes written while sync was off' });
      await h.org.emulator.control.advanceClock(16 * 24 * 3600_000);
      // Salesforce has purged both deletions by now.
      expect((await h.sfTasksWithDeleted(username)).map((t) => t.Id)).not.toEqual(expect.arrayContaining([deletedId]));

      const status = await switchOnAgain(user);
      expect(status).toMatchObject({ phase: 'reconciling', lastError: null });
      const sia = await h.siaTasks(user);
      // Untouched in SIA, deleted in Salesforce: gone. Edited in SIA after the sync, deleted in
      // Salesforce at a time nobody knows any more: the edit wins (MAPPING.md) and goes back to Salesforce.
      expect(sia.map((t) => t.name).sort()).toEqual(['Deleted in Salesforce, edited in SIA', 'Keeper']);
      const live = await h.sfTasks(username);
      expect(live.find((t) => t.SIA_Task_Id__c === twinSia.id)).toMatchObject({ Subject: 'Deleted in Salesforce, edited in SIA', Description: 'notes written while sync was off' });
      // Deleted in SIA while away: deleted in Salesforce, not brought back to SIA.
      expect(live.some((t) => t.Id === madeInSiaSf?.Id)).toBe(false);
      expect(live.map((t) => t.Id)).toContain(keeperId);

      // A later round changes nothing: nothing deleted comes back on either side.
      await round(user);
      expect((await h.siaTasks(user)).map((t) => t.name).sort()).toEqual(['Deleted in Salesforce, edited in SIA', 'Keeper']);
      expect((await h.sfTasks(username)).map((t) => t.Subject).sort()).toEqual(['Deleted in Salesforce, edited in SIA', 'Keeper']);
      const counts = new Map<string, number>();
      for (const t of await h.sfTasksWithDeleted(username)) if (t.SIA_Task_Id__c) counts.set(t.SIA_Task_Id__c, (counts.get(t.SIA_Task_Id__c) ?? 0) + 1);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
    });
  });
});

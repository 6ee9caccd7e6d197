import { Context } from '@temporalio/activity';
import { nudgeSync } from '../../../client/sync-workflow';
import { createMarksFor, createTask, listSyncLog, updateTask } from '../../../store';
import { linkedEarlierCreateMessage } from '../../../activities/task-sync/earlier-creates';
import { pollingOnlyWhenNudged, harnessStores, startTaskSyncHarness, type TaskSyncHarness } from '../../support/task-sync-harness';
import { eventually } from '../../support/temporal';

/**
 * A create reaches Salesforce exactly once, whatever happens between Salesforce taking it and
 * the store recording the link: a lost answer, a worker that stops mid-activity, a repeated nudge.
 */
let h: TaskSyncHarness;
const user = 'user-once';
const username = 'once@acme.test';
/** Names of SIA tasks whose create should stop the worker right after Salesforce took it. */
const stopAfterCreateOf = new Set<string>();
/** A person's Salesforce edit made right after Salesforce took a create, before its answer is lost. */
const changeAfterCreateOf = new Map<string, (sfTaskId: string) => Promise<void>>();
let stoppedInside = 0;

const sfUserId = () => h.org.users[username];

async function expectOnce(siaTaskId: string) {
  const sf = (await h.sfTasksWithDeleted(username)).filter((t) => t.SIA_Task_Id__c === siaTaskId);
  expect(sf).toHaveLength(1);
  const links = (await h.links(user)).filter((l) => l.siaTaskId === siaTaskId || l.sfTaskId === sf[0]?.Id);
  expect(links).toEqual([expect.objectContaining({ siaTaskId, sfTaskId: sf[0]?.Id })]);
  // Nothing came back into SIA as a second task.
  expect((await h.siaTasks(user)).filter((t) => t.name === sf[0]?.Subject)).toHaveLength(1);
}

describe.each(harnessStores)('on %s', (store) => {
  beforeAll(async () => {
    stopAfterCreateOf.clear();
    changeAfterCreateOf.clear();
    stoppedInside = 0;
    h = await startTaskSyncHarness([username], {
      store,
      hooks: {
        async afterSalesforceWrite({ kind, siaTaskIds }) {
          const change = kind === 'create' ? siaTaskIds.find((id) => changeAfterCreateOf.has(id)) : undefined;
          if (change) {
            const act = changeAfterCreateOf.get(change)!;
            changeAfterCreateOf.delete(change);
            const made = (await h.sfTasks(username)).find((t) => t.SIA_Task_Id__c === change);
            if (!made) throw new Error(`the create of ${change} made no Salesforce task`);
            await act(made.Id);
            throw new Error('the answer to the create was lost');
          }
          if (kind !== 'create' || !siaTaskIds.some((id) => stopAfterCreateOf.has(id))) return;
          stoppedInside += 1;
          // The process stops here: Salesforce has the task, the store has no link yet.
          h.temporal.worker.shutdown();
          await Context.current().cancelled;
        },
      },
    });
    await h.switchOn(user, username, { pollConfig: pollingOnlyWhenNudged });
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe('creates in Salesforce never duplicate', () => {
    it('a create whose answer is lost is looked up before it is sent again: one Salesforce task, one link', async () => {
      await h.org.emulator.control.addFault({ kind: 'lostAnswer', path: '/composite/sobjects/Task/SIA_Task_Id__c', method: 'PATCH', userId: sfUserId(), times: 1 });
      const task = await createTask(h.store.db, user, { name: 'Lost answer', dueDate: '2027-06-01' });
      await h.round(user, 'sia');

      const upserts = (await h.org.emulator.control.calls({ userId: sfUserId(), method: 'PATCH' })).calls.filter((c) => c.path.includes('/composite/sobjects/Task/SIA_Task_Id__c'));
      expect(upserts).toHaveLength(1);
      await expectOnce(task.id);
      const log = await listSyncLog(h.store.db, user, { siaTaskId: task.id });
      expect(log.map((e) => e.message)).toContain(linkedEarlierCreateMessage);
      expect((await h.status(user))?.phase).toBe('reconciling');
      expect(await createMarksFor(h.store.db, user, [task.id])).toEqual(new Map());
    });

    it('a create whose answer is lost, then deleted in Salesforce before the retry: deleted in SIA, not made again', async () => {
      const task = await createTask(h.store.db, user, { name: 'Lost answer, then deleted in Salesforce', dueDate: '2027-06-03' });
      changeAfterCreateOf.set(task.id, async (sfTaskId) => {
        await (await h.salesforceAs(username)).sobject('Task').destroy(sfTaskId);
      });
      await h.round(user, 'sia');

      expect(changeAfterCreateOf.has(task.id)).toBe(false);
      const sf = (await h.sfTasksWithDeleted(username)).filter((t) => t.SIA_Task_Id__c === task.id);
      expect(sf).toEqual([expect.objectContaining({ IsDeleted: true })]);
      expect((await h.siaTasks(user)).some((t) => t.id === task.id)).toBe(false);
      const log = (await listSyncLog(h.store.db, user, { siaTaskId: task.id })).map((e) => e.message);
      expect(log).toEqual(expect.arrayContaining([linkedEarlierCreateMessage, 'Deleted in SIA: deleted in Salesforce']));
      expect(log).not.toContain('Created in Salesforce');
      expect(await createMarksFor(h.store.db, user, [task.id])).toEqual(new Map());
    });

    it('a create whose answer is lost, then edited in Salesforce before the retry: the edit reaches SIA and stays in Salesforce', async () => {
      const task = await createTask(h.store.db, user, { name: 'Lost answer, then renamed in Salesforce', dueDate: '2027-06-04' });
      changeAfterCreateOf.set(task.id, async (sfTaskId) => {
        await (await h.salesforceAs(username)).sobject('Task').update({ Id: sfTaskId, Subject: 'Renamed in Salesforce meanwhile' });
      });
      await h.round(user, 'sia');

      expect(changeAfterCreateOf.has(task.id)).toBe(false);
      const sf = (await h.sfTasksWithDeleted(username)).filter((t) => t.SIA_Task_Id__c === task.id);
      expect(sf).toEqual([expect.objectContaining({ IsDeleted: false, Subject: 'Renamed in Salesforce meanwhile', ActivityDate: '2027-06-04' })]);
      expect((await h.siaTasks(user)).find((t) => t.id === task.id)).toEqual(expect.objectContaining({ name: 'Renamed in Salesforce meanwhile', dueDate: '2027-06-04' }));
      await expectOnce(task.id);
    });

    it('a worker that stops after Salesforce took a create and before the link was stored: the retry on another worker links the same task', async () => {
      const task = await createTask(h.store.db, user, { name: 'Worker stopped mid-write', dueDate: '2027-06-02' });
      stopAfterCreateOf.add(task.id);
      await nudgeSync(h.temporal.client, user, { source: 'sia' });
      await eventually(async () => stoppedInside, (n) => n === 1);
      expect(stoppedInside).toBe(1);
      // Salesforce has it; the store does not know yet.
      expect((await h.sfTasks(username)).filter((t) => t.SIA_Task_Id__c === task.id)).toHaveLength(1);
      expect((await h.links(user)).some((l) => l.siaTaskId === task.id)).toBe(false);

      await h.replaceWorker();
      await eventually(() => h.links(user), (links) => links.some((l) => l.siaTaskId === task.id), 40_000);
      await expectOnce(task.id);

      // The workflow carries on with the new worker.
      const later = await createTask(h.store.db, user, { name: 'After the restart' });
      await h.round(user, 'sia');
      await expectOnce(later.id);
    });

    it('a nudge delivered twice (and a save repeated) changes nothing twice', async () => {
      const task = await createTask(h.store.db, user, { name: 'Nudged twice' });
      const mark = new Date().toISOString();
      await Promise.all([nudgeSync(h.temporal.client, user, { source: 'sia' }), nudgeSync(h.temporal.client, user, { source: 'sia' })]);
      await nudgeSync(h.temporal.client, user, { source: 'sia' });
      await h.synced(user, mark);
      await h.round(user, 'sia');
      await expectOnce(task.id);

      await updateTask(h.store.db, user, task.id, { name: 'Nudged twice, renamed' });
      const mark2 = new Date().toISOString();
      await Promise.all([nudgeSync(h.temporal.client, user, { source: 'sia' }), nudgeSync(h.temporal.client, user, { source: 'resync' })]);
      await h.synced(user, mark2);
      await h.round(user, 'sia');
      await expectOnce(task.id);
      const settled = await eventually(() => h.status(user), (s) => s?.phase === 'reconciling');
      expect(settled?.phase).toBe('reconciling');
      const writes = (await listSyncLog(h.store.db, user, { siaTaskId: task.id })).filter((e) => e.direction === 'sia_to_sf').map((e) => e.action);
      expect(writes.sort()).toEqual(['create', 'update']);
      // No SIA task appeared from Salesforce for our own creates.
      expect((await h.siaTasks(user)).filter((t) => t.origin === 'salesforce')).toEqual([]);
    });
  });
});

import { expect } from '@jest/globals';
import { createTask, getTask, listSyncLog, updateTask, type SyncLogEntry } from '../../../store';
import type { MergeDecision } from '../../../sync/merge';
import { pollingOnlyWhenNudged, harnessStores, startTaskSyncHarness, type TaskSyncHarness } from '../../support/task-sync-harness';

/**
 * The same task changed on both sides between two rounds: merged field by field; where both
 * changed one field, the later change wins (SIA updatedAt against Salesforce LastModifiedDate,
 * to the whole second, a tie to Salesforce), and each such decision is in the sync log.
 * Rounds run only when nudged, so both edits land before the round that sees them.
 */
let h: TaskSyncHarness;
const user = 'user-conflicts';
const username = 'conflicts@acme.test';

const round = () => h.round(user);

async function linkedTask(name: string, fields: { details?: string; dueDate?: string } = {}) {
  const task = await createTask(h.store.db, user, { name, ...fields });
  await round();
  const sf = (await h.sfTasks(username)).find((t) => t.SIA_Task_Id__c === task.id);
  if (!sf) throw new Error(`${name} did not reach Salesforce`);
  return { task, sfId: sf.Id };
}

const sfRecord = async (sfId: string) => {
  const record = (await h.sfTasks(username)).find((t) => t.Id === sfId);
  if (!record) throw new Error(`no Salesforce task ${sfId}`);
  return record;
};

const conflictsOf = (log: SyncLogEntry[], siaTaskId: string) =>
  log.filter((e) => e.action === 'conflict' && e.siaTaskId === siaTaskId).map((e) => ({ direction: e.direction, ...(e.detail as MergeDecision) }));

describe.each(harnessStores)('on %s', (store) => {
  beforeAll(async () => {
    h = await startTaskSyncHarness([username], { store });
    await h.switchOn(user, username, { pollConfig: pollingOnlyWhenNudged });
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe('a task changed on both sides between rounds', () => {
    it('merges different fields from each side, with no conflict to log', async () => {
      const { task, sfId } = await linkedTask('Prepare demo', { details: 'slides', dueDate: '2027-04-01' });
      const sf = await h.salesforceAs(username);
      await updateTask(h.store.db, user, task.id, { name: 'Prepare the demo for Acme', details: 'slides and pricing' });
      await sf.sobject('Task').update({ Id: sfId, Priority: 'High', ActivityDate: '2027-04-03' });

      await round();

      expect(await getTask(h.store.db, user, task.id)).toMatchObject({ name: 'Prepare the demo for Acme', details: 'slides and pricing', priority: 'high', dueDate: '2027-04-03' });
      expect(await sfRecord(sfId)).toMatchObject({ Subject: 'Prepare the demo for Acme', Description: 'slides and pricing', Priority: 'High', ActivityDate: '2027-04-03' });
      expect(conflictsOf(await listSyncLog(h.store.db, user, { limit: 500 }), task.id)).toEqual([]);
    });

    it('keeps the later change of a field both sides changed, field by field, and logs each decision', async () => {
      const sf = await h.salesforceAs(username);
      const sfLater = await linkedTask('Call Ann', { details: 'about renewal' });
      const siaLater = await linkedTask('Call Ben');
      const sameSecond = await linkedTask('Call Cem');

      // Salesforce changes later: SIA edits now, Salesforce's clock is five minutes on when it edits.
      await updateTask(h.store.db, user, sfLater.task.id, { name: 'Call Ann (SIA)', details: 'about renewal and upsell' });
      await h.org.emulator.control.advanceClock(5 * 60_000);
      await sf.sobject('Task').update({ Id: sfLater.sfId, Subject: 'Call Ann (Salesforce)', Priority: 'High' });

      // SIA changes a minute after Salesforce did.
      await sf.sobject('Task').update({ Id: siaLater.sfId, Subject: 'Call Ben (Salesforce)', ActivityDate: '2027-05-05' });
      const benSfAt = Date.parse((await sfRecord(siaLater.sfId)).LastModifiedDate);
      await updateTask(h.store.db, user, siaLater.task.id, { name: 'Call Ben (SIA)', dueDate: '2027-05-06' }, new Date(benSfAt + 60_000));

      // Both in the same second: Salesforce's stamp is rounded down, so Salesforce wins the tie.
      await sf.sobject('Task').update({ Id: sameSecond.sfId, Subject: 'Call Cem (Salesforce)' });
      const cemSfAt = Date.parse((await sfRecord(sameSecond.sfId)).LastModifiedDate);
      await updateTask(h.store.db, user, sameSecond.task.id, { name: 'Call Cem (SIA)' }, new Date(cemSfAt + 900));

      await round();

      // Salesforce later: its Subject wins; SIA's details (only SIA changed them) and SF's priority both stay.
      expect(await getTask(h.store.db, user, sfLater.task.id)).toMatchObject({ name: 'Call Ann (Salesforce)', details: 'about renewal and upsell', priority: 'high' });
      expect(await sfRecord(sfLater.sfId)).toMatchObject({ Subject: 'Call Ann (Salesforce)', Description: 'about renewal and upsell', Priority: 'High' });
      // SIA later: its name and due date win on both sides.
      expect(await getTask(h.store.db, user, siaLater.task.id)).toMatchObject({ name: 'Call Ben (SIA)', dueDate: '2027-05-06' });
      expect(await sfRecord(siaLater.sfId)).toMatchObject({ Subject: 'Call Ben (SIA)', ActivityDate: '2027-05-06' });
      // Same second: Salesforce.
      expect((await getTask(h.store.db, user, sameSecond.task.id))?.name).toBe('Call Cem (Salesforce)');
      expect((await sfRecord(sameSecond.sfId)).Subject).toBe('Call Cem (Salesforce)');

      const log = await listSyncLog(h.store.db, user, { limit: 500 });
      expect(conflictsOf(log, sfLater.task.id)).toEqual([{ direction: 'both', field: 'name', sia: 'Call Ann (SIA)', sf: 'Call Ann (Salesforce)', winner: 'salesforce', reason: 'salesforce-changed-later' }]);
      expect(conflictsOf(log, siaLater.task.id)).toEqual(
        expect.arrayContaining([
          { direction: 'both', field: 'name', sia: 'Call Ben (SIA)', sf: 'Call Ben (Salesforce)', winner: 'sia', reason: 'sia-changed-later' },
          { direction: 'both', field: 'dueDate', sia: '2027-05-06', sf: '2027-05-05', winner: 'sia', reason: 'sia-changed-later' },
        ]),
      );
      expect(conflictsOf(log, siaLater.task.id)).toHaveLength(2);
      expect(conflictsOf(log, sameSecond.task.id)).toEqual([{ direction: 'both', field: 'name', sia: 'Call Cem (SIA)', sf: 'Call Cem (Salesforce)', winner: 'salesforce', reason: 'same-second-salesforce-wins' }]);
      const entry = log.find((e) => e.action === 'conflict' && e.siaTaskId === sfLater.task.id);
      expect(entry).toMatchObject({ sfTaskId: sfLater.sfId, message: expect.stringContaining('"name" changed on both sides; kept the Salesforce value') });
      expect((await h.status(user))?.taskSync?.totals.conflicts).toBe(4);

      // Settled: another round writes nothing and logs no new conflict.
      await h.org.emulator.control.clearCalls();
      await round();
      const { calls } = await h.org.emulator.control.calls({ userId: h.org.users[username] });
      expect(calls.filter((c) => c.method !== 'GET')).toEqual([]);
      expect((await listSyncLog(h.store.db, user, { limit: 500 })).filter((e) => e.action === 'conflict')).toHaveLength(4);
    });
  });
});

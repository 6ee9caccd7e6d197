import type { Connection } from 'jsforce';
import { createTask, reopenTask, completeTask, softDeleteTask, updateTask, taskFieldsOf, type Task } from '../../../store';
import { fromSalesforce, type SfTask } from '../../../sync/salesforce-mapping';
import { normalizeTaskFields } from '../../../sync/task-fields';
import { pollingOnlyWhenNudged, harnessStores, startTaskSyncHarness, type TaskSyncHarness } from '../../support/task-sync-harness';
import { seededRandom as random } from '../../../dev/seeded-random';

/**
 * A long random run (fixed seed) of creates, edits, completions, reopenings and deletions on
 * both sides, interleaved with rounds, while Salesforce loses answers, fails with 5xx and
 * refuses locked rows. At the end both sides hold the same tasks, field by field through the
 * mapping, with no duplicate on either side.
 */
let h: TaskSyncHarness;
const user = 'user-random';
const username = 'random@acme.test';
const operations = 300;
const operationsPerRound = 25;

describe.each(harnessStores)('on %s', (store) => {
  beforeAll(async () => {
    h = await startTaskSyncHarness([username], { store });
    await h.switchOn(user, username, { pollConfig: pollingOnlyWhenNudged });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('converges to the same tasks on both sides, without duplicates, through faults', async () => {
    const next = random(20261128);
    const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(next() * items.length)];
    const words = ['call', 'email', 'Dana', 'Acme', 'renewal', 'demo', 'pricing', 'follow up', 'contract', 'lunch'];
    const phrase = () => `${pick(words)} ${pick(words)} ${Math.floor(next() * 1000)}`;
    const day = () => `2027-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`;
    const reminder = () => (next() < 0.5 ? null : `2027-01-0${1 + Math.floor(next() * 9)}T0${Math.floor(next() * 9)}:${10 + Math.floor(next() * 49)}:00.000Z`);

    const control = h.org.emulator.control;
    const sfUserId = h.org.users[username];
    await control.addFault({ kind: 'lostAnswer', path: '/composite/sobjects', userId: sfUserId, probability: 0.08, seed: 1 });
    await control.addFault({ kind: 'error', path: '/composite/sobjects', method: 'PATCH', userId: sfUserId, status: 400, errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record', probability: 0.08, seed: 2 });
    await control.addFault({ kind: 'error', path: '/queryAll', userId: sfUserId, status: 503, errorCode: 'SERVER_UNAVAILABLE', probability: 0.08, seed: 3 });

    const sf: Connection = await h.salesforceAs(username);
    const liveSia = async (): Promise<Task[]> => h.siaTasks(user);
    const liveSf = async (): Promise<SfTask[]> => h.sfTasks(username);
    const tally: Record<string, number> = {};

    for (let i = 0; i < operations; i++) {
      const roll = next();
      if (roll < 0.5) {
        // SIA side
        const tasks = await liveSia();
        const task = pick(tasks);
        const op = !task || next() < 0.25 ? 'create' : pick(['edit', 'edit', 'complete', 'reopen', 'delete'] as const);
        tally[`sia:${op}`] = (tally[`sia:${op}`] ?? 0) + 1;
        if (op === 'create') await createTask(h.store.db, user, { name: phrase(), dueDate: next() < 0.7 ? day() : null, priority: next() < 0.3 ? 'high' : 'normal', details: next() < 0.5 ? phrase() : null, reminderAt: reminder() });
        else if (!task) continue;
        else if (op === 'edit') {
          const field = pick(['name', 'details', 'dueDate', 'priority', 'reminderAt'] as const);
          const patch = field === 'name' ? { name: phrase() } : field === 'details' ? { details: next() < 0.2 ? null : phrase() } : field === 'dueDate' ? { dueDate: next() < 0.2 ? null : day() } : field === 'priority' ? { priority: next() < 0.5 ? ('high' as const) : ('normal' as const) } : { reminderAt: reminder() };
          await updateTask(h.store.db, user, task.id, patch);
        } else if (op === 'complete') await completeTask(h.store.db, user, task.id);
        else if (op === 'reopen') await reopenTask(h.store.db, user, task.id);
        else await softDeleteTask(h.store.db, user, task.id);
      } else if (roll < 0.96) {
        // Salesforce side, as a person would through the API
        const records = await liveSf();
        const record = pick(records);
        const op = !record || next() < 0.25 ? 'create' : pick(['edit', 'edit', 'complete', 'reopen', 'delete'] as const);
        tally[`sf:${op}`] = (tally[`sf:${op}`] ?? 0) + 1;
        if (op === 'create') {
          await sf.sobject('Task').create({ Subject: phrase(), Status: pick(['Not Started', 'In Progress', 'Deferred']), Priority: pick(['High', 'Normal', 'Low']), ActivityDate: next() < 0.7 ? day() : null, Description: next() < 0.5 ? phrase() : null });
        } else if (!record) continue;
        else if (op === 'edit') {
          const field = pick(['Subject', 'Description', 'ActivityDate', 'Priority', 'Reminder'] as const);
          const at = reminder();
          const patch =
            field === 'Subject' ? { Subject: phrase() } : field === 'Description' ? { Description: next() < 0.2 ? null : phrase() } : field === 'ActivityDate' ? { ActivityDate: next() < 0.2 ? null : day() } : field === 'Priority' ? { Priority: pick(['High', 'Normal', 'Low']) } : at ? { IsReminderSet: true, ReminderDateTime: at } : { IsReminderSet: false, ReminderDateTime: null };
          await sf.sobject('Task').update({ Id: record.Id, ...patch });
        } else if (op === 'complete') await sf.sobject('Task').update({ Id: record.Id, Status: 'Completed' });
        else if (op === 'reopen') await sf.sobject('Task').update({ Id: record.Id, Status: pick(['Not Started', 'In Progress']) });
        else await sf.sobject('Task').destroy(record.Id);
      }
      if ((i + 1) % operationsPerRound === 0) await h.round(user);
    }

    // Faults off; the rounds that follow settle what the last ones left for a retry.
    await control.clearFaults();
    await h.round(user);
    await h.round(user);

    const sia = await liveSia();
    const records = await liveSf();
    const links = await h.links(user);
    const bySf = new Map(records.map((r) => [r.Id, r]));

    // Every live SIA task has one live link to one live Salesforce task with the same fields.
    const liveLinks = links.filter((l) => sia.some((t) => t.id === l.siaTaskId));
    expect(liveLinks).toHaveLength(sia.length);
    const mismatches = sia.flatMap((task): Array<{ task: string; problem?: string; sia?: unknown; salesforce?: unknown }> => {
      const link = links.find((l) => l.siaTaskId === task.id);
      const record = link ? bySf.get(link.sfTaskId) : undefined;
      if (!record) return [{ task: task.name, problem: 'no live Salesforce task' }];
      const a = normalizeTaskFields(taskFieldsOf(task));
      const b = fromSalesforce(record);
      return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ task: task.name, sia: a, salesforce: b }];
    });
    expect(mismatches).toEqual([]);
    // Every live Salesforce task is one of them: nothing left out, nothing extra.
    const linkedSf = new Set(liveLinks.map((l) => l.sfTaskId));
    expect(records.filter((r) => !linkedSf.has(r.Id)).map((r) => r.Subject)).toEqual([]);
    expect(records).toHaveLength(sia.length);

    // No duplicates: one live Salesforce task per SIA task id, one link per Salesforce task.
    const perExternalId = new Map<string, number>();
    for (const r of records) if (r.SIA_Task_Id__c) perExternalId.set(r.SIA_Task_Id__c, (perExternalId.get(r.SIA_Task_Id__c) ?? 0) + 1);
    expect([...perExternalId.entries()].filter(([, n]) => n > 1)).toEqual([]);
    const perSfTask = new Map<string, number>();
    for (const l of links) perSfTask.set(l.sfTaskId, (perSfTask.get(l.sfTaskId) ?? 0) + 1);
    expect([...perSfTask.entries()].filter(([, n]) => n > 1)).toEqual([]);

    // The run really exercised both sides and the faults.
    expect(sia.length).toBeGreaterThan(10);
    expect(Object.keys(tally).sort()).toEqual(['sf:complete', 'sf:create', 'sf:delete', 'sf:edit', 'sf:reopen', 'sia:complete', 'sia:create', 'sia:delete', 'sia:edit', 'sia:reopen']);
    const fired = (await control.calls({ userId: sfUserId })).calls.filter((c) => c.fault !== null);
    expect(new Set(fired.map((c) => c.fault?.split('#')[0]))).toEqual(new Set(['lostAnswer', 'error']));
    expect((await h.status(user))?.phase).toBe('reconciling');
  }, 120_000);
});

import { expect } from '@jest/globals';
import { sql } from 'kysely';
import { linkBySiaId } from '../../../store/links';
import { recordPushed } from '../../../store/record-pushed';
import { TaskValidationError } from '../../../store/task-model';
import {
  changesSince,
  completeTask,
  createTask,
  currentSeq,
  getTask,
  listTasks,
  reopenTask,
  softDeleteTask,
  updateTask,
} from '../../../store/tasks';
import { dialects, newUser, useStore } from './store-fixtures';

const t0 = new Date('2025-03-10T09:00:00.000Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe.each(dialects)('tasks on %s', (_dialect, database) => {
  const store = useStore(database);

  it('creates a task with defaults, stamps the change number and bumps the user sequence', async () => {
    const { db } = store();
    const user = await newUser(db);
    expect(await currentSeq(db, user.id)).toBe(0);
    const task = await createTask(db, user.id, { name: 'Call Ann', dueDate: '2025-03-11' }, t0);
    expect(task).toMatchObject({
      userId: user.id,
      name: 'Call Ann',
      details: null,
      dueDate: '2025-03-11',
      status: 'open',
      priority: 'normal',
      reminderAt: null,
      createdAt: t0.toISOString(),
      updatedAt: t0.toISOString(),
      deletedAt: null,
      createdSeq: 1,
      changeSeq: 1,
      origin: 'sia',
    });
    expect(task.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await currentSeq(db, user.id)).toBe(1);
    expect(await getTask(db, user.id, task.id)).toEqual(task);
  });

  it('keeps due dates exactly as written, whatever the zone, including the edges of the year', async () => {
    const { db } = store();
    const user = await newUser(db, { timeZone: 'Pacific/Kiritimati' });
    const dates = ['2025-01-01', '2024-12-31', '2024-02-29', '2025-03-30'];
    const created = [];
    for (const dueDate of dates) created.push(await createTask(db, user.id, { name: `due ${dueDate}`, dueDate }));
    for (const [i, task] of created.entries()) {
      expect((await getTask(db, user.id, task.id))?.dueDate).toBe(dates[i]);
    }
    const raw = await db.selectFrom('tasks').select('due_date').where('user_id', '=', user.id).orderBy('created_seq').execute();
    expect(raw.map((r) => r.due_date)).toEqual(dates);
    expect((await listTasks(db, user.id, { dueFrom: '2025-01-01', dueTo: '2025-01-01' })).map((t) => t.dueDate)).toEqual(['2025-01-01']);
  });

  it('rejects invalid fields without taking a change number', async () => {
    const { db } = store();
    const user = await newUser(db);
    await expect(createTask(db, user.id, { name: 'x', dueDate: '2025-02-30' })).rejects.toThrow(TaskValidationError);
    await expect(createTask(db, user.id, { name: 'x', dueDate: '2025-03-01T00:00:00Z' })).rejects.toThrow(TaskValidationError);
    await expect(createTask(db, user.id, { name: 'x', reminderAt: '2025-03-01 10:00' })).rejects.toThrow(TaskValidationError);
    await expect(createTask(db, user.id, { name: 'x', status: 'done' as never })).rejects.toThrow(TaskValidationError);
    expect(await currentSeq(db, user.id)).toBe(0);
  });

  it('normalises like the sync compares: trimmed one-line name, empty details as null, reminder in UTC to the second', async () => {
    const { db } = store();
    const user = await newUser(db);
    const task = await createTask(db, user.id, { name: '  Call\nAnn ', details: '   ', reminderAt: '2025-03-10T10:30:15.789+01:00' });
    expect(task).toMatchObject({ name: 'Call Ann', details: null, reminderAt: '2025-03-10T09:30:15.000Z' });
  });

  it('stores text clean: no NUL or other control characters, no lone surrogates', async () => {
    const { db } = store();
    const user = await newUser(db);
    const task = await createTask(db, user.id, { name: 'Call\u0000 Ann\u0007', details: 'Line 1\r\n\tLine 2\u0000\uD800' });
    expect(task).toMatchObject({ name: 'Call Ann', details: 'Line 1\n\tLine 2\uFFFD' });
    expect(await getTask(db, user.id, task.id)).toMatchObject({ name: 'Call Ann', details: 'Line 1\n\tLine 2\uFFFD' });
  });

  it('updates only what changed, and a no-op update takes no change number', async () => {
    const { db } = store();
    const user = await newUser(db);
    const task = await createTask(db, user.id, { name: 'Draft', details: 'notes', priority: 'high' }, t0);
    const updated = await updateTask(db, user.id, task.id, { name: 'Final', reminderAt: '2025-03-12T08:00:00Z' }, later(1));
    expect(updated).toMatchObject({ name: 'Final', details: 'notes', priority: 'high', reminderAt: '2025-03-12T08:00:00.000Z', changeSeq: 2, createdSeq: 1 });
    expect(updated?.updatedAt).toBe(later(1).toISOString());

    const again = await updateTask(db, user.id, task.id, { name: 'Final' }, later(2));
    expect(again).toEqual(updated);
    expect(await currentSeq(db, user.id)).toBe(2);

    const cleared = await updateTask(db, user.id, task.id, { reminderAt: null, details: null }, later(3));
    expect(cleared).toMatchObject({ reminderAt: null, details: null, changeSeq: 3 });
  });

  it('completes and reopens', async () => {
    const { db } = store();
    const user = await newUser(db);
    const task = await createTask(db, user.id, { name: 'Send deck' });
    expect((await completeTask(db, user.id, task.id))?.status).toBe('complete');
    expect(await listTasks(db, user.id, { status: 'open' })).toEqual([]);
    expect((await reopenTask(db, user.id, task.id))?.status).toBe('open');
    expect(await currentSeq(db, user.id)).toBe(3);
  });

  it('soft-deletes: hidden from lists, kept for the sync, not editable, deleted once', async () => {
    const { db } = store();
    const user = await newUser(db);
    const task = await createTask(db, user.id, { name: 'Old lead' }, t0);
    expect(await softDeleteTask(db, user.id, task.id, later(5))).toBe(true);
    expect(await softDeleteTask(db, user.id, task.id, later(6))).toBe(false);
    expect(await listTasks(db, user.id)).toEqual([]);
    const [deleted] = await listTasks(db, user.id, { includeDeleted: true });
    expect(deleted).toMatchObject({ id: task.id, deletedAt: later(5).toISOString(), changeSeq: 2 });
    expect(await updateTask(db, user.id, task.id, { name: 'Revived' })).toBeUndefined();
    expect(await softDeleteTask(db, user.id, 'no-such-task')).toBe(false);

    const changes = await changesSince(db, user.id, 1, 10);
    expect(changes.map((c) => [c.task.id, c.task.deletedAt])).toEqual([[task.id, later(5).toISOString()]]);
  });

  it('lists by due date (undated last), then creation, within a due window', async () => {
    const { db } = store();
    const user = await newUser(db);
    await createTask(db, user.id, { name: 'undated' });
    await createTask(db, user.id, { name: 'tomorrow', dueDate: '2025-03-11' });
    await createTask(db, user.id, { name: 'today b', dueDate: '2025-03-10' });
    await createTask(db, user.id, { name: 'today a', dueDate: '2025-03-10' });
    await createTask(db, user.id, { name: 'next week', dueDate: '2025-03-17' });
    expect((await listTasks(db, user.id)).map((t) => t.name)).toEqual(['today b', 'today a', 'tomorrow', 'next week', 'undated']);
    expect((await listTasks(db, user.id, { dueFrom: '2025-03-10', dueTo: '2025-03-11' })).map((t) => t.name)).toEqual(['today b', 'today a', 'tomorrow']);
  });

  it('pages through changesSince in change order, each task once at its latest change, with its link', async () => {
    const { db } = store();
    const user = await newUser(db);
    const a = await createTask(db, user.id, { name: 'a' }); // 1
    const b = await createTask(db, user.id, { name: 'b' }); // 2
    const c = await createTask(db, user.id, { name: 'c' }); // 3
    await updateTask(db, user.id, a.id, { name: 'a2' }); // 4
    const d = await createTask(db, user.id, { name: 'd' }); // 5
    await softDeleteTask(db, user.id, b.id); // 6
    await recordPushed(db, user.id, [{ kind: 'created', siaTaskId: c.id, sfTaskId: '00T000000000001AAA', fields: { name: 'c', details: null, dueDate: null, status: 'open', priority: 'normal', reminderAt: null } }]);

    const seen: Array<[string, number]> = [];
    let cursor = 0;
    for (;;) {
      const page = await changesSince(db, user.id, cursor, 2);
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(2);
      for (const change of page) seen.push([change.task.name, change.task.changeSeq]);
      cursor = page[page.length - 1]!.task.changeSeq;
    }
    expect(seen).toEqual([
      ['c', 3],
      ['a2', 4],
      ['d', 5],
      ['b', 6],
    ]);
    const all = await changesSince(db, user.id, 0, 100);
    expect(all.find((ch) => ch.task.id === c.id)?.link).toEqual(await linkBySiaId(db, user.id, c.id));
    expect(all.find((ch) => ch.task.id === c.id)?.link?.sfTaskId).toBe('00T000000000001AAA');
    expect(all.find((ch) => ch.task.id === d.id)?.link).toBeNull();
    expect(await changesSince(db, user.id, 6, 10)).toEqual([]);
  });

  it('keeps each user’s sequence separate', async () => {
    const { db } = store();
    const ann = await newUser(db);
    const bob = await newUser(db);
    await createTask(db, ann.id, { name: 'ann 1' });
    await createTask(db, ann.id, { name: 'ann 2' });
    const bobs = await createTask(db, bob.id, { name: 'bob 1' });
    expect(bobs.changeSeq).toBe(1);
    expect(await currentSeq(db, ann.id)).toBe(2);
    expect((await changesSince(db, bob.id, 0, 10)).map((c) => c.task.name)).toEqual(['bob 1']);
    expect(await getTask(db, ann.id, bobs.id)).toBeUndefined();
  });

  it('rolls back the sequence with the write when a transaction fails', async () => {
    const s = store();
    const user = await newUser(s.db);
    await createTask(s.db, user.id, { name: 'kept' });
    await expect(
      s.transaction(async (tx) => {
        await createTask(tx, user.id, { name: 'rolled back' });
        await sql`select * from no_such_table`.execute(tx);
      }),
      // Matched on the message: better-sqlite3 builds its errors in the first jest realm that loaded it.
    ).rejects.toMatchObject({ message: expect.stringMatching(/no such table|does not exist/) });
    expect(await currentSeq(s.db, user.id)).toBe(1);
    expect((await createTask(s.db, user.id, { name: 'next' })).changeSeq).toBe(2);
    expect((await listTasks(s.db, user.id)).map((t) => t.name)).toEqual(['kept', 'next']);
  });

  it('refuses a task for an unknown user', async () => {
    await expect(createTask(store().db, 'nobody', { name: 'x' })).rejects.toThrow(/No user nobody/);
  });
});

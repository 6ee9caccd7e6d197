import { allLinks, deleteLink, deleteLinks, linkBySfId, linkBySiaId, linksForSfTasks, linksForTasks } from '../../../store/links';
import { applyFromSalesforce, type ApplyResult, type SalesforceChange } from '../../../store/apply-from-salesforce';
import { recordPushed } from '../../../store/record-pushed';
import { createMarksFor, dropCreateMarks, markCreatesSent } from '../../../store/create-marks';
import { toSiaTaskSnapshot, type TaskFields } from '../../../store/task-model';
import { changesSince, createTask, currentSeq, getTask, listTasks, softDeleteTask, updateTask } from '../../../store/tasks';
import { dialects, newUser, useStore } from './store-fixtures';

const fields = (overrides: Partial<TaskFields> = {}): TaskFields => ({
  name: 'Follow up',
  details: null,
  dueDate: '2025-03-11',
  status: 'open',
  priority: 'normal',
  reminderAt: null,
  ...overrides,
});
const sfId = (n: number) => `00T5g00000${String(n).padStart(5, '0')}AAA`;
const now = new Date('2025-03-10T12:00:00.000Z');

describe.each(dialects)('sync writes on %s', (_dialect, database) => {
  const store = useStore(database);

  it('imports Salesforce tasks once: applying the same batch again changes nothing and takes no change number', async () => {
    const { db } = store();
    const user = await newUser(db);
    const batch: SalesforceChange[] = [
      { kind: 'upsert', sfTaskId: sfId(1), sfModstamp: '2025-03-10T11:00:00.000+0000', sfFields: fields({ name: 'Call Ann', dueDate: '2025-01-01' }) },
      { kind: 'upsert', sfTaskId: sfId(2), sfModstamp: '2025-03-10T11:00:01.000+0000', sfFields: fields({ name: 'Email Bob', priority: 'high' }) },
    ];
    const first = await applyFromSalesforce(db, user.id, batch, now);
    expect(first.map((r) => r.outcome)).toEqual(['created', 'created']);
    expect(await currentSeq(db, user.id)).toBe(2);

    const again = await applyFromSalesforce(db, user.id, batch, new Date('2025-03-10T12:05:00Z'));
    expect(again).toEqual(first.map((r) => ({ ...r, outcome: 'unchanged' })));
    expect(await currentSeq(db, user.id)).toBe(2);

    const tasks = await listTasks(db, user.id);
    expect(tasks.map((t) => [t.name, t.dueDate, t.origin])).toEqual([
      ['Call Ann', '2025-01-01', 'salesforce'],
      ['Email Bob', '2025-03-11', 'salesforce'],
    ]);
    const link = await linkBySfId(db, user.id, sfId(1));
    expect(link).toEqual({
      userId: user.id,
      siaTaskId: first[0]!.siaTaskId,
      sfTaskId: sfId(1),
      synced: fields({ name: 'Call Ann', dueDate: '2025-01-01' }),
      sfModstamp: '2025-03-10T11:00:00.000Z',
      syncedAt: now.toISOString(),
      sfDeleted: false,
    });
    expect(await allLinks(db, user.id)).toHaveLength(2);
  });

  it('updates, deletes and restores linked tasks from Salesforce, each once', async () => {
    const { db } = store();
    const user = await newUser(db);
    const [created] = await applyFromSalesforce(db, user.id, [{ kind: 'upsert', sfTaskId: sfId(1), sfModstamp: '2025-03-10T10:00:00Z', sfFields: fields() }], now);
    const siaTaskId = created!.siaTaskId!;

    const update: SalesforceChange = { kind: 'upsert', sfTaskId: sfId(1), sfModstamp: '2025-03-10T10:30:00Z', sfFields: fields({ status: 'complete' }) };
    expect((await applyFromSalesforce(db, user.id, [update], now))[0]!.outcome).toBe('updated');
    expect((await applyFromSalesforce(db, user.id, [update], now))[0]!.outcome).toBe('unchanged');
    expect((await getTask(db, user.id, siaTaskId))?.status).toBe('complete');

    const del: SalesforceChange = { kind: 'delete', sfTaskId: sfId(1), sfModstamp: '2025-03-10T11:00:00Z' };
    expect((await applyFromSalesforce(db, user.id, [del], now))[0]!.outcome).toBe('deleted');
    const seqAfterDelete = await currentSeq(db, user.id);
    expect((await applyFromSalesforce(db, user.id, [del], now))[0]!.outcome).toBe('unchanged');
    expect(await currentSeq(db, user.id)).toBe(seqAfterDelete);
    expect((await getTask(db, user.id, siaTaskId))?.deletedAt).toBe(now.toISOString());
    expect((await linkBySiaId(db, user.id, siaTaskId))?.sfDeleted).toBe(true);
    // The deletion is a change the push side sees, with its link marking Salesforce's side gone.
    const [change] = await changesSince(db, user.id, seqAfterDelete - 1, 10);
    expect(change).toMatchObject({ task: { id: siaTaskId }, link: { sfDeleted: true } });
    expect(toSiaTaskSnapshot(change!.task)).toEqual({ id: siaTaskId, createdSeq: 1, deleted: true, deletedAt: now.toISOString() });

    // An older read arriving late is ignored.
    expect((await applyFromSalesforce(db, user.id, [update], now))[0]!.outcome).toBe('stale');

    const undeleted: SalesforceChange = { kind: 'upsert', sfTaskId: sfId(1), sfModstamp: '2025-03-10T11:30:00Z', sfFields: fields({ status: 'complete' }) };
    expect((await applyFromSalesforce(db, user.id, [undeleted], now))[0]!.outcome).toBe('restored');
    expect(await getTask(db, user.id, siaTaskId)).toMatchObject({ deletedAt: null, status: 'complete' });
    expect((await linkBySiaId(db, user.id, siaTaskId))?.sfDeleted).toBe(false);

    expect((await applyFromSalesforce(db, user.id, [{ kind: 'delete', sfTaskId: sfId(99) }], now))[0]).toEqual({ sfTaskId: sfId(99), siaTaskId: null, outcome: 'not_linked' });
  });

  it('keeps the Salesforce state as synced when the SIA task gets merged fields, so the difference shows as a SIA change', async () => {
    const { db } = store();
    const user = await newUser(db);
    const task = await createTask(db, user.id, { name: 'Prep', dueDate: '2025-03-12' });
    await recordPushed(db, user.id, [{ kind: 'created', siaTaskId: task.id, sfTaskId: sfId(5), fields: fields({ name: 'Prep', dueDate: '2025-03-12' }) }], now);
    const sfFields = fields({ name: 'Prep (SF)', dueDate: '2025-03-12' });
    const siaFields = fields({ name: 'Prep (SF)', dueDate: '2025-03-12', priority: 'high' });
    const [result] = await applyFromSalesforce(db, user.id, [{ kind: 'upsert', sfTaskId: sfId(5), sfModstamp: '2025-03-10T11:00:00Z', sfFields, siaFields }], now);
    expect(result).toEqual({ sfTaskId: sfId(5), siaTaskId: task.id, outcome: 'updated' });
    const [change] = await changesSince(db, user.id, task.changeSeq, 10);
    expect(change?.task).toMatchObject({ name: 'Prep (SF)', priority: 'high' });
    expect(change?.link?.synced).toEqual(sfFields);
  });

  it('adopts a Salesforce task carrying our external id instead of importing a copy', async () => {
    const { db } = store();
    const user = await newUser(db);
    const task = await createTask(db, user.id, { name: 'Pushed, answer lost', dueDate: '2025-03-12' });
    const item: SalesforceChange = {
      kind: 'upsert',
      sfTaskId: sfId(7),
      sfModstamp: '2025-03-10T11:00:00Z',
      sfFields: fields({ name: 'Pushed, answer lost', dueDate: '2025-03-12' }),
      siaTaskId: task.id,
    };
    expect(await applyFromSalesforce(db, user.id, [item], now)).toEqual([{ sfTaskId: sfId(7), siaTaskId: task.id, outcome: 'unchanged' }]);
    expect(await applyFromSalesforce(db, user.id, [item], now)).toEqual([{ sfTaskId: sfId(7), siaTaskId: task.id, outcome: 'unchanged' }]);
    expect(await listTasks(db, user.id)).toHaveLength(1);
    expect((await linkBySiaId(db, user.id, task.id))?.sfTaskId).toBe(sfId(7));
    expect(await currentSeq(db, user.id)).toBe(1);
  });

  it('skips a decision made before the user changed the task: a delete made meanwhile is never undone', async () => {
    const { db } = store();
    const user = await newUser(db);
    const [created] = await applyFromSalesforce(db, user.id, [{ kind: 'upsert', sfTaskId: sfId(8), sfModstamp: '2025-03-10T11:00:00Z', sfFields: fields({ name: 'Read by the sync' }), expectSiaSeq: null }], now);
    const siaTaskId = created!.siaTaskId!;
    const readSeq = (await getTask(db, user.id, siaTaskId))!.changeSeq;
    // The sync read the task at readSeq and decided "unchanged"; the user deletes it before the write lands.
    await softDeleteTask(db, user.id, siaTaskId);
    const echo: SalesforceChange = { kind: 'upsert', sfTaskId: sfId(8), sfModstamp: '2025-03-10T11:00:00Z', sfFields: fields({ name: 'Read by the sync' }), expectSiaSeq: readSeq };
    expect(await applyFromSalesforce(db, user.id, [echo], now)).toEqual([{ sfTaskId: sfId(8), siaTaskId, outcome: 'stale' }]);
    expect((await getTask(db, user.id, siaTaskId))?.deletedAt).not.toBeNull();
    // Decided on the current state, the same write applies.
    const fresh = { ...echo, expectSiaSeq: (await getTask(db, user.id, siaTaskId))!.changeSeq };
    expect((await applyFromSalesforce(db, user.id, [fresh], now))[0]?.outcome).toBe('restored');
  });

  it('records pushed creates, updates and deletes idempotently, without touching tasks', async () => {
    const { db } = store();
    const user = await newUser(db);
    const a = await createTask(db, user.id, { name: 'A', dueDate: '2025-03-11' });
    const b = await createTask(db, user.id, { name: 'B', dueDate: '2025-03-12' });
    const seq = await currentSeq(db, user.id);
    const creates = [
      { kind: 'created' as const, siaTaskId: a.id, sfTaskId: sfId(10), fields: fields({ name: 'A', dueDate: '2025-03-11' }), sfModstamp: '2025-03-10T11:00:00Z' },
      { kind: 'created' as const, siaTaskId: b.id, sfTaskId: sfId(11), fields: fields({ name: 'B', dueDate: '2025-03-12' }) },
    ];
    expect((await recordPushed(db, user.id, creates, now)).map((r) => r.outcome)).toEqual(['linked', 'linked']);
    expect((await recordPushed(db, user.id, creates, now)).map((r) => r.outcome)).toEqual(['unchanged', 'unchanged']);

    await updateTask(db, user.id, a.id, { status: 'complete' });
    await softDeleteTask(db, user.id, b.id);
    const after = [
      { kind: 'updated' as const, siaTaskId: a.id, fields: fields({ name: 'A', dueDate: '2025-03-11', status: 'complete' }) },
      { kind: 'deleted' as const, siaTaskId: b.id },
    ];
    expect((await recordPushed(db, user.id, after, now)).map((r) => r.outcome)).toEqual(['updated', 'deleted']);
    expect((await recordPushed(db, user.id, after, now)).map((r) => r.outcome)).toEqual(['unchanged', 'unchanged']);
    expect(await currentSeq(db, user.id)).toBe(seq + 2);

    const links = await linksForTasks(db, user.id, [a.id, b.id, 'unlinked']);
    expect([...links.keys()].sort()).toEqual([a.id, b.id].sort());
    expect(links.get(a.id)).toMatchObject({ sfTaskId: sfId(10), synced: { status: 'complete' }, sfModstamp: '2025-03-10T11:00:00.000Z', sfDeleted: false });
    expect(links.get(b.id)).toMatchObject({ sfTaskId: sfId(11), sfDeleted: true });
    expect([...(await linksForSfTasks(db, user.id, [sfId(10)])).keys()]).toEqual([sfId(10)]);

    expect(await recordPushed(db, user.id, [{ kind: 'updated', siaTaskId: 'nope', fields: fields() }], now)).toEqual([{ siaTaskId: 'nope', outcome: 'missing_link' }]);
    // A re-create in Salesforce re-points the link to the new record.
    expect((await recordPushed(db, user.id, [{ kind: 'created', siaTaskId: b.id, sfTaskId: sfId(12), fields: fields({ name: 'B', dueDate: '2025-03-12' }) }], now))[0]?.outcome).toBe('linked');
    expect(await linkBySiaId(db, user.id, b.id)).toMatchObject({ sfTaskId: sfId(12), sfDeleted: false, sfModstamp: null });
    expect(await deleteLink(db, user.id, b.id)).toBe(true);
    expect(await deleteLink(db, user.id, b.id)).toBe(false);
    expect(await deleteLinks(db, user.id, [a.id, b.id, 'unlinked'])).toBe(1);
    expect(await allLinks(db, user.id)).toEqual([]);
  });

  it('keeps a create mark from before the create went out until its link is recorded', async () => {
    const { db } = store();
    const user = await newUser(db);
    const other = await newUser(db);
    const a = await createTask(db, user.id, { name: 'A' });
    const b = await createTask(db, user.id, { name: 'B' });
    const early = new Date('2025-03-10T10:00:00Z');
    await markCreatesSent(db, user.id, [{ siaTaskId: a.id, fields: fields({ name: 'A' }) }, { siaTaskId: b.id, fields: fields({ name: 'B' }) }], early);
    // A later attempt replaces the mark with what it sends.
    await markCreatesSent(db, user.id, [{ siaTaskId: a.id, fields: fields({ name: 'A, renamed' }) }], now);
    const marks = await createMarksFor(db, user.id, [a.id, b.id, 'unmarked']);
    expect([...marks.keys()].sort()).toEqual([a.id, b.id].sort());
    expect(marks.get(a.id)).toEqual({ siaTaskId: a.id, fields: fields({ name: 'A, renamed' }), sentAt: now.toISOString() });
    expect(marks.get(b.id)).toEqual({ siaTaskId: b.id, fields: fields({ name: 'B' }), sentAt: early.toISOString() });
    expect(await createMarksFor(db, other.id, [a.id, b.id])).toEqual(new Map());

    await recordPushed(db, user.id, [{ kind: 'created', siaTaskId: a.id, sfTaskId: sfId(20), fields: fields({ name: 'A, renamed' }) }], now);
    expect([...(await createMarksFor(db, user.id, [a.id, b.id])).keys()]).toEqual([b.id]);
    await dropCreateMarks(db, user.id, [b.id]);
    expect(await createMarksFor(db, user.id, [a.id, b.id])).toEqual(new Map());
  });

  it('checks a whole batch before writing any of it', async () => {
    const { db } = store();
    const user = await newUser(db);
    const bad = { kind: 'upsert', sfTaskId: sfId(21), sfModstamp: '2025-03-10T11:00:00Z', sfFields: fields({ dueDate: '2025-13-01' }) } as SalesforceChange;
    const good: SalesforceChange = { kind: 'upsert', sfTaskId: sfId(20), sfModstamp: '2025-03-10T11:00:00Z', sfFields: fields() };
    await expect(applyFromSalesforce(db, user.id, [good, bad], now)).rejects.toThrow(/dueDate/i);
    expect(await listTasks(db, user.id)).toEqual([]);
    expect(await currentSeq(db, user.id)).toBe(0);
  });

  it('composes into a caller’s transaction: a rollback undoes tasks, links and the sequence', async () => {
    const s = store();
    const user = await newUser(s.db);
    const good: SalesforceChange = { kind: 'upsert', sfTaskId: sfId(30), sfModstamp: '2025-03-10T11:00:00Z', sfFields: fields() };
    await expect(
      s.transaction(async (tx) => {
        const [applied] = await applyFromSalesforce(tx, user.id, [good], now);
        await recordPushed(tx, user.id, [{ kind: 'updated', siaTaskId: applied!.siaTaskId!, fields: fields({ name: 'changed' }) }], now);
        throw new Error('activity failed after writing');
      }),
    ).rejects.toThrow('activity failed after writing');
    expect(await listTasks(s.db, user.id, { includeDeleted: true })).toEqual([]);
    expect(await allLinks(s.db, user.id)).toEqual([]);
    expect(await currentSeq(s.db, user.id)).toBe(0);
  });

  it('decides each item of one batch on what the items before it did, as one call per item would', async () => {
    const { db } = store();
    const items = (adoptable: string): SalesforceChange[] => [
      { kind: 'upsert', sfTaskId: sfId(40), sfModstamp: '2025-03-10T10:00:00Z', sfFields: fields({ name: 'Born in SF' }) },
      { kind: 'upsert', sfTaskId: sfId(40), sfModstamp: '2025-03-10T10:10:00Z', sfFields: fields({ name: 'Born in SF', status: 'complete' }) },
      { kind: 'delete', sfTaskId: sfId(40), sfModstamp: '2025-03-10T10:20:00Z' },
      { kind: 'upsert', sfTaskId: sfId(40), sfModstamp: '2025-03-10T10:10:00Z', sfFields: fields({ name: 'Late read' }) },
      { kind: 'delete', sfTaskId: sfId(40), sfModstamp: '2025-03-10T10:25:00Z', expectSiaSeq: 3 },
      { kind: 'upsert', sfTaskId: sfId(40), sfModstamp: '2025-03-10T10:30:00Z', sfFields: fields({ name: 'Back again' }) },
      { kind: 'upsert', sfTaskId: sfId(41), sfModstamp: '2025-03-10T10:00:00Z', sfFields: fields({ name: 'Second' }) },
      { kind: 'delete', sfTaskId: sfId(42) },
      { kind: 'upsert', sfTaskId: sfId(43), sfModstamp: '2025-03-10T10:00:00Z', sfFields: fields({ name: 'Pushed' }), siaTaskId: adoptable },
      { kind: 'upsert', sfTaskId: sfId(44), sfModstamp: '2025-03-10T10:00:00Z', sfFields: fields({ name: 'Pushed' }), siaTaskId: adoptable },
      { kind: 'upsert', sfTaskId: sfId(41), sfModstamp: '2025-03-10T10:00:00Z', sfFields: fields({ name: 'Second' }) },
      { kind: 'delete', sfTaskId: sfId(41), sfModstamp: '2025-03-10T10:40:00Z', expectSiaSeq: 6 },
    ];
    const run = async (oneCall: boolean) => {
      const user = await newUser(db);
      const pushed = await createTask(db, user.id, { name: 'Pushed', dueDate: '2025-03-11' }, now);
      const batch = items(pushed.id);
      const results: ApplyResult[] = [];
      if (oneCall) results.push(...(await applyFromSalesforce(db, user.id, batch, now)));
      else for (const item of batch) results.push(...(await applyFromSalesforce(db, user.id, [item], now)));
      // Task ids are random: name them by order of first appearance.
      const names = new Map<string, string>([[pushed.id, 'pushed']]);
      const name = (id: string | null) => (id === null ? null : (names.get(id) ?? names.set(id, `t${names.size}`).get(id)!));
      return {
        results: results.map((r) => ({ ...r, siaTaskId: name(r.siaTaskId) })),
        tasks: (await listTasks(db, user.id, { includeDeleted: true })).map(({ id, userId: _u, ...rest }) => ({ ...rest, id: name(id) })),
        links: (await allLinks(db, user.id)).map(({ siaTaskId, userId: _u, ...rest }) => ({ ...rest, siaTaskId: name(siaTaskId) })).sort((a, b) => a.sfTaskId.localeCompare(b.sfTaskId)),
        seq: await currentSeq(db, user.id),
      };
    };
    const oneByOne = await run(false);
    const together = await run(true);
    expect(together).toEqual(oneByOne);
    expect(together.results.map((r) => [r.siaTaskId, r.outcome])).toEqual([
      ['t1', 'created'],
      ['t1', 'updated'],
      ['t1', 'deleted'],
      ['t1', 'stale'],
      ['t1', 'stale'],
      ['t1', 'restored'],
      ['t2', 'created'],
      [null, 'not_linked'],
      ['pushed', 'unchanged'],
      ['t3', 'created'],
      ['t2', 'unchanged'],
      ['t2', 'deleted'],
    ]);
    expect(together.seq).toBe(8);
    expect(together.tasks.map((t) => [t.id, t.name, t.createdSeq, t.changeSeq, t.deletedAt === null])).toEqual([
      ['pushed', 'Pushed', 1, 1, true],
      ['t1', 'Back again', 2, 5, true],
      ['t2', 'Second', 6, 8, false],
      ['t3', 'Pushed', 7, 7, true],
    ]);
  });

  it('writes a batch larger than one statement can bind, and applying it again changes nothing', async () => {
    const { db } = store();
    const user = await newUser(db);
    const batch: SalesforceChange[] = Array.from({ length: 3000 }, (_, i) => ({
      kind: 'upsert',
      sfTaskId: sfId(1000 + i),
      sfModstamp: '2025-03-10T11:00:00Z',
      sfFields: fields({ name: `Imported ${i}`, details: `Body ${i}` }),
      expectSiaSeq: null,
    }));
    const first = await applyFromSalesforce(db, user.id, batch, now);
    expect(first.every((r) => r.outcome === 'created')).toBe(true);
    expect(await currentSeq(db, user.id)).toBe(3000);
    const tasks = await listTasks(db, user.id);
    expect(tasks.map((t) => t.name)).toEqual(batch.map((_, i) => `Imported ${i}`));
    expect(tasks.map((t) => t.changeSeq)).toEqual(batch.map((_, i) => i + 1));
    const links = await linksForSfTasks(db, user.id, batch.map((b) => b.sfTaskId));
    expect(first.every((r) => links.get(r.sfTaskId)?.siaTaskId === r.siaTaskId)).toBe(true);

    const again = await applyFromSalesforce(db, user.id, batch.map((b) => ({ ...b, expectSiaSeq: undefined })), new Date('2025-03-10T12:05:00Z'));
    expect(again.filter((r) => r.outcome !== 'unchanged')).toEqual([]);
    expect(await currentSeq(db, user.id)).toBe(3000);
  });
});

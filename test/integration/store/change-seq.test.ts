import { openStore, type Store } from '../../../store/open-store';
import { changesSince, createTask, currentSeq, softDeleteTask, updateTask } from '../../../store/tasks';
import { dialects, newUser, useStore } from './store-fixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe.each(dialects)('the change sequence on %s', (dialect, database) => {
  const store = useStore(database);
  // PostgreSQL: a second pool on the same database plays a second worker process.
  let writers: Store[] = [];
  beforeAll(async () => {
    writers = dialect === 'postgres' ? [store(), await openStore(store().url)] : [store()];
  });
  afterAll(async () => {
    for (const writer of writers.slice(1)) await writer.close();
  });

  it('hands out every number exactly once under many parallel transactions, and a reader following the cursor misses none', async () => {
    const user = await newUser(store().db);
    const writes = 80;
    const seen = new Map<string, number>();
    let cursor = 0;
    const poll = async () => {
      const page = await changesSince(store().db, user.id, cursor, 1000);
      for (const change of page) {
        expect(change.task.changeSeq).toBeGreaterThan(cursor);
        seen.set(change.task.id, change.task.changeSeq);
      }
      if (page.length > 0) cursor = page[page.length - 1]!.task.changeSeq;
    };
    let writing = true;
    const reader = (async () => {
      while (writing) {
        await poll();
        await sleep(1);
      }
    })();

    const seqs = await Promise.all(
      range(writes).map((i) =>
        writers[i % writers.length]!.transaction(async (tx) => {
          const task = await createTask(tx, user.id, { name: `task ${i}` });
          // Hold the transaction open a little so commits interleave with the reader.
          await sleep(i % 4);
          return task.changeSeq;
        }),
      ),
    );
    writing = false;
    await reader;
    await poll();

    expect([...seqs].sort((a, b) => a - b)).toEqual(range(writes));
    expect(await currentSeq(store().db, user.id)).toBe(writes);
    expect(seen.size).toBe(writes);
    expect([...seen.values()].sort((a, b) => a - b)).toEqual(range(writes));
  });

  it('gives creates, updates and deletes of the same tasks distinct, gapless numbers', async () => {
    const user = await newUser(store().db);
    const base = await Promise.all(range(10).map((i) => createTask(store().db, user.id, { name: `t${i}` })));
    const ops = base.flatMap((task, i) => [
      (s: Store) => updateTask(s.db, user.id, task.id, { name: `t${i} renamed` }).then((t) => t?.changeSeq),
      (s: Store) => updateTask(s.db, user.id, task.id, { priority: 'high' }).then((t) => t?.changeSeq),
      (s: Store) => softDeleteTask(s.db, user.id, task.id).then(() => undefined),
      (s: Store) => createTask(s.db, user.id, { name: `new ${i}` }).then((t) => t.changeSeq),
    ]);
    const results = await Promise.all(ops.map((op, i) => op(writers[i % writers.length]!)));
    const total = await currentSeq(store().db, user.id);
    // An update that lost the race to the delete changes nothing and takes no number.
    const numbered = results.filter((r): r is number => r !== undefined);
    expect(new Set(numbered).size).toBe(numbered.length);
    const rows = await store().db.selectFrom('tasks').select('change_seq').where('user_id', '=', user.id).execute();
    const latest = rows.map((r) => r.change_seq);
    expect(new Set(latest).size).toBe(latest.length);
    expect(Math.max(...latest)).toBe(total);
    expect(total).toBe(10 + numbered.length + 10);
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openStore, type Store } from '../../../store/open-store';
import { changesSince, currentSeq } from '../../../store/tasks';
import { newUser } from './store-fixtures';

const run = promisify(execFile);
const tsx = join(__dirname, '../../../node_modules/.bin/tsx');

// The embedded default may have the API server and the worker as two processes on one SQLite file.
describe('SQLite file shared by several processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'store-processes-'));
  const url = `sqlite:${join(dir, 'store.db')}`;
  let store: Store;
  beforeAll(async () => {
    store = await openStore(url);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serialises their writers: every change number once, none lost', async () => {
    const user = await newUser(store.db);
    const perProcess = 40;
    await Promise.all(['a', 'b', 'c'].map((label) => run(tsx, [join(__dirname, 'sqlite-writer.ts'), url, user.id, label, String(perProcess)])));
    const writes = 3 * perProcess * 2;
    expect(await currentSeq(store.db, user.id)).toBe(writes);
    const changes = await changesSince(store.db, user.id, 0, 1000);
    expect(changes).toHaveLength(3 * perProcess);
    expect(changes.every((c) => c.task.priority === 'high')).toBe(true);
    const createdSeqs = changes.map((c) => c.task.createdSeq);
    const changeSeqs = changes.map((c) => c.task.changeSeq);
    expect(new Set([...createdSeqs, ...changeSeqs]).size).toBe(writes);
  });
});

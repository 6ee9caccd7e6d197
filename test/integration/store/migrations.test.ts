import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { migrations } from '../../../store/migrations';
import { migrate, openStore } from '../../../store/open-store';
import { createTask, listTasks } from '../../../store/tasks';
import { dialects, newUser, type TestDatabase } from './store-fixtures';

const tables = ['admin_settings', 'api_limit_info', 'api_tokens', 'api_usage', 'change_event_deliveries', 'create_marks', 'emails', 'org_change_streams', 'org_integrations', 'sync_errors', 'sync_log', 'sync_settings', 'task_links', 'tasks', 'users'];

describe.each(dialects)('migrations on %s', (dialect, database) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await database();
  });
  afterEach(async () => {
    await db.drop();
  });

  it('creates every table on a fresh database and records each migration', async () => {
    const store = await openStore(db.url);
    try {
      expect(store.dialect).toBe(dialect);
      const found = (await store.db.introspection.getTables()).map((t) => t.name).sort();
      expect(found).toEqual(tables);
      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db);
      expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations));
    } finally {
      await store.close();
    }
  });

  it('applies nothing when reopened, and keeps the data', async () => {
    const url = dialect === 'sqlite' ? `sqlite:${join(mkdtempSync(join(tmpdir(), 'store-test-')), 'store.db')}` : db.url;
    const first = await openStore(url);
    const user = await newUser(first.db);
    await createTask(first.db, user.id, { name: 'Call Ann', dueDate: '2025-03-01' });
    await first.close();

    const second = await openStore(url);
    try {
      const result = await migrate(second.db);
      expect(result.results).toEqual([]);
      expect((await listTasks(second.db, user.id)).map((t) => t.name)).toEqual(['Call Ann']);
    } finally {
      await second.close();
      if (dialect === 'sqlite') rmSync(url.slice('sqlite:'.length).replace(/\/store\.db$/, ''), { recursive: true, force: true });
    }
  });
});

describe('store urls', () => {
  it('refuses an unknown scheme without echoing a password', async () => {
    await expect(openStore('mysql://me:hunter2@localhost/db')).rejects.toThrow(/Unsupported store url "mysql:\/\/me:\*\*\*@localhost\/db"/);
  });
});

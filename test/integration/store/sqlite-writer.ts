import { openStore } from '../../../store/open-store';
import { createTask, updateTask } from '../../../store/tasks';

/** Child process for the cross-process SQLite test: writes tasks for one user into a shared file. */
async function main(): Promise<void> {
  const [url, userId, label, countText] = process.argv.slice(2);
  if (!url || !userId || !label || !countText) throw new Error('usage: sqlite-writer <url> <userId> <label> <count>');
  const store = await openStore(url);
  try {
    for (let i = 0; i < Number(countText); i++) {
      const task = await createTask(store.db, userId, { name: `${label} ${i}` });
      await updateTask(store.db, userId, task.id, { priority: 'high' });
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});

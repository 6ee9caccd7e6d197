import { temporalConfigFromEnv } from '../config/temporal';
import { createActivities } from '../activities';
import { createWorker } from './create-worker';

/** A stateless worker process: run as many as needed against the same cluster. */
async function main(): Promise<void> {
  const config = temporalConfigFromEnv();
  const activities = await createActivities();
  const { worker, connection } = await createWorker({ config, activities });
  process.stdout.write(`worker polling task queue "${config.taskQueue}" on ${config.address} (namespace ${config.namespace})\n`);
  try {
    await worker.run();
  } finally {
    await connection.close();
  }
}

main().catch((error) => {
  process.stderr.write(`worker failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});

import { randomBytes } from 'node:crypto';
import { startPostgres } from '../dev/postgres';
import { startTemporalDevServer } from '../dev/temporal';
import { testWorkflowBundle } from './workflow-bundle-once';

/**
 * Starts, once per test run, the real servers integration tests talk to: a Temporal dev
 * server (built from source on first use), a PostgreSQL server (installed from Debian's
 * packages when missing) and the run's workflow bundle. Values reach
 * the test files through the environment, which jest's workers inherit.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const [temporal, postgres] = await Promise.all([startTemporalDevServer({ log: (l) => process.stderr.write(`\n${l}\n`) }), startPostgres(), testWorkflowBundle()]);
  process.env.DATABASE_URL_TEST = postgres.url;
  process.env.TEMPORAL_ADDRESS = temporal.address;
  process.env.TEMPORAL_NAMESPACE = temporal.namespace;
  // Every test's payloads are encrypted, with a key no committed file knows.
  process.env.TEMPORAL_CODEC_KEY = randomBytes(32).toString('base64');
  (globalThis as Record<string, unknown>).__siaTestServers = [temporal, postgres];
  process.stderr.write(`\nTemporal dev server ${temporal.address} and PostgreSQL ready; workflows bundled (${Date.now() - started} ms)\n`);
}

import { startPostgres } from './postgres';

/**
 * Starts a throwaway PostgreSQL server, prints its url, and stops it on Ctrl-C / SIGTERM.
 * e.g. DATABASE_URL_TEST=<printed url> npx jest --selectProjects integration test/integration/store
 */
async function main(): Promise<void> {
  const started = Date.now();
  const server = await startPostgres();
  process.stdout.write(`${server.url}\n`);
  process.stderr.write(`PostgreSQL ready in ${Date.now() - started} ms; Ctrl-C stops it.\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => undefined, 1 << 30);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

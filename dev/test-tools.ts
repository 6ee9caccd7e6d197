import { relative, sep } from 'node:path';

/**
 * Which tools a test run needs, from the test files jest selected: the Temporal CLI (and the
 * PostgreSQL the integration global setup installs itself) only for integration tests, Chromium
 * only for the browser tests among them. No I/O here.
 */
export function toolsFor(testFiles: readonly string[], root: string): { temporal: boolean; chromium: boolean } {
  const paths = testFiles.map((file) => relative(root, file).split(sep).join('/'));
  return {
    temporal: paths.some((p) => p.startsWith('test/integration/')),
    chromium: paths.some((p) => p.startsWith('test/integration/browser/')),
  };
}

import { spawnSync } from 'node:child_process';
import { ensureChromium } from './chromium';
import { ensureTemporalCli } from './temporal';

/**
 * `npm test`: makes sure the tools the tests need are here (the Temporal CLI is built once
 * per machine from the Go module proxy; Chromium comes from Debian's packages), then runs every
 * jest project: unit tests, and integration tests against a real Temporal dev server, PostgreSQL,
 * the Salesforce emulator and, for the pages, headless Chromium.
 * Extra arguments go to jest (e.g. `npm test -- --selectProjects unit`).
 */
ensureTemporalCli();
ensureChromium();
const jest = require.resolve('jest/bin/jest');
const result = spawnSync(process.execPath, [jest, '--ci', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);

import { spawnSync } from 'node:child_process';
import { ensureTemporalCli } from './temporal';

/**
 * `npm test`: makes sure the tools the tests need are here (the Temporal CLI is built once
 * per machine from the Go module proxy), then runs every jest project: unit tests, and
 * integration tests against a real Temporal dev server, PostgreSQL and the Salesforce emulator.
 * Extra arguments go to jest (e.g. `npm test -- --selectProjects unit`).
 */
ensureTemporalCli();
const jest = require.resolve('jest/bin/jest');
const result = spawnSync(process.execPath, [jest, '--ci', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);

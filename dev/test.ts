import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureChromium } from './chromium';
import { ensureTemporalCli } from './temporal';
import { toolsFor } from './test-tools';

/**
 * `npm test`: first `npm run typecheck` and `npm run lint` (a failure of either stops the run
 * before any test), then makes sure the tools the selected tests need are here (the Temporal
 * CLI, built once per machine from the Go module proxy, and Chromium from Debian's packages, only
 * when integration tests are selected), then runs jest. Without arguments every project runs:
 * unit, emulator, replay and integration, then the public-API contract tests and a two-minute
 * soak run (bench/soak). Extra arguments go to jest alone
 * (e.g. `npm test -- --selectProjects unit`).
 */
const root = resolve(__dirname, '..');
const jestArgs = process.argv.slice(2);
const jest = require.resolve('jest/bin/jest');

function stop(message: string): never {
  process.stderr.write(`\nnpm test stopped: ${message}\n`);
  process.exit(1);
}

const failed = ['typecheck', 'lint'].filter((script) => {
  process.stderr.write(`\nnpm test: npm run ${script}\n`);
  const result = spawnSync('npm', ['run', script], { stdio: 'inherit', cwd: root });
  return result.status !== 0;
});
if (failed.length > 0) stop(`${failed.map((s) => `\`npm run ${s}\``).join(' and ')} failed; fix what is reported above (run it alone to check), no test ran.`);

// The files jest would run with these arguments decide which tools are needed.
const listed = spawnSync(process.execPath, [jest, '--listTests', '--json', ...jestArgs], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (listed.status !== 0) stop(`jest could not list the tests for the arguments ${JSON.stringify(jestArgs)} (see above).`);
const tools = toolsFor(JSON.parse(listed.stdout) as string[], root);
try {
  if (tools.temporal) ensureTemporalCli();
  if (tools.chromium) ensureChromium();
} catch (error) {
  stop(error instanceof Error ? error.message : String(error));
}

// Tests never reach an org named in this shell (SALESFORCE_USERNAME would send the public-API
// contract tests there): `npm run test:salesforce-contract` alone does that.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SALESFORCE_')));
const result = spawnSync(process.execPath, [jest, '--ci', ...jestArgs], { stdio: 'inherit', cwd: root, env });
if (result.status !== 0 || jestArgs.length > 0) process.exit(result.status ?? 1);

// A full run then runs the public-API contract tests again, against `npm run salesforce-emulator`
// started as a separate process and reached only through the SALESFORCE_* variables (their
// global setup does that when SALESFORCE_USERNAME is unset).
process.stderr.write('\nnpm test: npm run test:salesforce-contract\n');
const contract = spawnSync('npm', ['run', 'test:salesforce-contract', '--', '--ci'], { stdio: 'inherit', cwd: root, env });
if (contract.status !== 0) process.exit(contract.status ?? 1);

// Last, the short soak (bench/soak): two minutes of edits on both sides for 10 users while a
// worker process is killed, the Temporal dev server restarted and Salesforce faults injected; it
// fails on any change lost or duplicated, any failed workflow, or no convergence in time.
const soakArgs = ['--users', '10', '--minutes', '2', '--workers', '2'];
process.stderr.write(`\nnpm test: npm run soak -- ${soakArgs.join(' ')}\n`);
const soak = spawnSync('npm', ['run', 'soak', '--', ...soakArgs], { stdio: 'inherit', cwd: root, env });
process.exit(soak.status ?? 1);

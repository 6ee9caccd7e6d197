import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { ensureTemporalCli } from '../../../dev/temporal';
import { salesforceSyncWorkflowId } from '../../../contract/ids';
import { startTaskSyncHarness, type TaskSyncHarness } from '../../support/task-sync-harness';
import { eventually } from '../../support/temporal';

/**
 * The list queries docs/operations.md gives operators, run with the CLI against the dev
 * server: a user whose Salesforce token was revoked is found, a healthy one is not.
 */

let h: TaskSyncHarness;
const healthy = `ops-ok-${randomUUID()}`;
const broken = `ops-broken-${randomUUID()}`;

beforeAll(async () => {
  h = await startTaskSyncHarness(['ops-ok@acme.test', 'ops-broken@acme.test']);
  await h.connect(healthy, 'ops-ok@acme.test');
  await h.connect(broken, 'ops-broken@acme.test');
  await h.org.emulator.control.revokeTokens({ userId: h.org.users['ops-broken@acme.test'] });
  const mark = new Date().toISOString();
  await h.save(healthy, { taskSync: { mode: 'two_way' }, emailLogging: { mode: 'api' } });
  await h.save(broken, { taskSync: { mode: 'two_way' } });
  await h.synced(healthy, mark);
  await eventually(() => h.status(broken), (s) => s?.phase === 'paused');
});

afterAll(async () => {
  await h?.stop();
});

const list = (query: string) =>
  new Promise<string[]>((resolve, reject) => {
    const args = ['workflow', 'list', '--address', h.temporal.config.address, '--namespace', h.temporal.config.namespace, '--query', query, '--output', 'json'];
    execFile(ensureTemporalCli(), args, { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`temporal workflow list --query "${query}" failed: ${stderr || error.message}`));
      resolve((JSON.parse(stdout || '[]') as Array<{ execution: { workflowId: string } }>).map((w) => w.execution.workflowId));
    });
  });

/** Visibility lags the workflow a little: ask until the expected answer shows. */
const listed = (query: string, want: string) => eventually(() => list(query), (ids) => ids.includes(want));

it.each([
  ["LastErrorCode != 'none'", broken, healthy],
  ["SyncPhase = 'paused'", broken, healthy],
  ["SyncPhase = 'paused' AND LastErrorCode = 'invalid_grant'", broken, healthy],
  ["SyncPhase = 'reconciling' AND TaskSyncMode = 'two_way' AND EmailLoggingMode = 'api'", healthy, broken],
])('%s finds the user it should and not the other', async (query, found, notFound) => {
  const ids = await listed(query, salesforceSyncWorkflowId(found));
  expect(ids).toContain(salesforceSyncWorkflowId(found));
  expect(ids).not.toContain(salesforceSyncWorkflowId(notFound));
});

it("SiaUserId finds a user's workflows", async () => {
  expect(await listed(`SiaUserId = '${broken}'`, salesforceSyncWorkflowId(broken))).toEqual([salesforceSyncWorkflowId(broken)]);
});

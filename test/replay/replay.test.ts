import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, makeTelemetryFilterString, Runtime, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataConverterFromEnv } from '../../config/payload-codec-data-converter';

/**
 * Replays every committed history (recorded from real runs by test/record-histories.ts)
 * against today's workflow code: a non-deterministic change fails here, not in production.
 */
const dir = join(__dirname, '..', 'histories');
// Replay workers log each start and stop, and core a warning for the failure the last test expects.
Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } } });
/** Fixtures are recorded with the development codec key (see test/record-histories.ts), so they replay anywhere. */
const fixtureDataConverter = dataConverterFromEnv({ env: {}, allowDevKey: true });
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

interface HistoryEvent {
  eventType: string;
  activityTaskScheduledEventAttributes?: { activityType: { name: string } };
}
const readHistory = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as { events: HistoryEvent[] };

function bundlePath(): string {
  const path = process.env.WORKFLOW_BUNDLE;
  if (!path) throw new Error('WORKFLOW_BUNDLE is set by test/replay/global-setup.ts: run through jest --selectProjects replay (npm run test:unit).');
  return path;
}

async function replay(histories: Array<{ workflowId: string; history: unknown }>): Promise<Array<{ workflowId: string; error?: Error }>> {
  const results: Array<{ workflowId: string; error?: Error }> = [];
  const parsed = histories.map(({ workflowId, history }) => ({ workflowId, history: historyFromJSON(history) }));
  for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: bundlePath() }, replayName: 'committed-histories', dataConverter: fixtureDataConverter }, parsed)) {
    results.push({ workflowId: result.workflowId, error: result.error });
  }
  return results;
}

it('has histories to replay, orgPoller among them', () => {
  expect(files.length).toBeGreaterThan(0);
  const started = files.map((file) => readHistory(file).events[0] as HistoryEvent & { workflowExecutionStartedEventAttributes?: { workflowType: { name: string } } });
  const types = new Set(started.map((e) => e.workflowExecutionStartedEventAttributes?.workflowType.name));
  expect([...types].sort()).toEqual(['emailLog', 'orgPoller', 'salesforceSync']);
});

it('replays every recorded history without a determinism error', async () => {
  const results = await replay(files.map((file) => ({ workflowId: file.replace(/\.json$/, ''), history: readHistory(file) })));
  expect(results.filter((r) => r.error).map((r) => `${r.workflowId}: ${r.error?.message}`)).toEqual([]);
  expect(results.length).toBe(files.length);
});

it('fails on a history the code would not have made: rounds that read Salesforce first, without the patch marker', async () => {
  // task-sync-two-way.json was recorded before 'pull-before-push': each round pushes, then pulls.
  // Swapping the first push and pull makes the history of a round that pulled first with no
  // marker saying so, as a reordering without patched() would have recorded: today's code,
  // seeing no marker, pushes first and must be told the history disagrees.
  const history = readHistory('task-sync-two-way.json');
  const scheduled = history.events.filter((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED').map((e) => e.activityTaskScheduledEventAttributes!.activityType);
  const [push, pull] = scheduled;
  expect([push?.name, pull?.name]).toEqual(['pushSiaChanges', 'pullSalesforceChanges']);
  [push!.name, pull!.name] = [pull!.name, push!.name];

  const [result] = await replay([{ workflowId: 'reordered-without-patch', history }]);
  expect(result?.error).toBeInstanceOf(DeterminismViolationError);
  expect(result?.error?.message).toContain("Activity type of scheduled event 'pullSalesforceChanges' does not match activity type of activity command 'pushSiaChanges'");
});

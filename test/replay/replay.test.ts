import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { dataConverterFromEnv } from '../../config/payload-codec-data-converter';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Replays every committed history (recorded from real runs by test/record-histories.ts)
 * against today's workflow code: a non-deterministic change fails here, not in production.
 */
const dir = join(__dirname, '..', 'histories');
/** Fixtures are recorded with the development codec key (see test/record-histories.ts), so they replay anywhere. */
const fixtureDataConverter = dataConverterFromEnv({ env: {}, allowDevKey: true });
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

it('has histories to replay', () => {
  expect(files.length).toBeGreaterThan(0);
});

it('replays every recorded history without a determinism error', async () => {
  const histories = files.map((file) => ({ workflowId: file.replace(/\.json$/, ''), history: historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8'))) }));
  const bundlePath = process.env.WORKFLOW_BUNDLE;
  if (!bundlePath) throw new Error('WORKFLOW_BUNDLE is set by test/global-setup.ts; run through npm test.');
  const failures: string[] = [];
  let replayed = 0;
  for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: bundlePath }, replayName: 'committed-histories', dataConverter: fixtureDataConverter }, histories)) {
    replayed += 1;
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
  expect(replayed).toBe(files.length);
});

import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWorkflowBundle, bundleStaleness } from '../workers/workflow-bundle';

/**
 * The workflow bundle of a test run, in WORKFLOW_BUNDLE (which jest's workers inherit). Both the
 * replay and the integration projects need one: the first global setup builds it, the next
 * reuses it while it still matches the sources.
 */
export async function testWorkflowBundle(): Promise<string> {
  const built = process.env.WORKFLOW_BUNDLE;
  if (built && existsSync(built) && bundleStaleness(built) === undefined) return built;
  const path = await buildWorkflowBundle(join(mkdtempSync(join(tmpdir(), 'sia-sync-bundle-')), 'workflow-bundle.js'));
  process.env.WORKFLOW_BUNDLE = path;
  return path;
}

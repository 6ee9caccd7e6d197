import { bundleWorkflowCode } from '@temporalio/worker';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { failureConverterPath } from '../config/payload-codec-data-converter';

export const workflowsPath = resolve(__dirname, '../workflows/index.ts');
export const defaultBundlePath = resolve(__dirname, '../lib/workflow-bundle.js');

/** Bundles the workflows once into a file the worker loads without webpack at start-up. */
export async function buildWorkflowBundle(outPath = defaultBundlePath): Promise<string> {
  // Workflow-side failures go through the same converter as the worker's, so their texts are encrypted too.
  const { code } = await bundleWorkflowCode({ workflowsPath, failureConverterPath, logger: quietLogger });
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, code);
  return outPath;
}

export function prebuiltBundle(path = process.env.WORKFLOW_BUNDLE ?? defaultBundlePath): string | undefined {
  return existsSync(path) ? path : undefined;
}

const noop = () => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: (m: string) => process.stderr.write(`${m}\n`), error: (m: string) => process.stderr.write(`${m}\n`) };

if (require.main === module) {
  buildWorkflowBundle(process.argv[2]).then((p) => process.stdout.write(`workflow bundle written to ${p}\n`));
}

import { testWorkflowBundle } from '../workflow-bundle-once';

/** The replay project needs no server, only the workflows bundled from today's sources. */
export default async function replayGlobalSetup(): Promise<void> {
  const started = Date.now();
  const path = await testWorkflowBundle();
  process.stderr.write(`\nworkflows bundled for replay: ${path} (${Date.now() - started} ms)\n`);
}

import { spawnSync } from 'node:child_process';
import { ensureTemporalCli } from './temporal';

/** `npm run temporal -- <args>`: the pinned Temporal CLI, built on first use. */
const result = spawnSync(ensureTemporalCli(), process.argv.slice(2), { stdio: 'inherit' });
process.exit(result.status ?? 1);

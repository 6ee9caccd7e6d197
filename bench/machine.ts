import { execFileSync } from 'node:child_process';
import { cpus, freemem, platform, release, totalmem } from 'node:os';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  freeMemoryGiB: number;
  os: string;
  node: string;
  commit: string | null;
}

export function describeMachine(): Machine {
  const list = cpus();
  let commit: string | null = null;
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().length > 0;
    commit = `${head}${dirty ? ' (with uncommitted changes)' : ''}`;
  } catch {
    // Not a git checkout: the commit is simply unknown.
  }
  return {
    cores: list.length,
    cpu: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: totalmem() / 1024 ** 3,
    freeMemoryGiB: freemem() / 1024 ** 3,
    os: `${platform()} ${release()}`,
    node: process.version,
    commit,
  };
}

export function formatMachine(m: Machine): string {
  return `${m.cores} cores (${m.cpu}), ${m.memoryGiB.toFixed(1)} GiB memory (${m.freeMemoryGiB.toFixed(1)} free at start), ${m.os}, Node ${m.node}, commit ${m.commit ?? 'unknown'}`;
}

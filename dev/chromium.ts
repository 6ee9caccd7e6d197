import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The browser the page tests drive: Debian's `chromium` package, run headless by playwright-core
 * (which downloads no browser of its own).
 */
export const chromiumPath = '/usr/bin/chromium';

/** Installs Debian's chromium package when it is missing and this process may (root, apt-get); otherwise explains. */
export function ensureChromium(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  if (existsSync(chromiumPath)) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    throw new Error(`The browser tests need Chromium at ${chromiumPath}: install Debian's "chromium" package (as root: apt-get install -y chromium).`);
  }
  log(`Chromium is missing: installing Debian's "chromium" package for the browser tests (apt-get update && apt-get install -y chromium)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status ?? result.signal}); the browser tests need Debian's "chromium" package at ${chromiumPath}.`);
  }
  if (!existsSync(chromiumPath)) throw new Error(`Debian's "chromium" package installed, but ${chromiumPath} is still missing.`);
}

import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { bundleManifestSchema, manifestOf, manifestPathOf, sha256 } from './bundle-manifest';
import { testWorkflowBundle } from '../test/workflow-bundle-once';
import { bundleStaleness, prebuiltBundle } from './workflow-bundle';

const root = resolve(__dirname, '..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sia-bundle-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in bundle whose manifest records `files`; its code is never loaded by these tests. */
function fakeBundle(name: string, files: Record<string, string>): string {
  const path = join(dir, name, 'workflow-bundle.js');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '// not loaded\n');
  writeFileSync(manifestPathOf(path), JSON.stringify(manifestOf(files)));
  return path;
}

describe('a bundle built by npm run build', () => {
  it('lists the workflow sources it holds, is fresh, and goes stale when one of them changes', async () => {
    // Built by buildWorkflowBundle, as npm run build does: the replay project's bundle when it is fresh.
    const bundle = await testWorkflowBundle();
    const manifest = bundleManifestSchema.parse(JSON.parse(readFileSync(manifestPathOf(bundle), 'utf8')));
    // node_modules may sit outside the project (a symlink, a workspace): its paths then start with '..'.
    const own = Object.keys(manifest.files).filter((f) => !f.includes('node_modules/'));
    expect(own).toEqual(expect.arrayContaining(['workflows/index.ts', 'workflows/salesforce-sync.ts', 'workflows/org-poller.ts', 'contract/patches.ts', 'config/payload-codec-failure-converter.ts']));
    // Activities run outside the sandbox and are never bundled.
    expect(own.filter((f) => f.startsWith('activities/'))).toEqual([]);
    expect(Object.keys(manifest.files).some((f) => f.includes('node_modules/@temporalio/workflow/'))).toBe(true);
    expect(bundleStaleness(bundle)).toBeUndefined();

    // The project's own sources in another tree, then one byte changed there.
    const copy = join(dir, 'tree');
    for (const file of own) cpSync(join(root, file), join(copy, file));
    const ownBundle = fakeBundle('own', Object.fromEntries(own.map((f) => [f, manifest.files[f]!])));
    expect(bundleStaleness(ownBundle, copy)).toBeUndefined();
    writeFileSync(join(copy, 'contract/patches.ts'), readFileSync(join(copy, 'contract/patches.ts'), 'utf8') + '\n');
    expect(bundleStaleness(ownBundle, copy)).toMatch(/changed since: contract\/patches\.ts\)\. Run `npm run build`/);
    rmSync(join(copy, 'workflows/org-poller.ts'));
    expect(bundleStaleness(ownBundle, copy)).toContain('workflows/org-poller.ts (gone)');
  }, 120_000);
});

describe('a bundle on disk', () => {
  const index = 'workflows/index.ts';
  const indexHash = () => sha256(readFileSync(join(root, index)));

  it('is used when its sources are unchanged', () => {
    const bundle = fakeBundle('fresh', { [index]: indexHash() });
    expect(prebuiltBundle(bundle)).toBe(bundle);
  });

  it('is refused when a source changed, with what to run', () => {
    const bundle = fakeBundle('stale', { [index]: sha256('an older workflows/index.ts') });
    expect(() => prebuiltBundle(bundle)).toThrow(`The workflow bundle ${bundle} was built from other workflow sources than these (changed since: ${index}). Run \`npm run build\``);
  });

  it('is refused without a manifest or with a broken one', () => {
    const bare = fakeBundle('bare', { [index]: indexHash() });
    rmSync(manifestPathOf(bare));
    expect(() => prebuiltBundle(bare)).toThrow(/has no .*workflow-bundle\.sources\.json .*npm run build/);
    const broken = fakeBundle('broken', { [index]: indexHash() });
    writeFileSync(manifestPathOf(broken), JSON.stringify({ sha256: 'x', files: {} }));
    expect(() => prebuiltBundle(broken)).toThrow(/is not a bundle manifest .*npm run build/);
  });

  it('is not there: the worker bundles at start-up', () => {
    expect(prebuiltBundle(join(dir, 'none', 'workflow-bundle.js'))).toBeUndefined();
  });
});

describe('the worker process', () => {
  it('refuses to start on a stale bundle, saying to run npm run build', async () => {
    const bundle = fakeBundle('process', { 'workflows/index.ts': sha256('an older workflows/index.ts') });
    // Nothing listens on port 1: a worker that skipped the check would fail to connect instead.
    const env = { ...process.env, WORKFLOW_BUNDLE: bundle, STORE_URL: `sqlite:${join(dir, 'sia.db')}`, SIA_DEV: '1', TEMPORAL_ADDRESS: '127.0.0.1:1' };
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((done) => {
      const child = execFile(process.execPath, ['--import', 'tsx', join(root, 'workers/main.ts')], { env, timeout: 60_000 }, (_error, out) => done({ code: child.exitCode, stdout: out }));
    });
    expect(code).toBe(1);
    expect(stdout).toContain('worker failed');
    expect(stdout).toContain(`The workflow bundle ${bundle} was built from other workflow sources than these (changed since: workflows/index.ts). Run \`npm run build\``);
  }, 60_000);
});

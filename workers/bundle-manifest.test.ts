import { bundleManifestSchema, changedSources, manifestOf, manifestPathOf, sha256, staleBundleMessage } from './bundle-manifest';

const a = sha256('a');
const b = sha256('b');

describe('bundle manifest', () => {
  it('sits beside its bundle', () => {
    expect(manifestPathOf('/srv/lib/workflow-bundle.js')).toBe('/srv/lib/workflow-bundle.sources.json');
  });

  it('hashes the set of sources whatever order they were listed in, and changes with any byte', () => {
    const one = manifestOf({ 'workflows/index.ts': a, 'sync/windows.ts': b });
    expect(manifestOf({ 'sync/windows.ts': b, 'workflows/index.ts': a })).toEqual(one);
    expect(Object.keys(one.files)).toEqual(['sync/windows.ts', 'workflows/index.ts']);
    expect(manifestOf({ 'workflows/index.ts': a, 'sync/windows.ts': a }).sha256).not.toBe(one.sha256);
    expect(manifestOf({ 'workflows/index.ts': a, 'sync/window.ts': b }).sha256).not.toBe(one.sha256);
    expect(bundleManifestSchema.parse(one)).toEqual(one);
  });

  it('finds nothing changed when every source hashes as recorded', () => {
    const recorded = manifestOf({ 'workflows/index.ts': a, 'sync/windows.ts': b });
    expect(changedSources(recorded, { 'workflows/index.ts': a, 'sync/windows.ts': b })).toEqual([]);
  });

  it('names the sources that changed or are gone', () => {
    const recorded = manifestOf({ 'workflows/index.ts': a, 'sync/windows.ts': b, 'contract/ids.ts': a });
    expect(changedSources(recorded, { 'workflows/index.ts': b, 'sync/windows.ts': undefined, 'contract/ids.ts': a })).toEqual(['sync/windows.ts (gone)', 'workflows/index.ts']);
  });

  it('tells how to fix a stale bundle, naming at most five sources', () => {
    const changed = ['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts', 'f.ts', 'g.ts'];
    const message = staleBundleMessage('lib/workflow-bundle.js', changed);
    expect(message).toContain('npm run build');
    expect(message).toContain('a.ts, b.ts, c.ts, d.ts, e.ts and 2 more');
    expect(message).not.toContain('f.ts');
  });
});

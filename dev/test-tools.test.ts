import { join } from 'node:path';
import { toolsFor } from './test-tools';

const root = join('/', 'clone');
const at = (...paths: string[]) => paths.map((p) => join(root, p));

describe('tools a test run needs', () => {
  it('are none for unit, emulator and replay tests', () => {
    expect(toolsFor(at('sync/diff.test.ts', 'dev/salesforce-emulator/test/query.test.ts', 'test/replay/replay.test.ts', 'test/fixture-names.test.ts'), root)).toEqual({ temporal: false, chromium: false });
    expect(toolsFor([], root)).toEqual({ temporal: false, chromium: false });
  });

  it('are Temporal for integration tests, and Chromium too for browser tests', () => {
    expect(toolsFor(at('sync/diff.test.ts', 'test/integration/store/tasks.test.ts'), root)).toEqual({ temporal: true, chromium: false });
    expect(toolsFor(at('test/integration/browser/settings.test.ts'), root)).toEqual({ temporal: true, chromium: true });
  });

  it('look at paths inside the clone only', () => {
    expect(toolsFor(['/elsewhere/test/integration/x.test.ts'], root)).toEqual({ temporal: false, chromium: false });
  });
});

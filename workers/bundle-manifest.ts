import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * What a pre-built workflow bundle was made from: every source file webpack put in it (the
 * project's own and the SDK's, paths relative to the project root) with the SHA-256 of its
 * bytes. A worker recomputes the hashes and refuses a bundle whose sources changed since, since
 * it would otherwise run workflow code other than the code in the tree. No I/O here.
 */
export const bundleManifestSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  files: z.record(z.string().min(1), z.string().regex(/^[0-9a-f]{64}$/)),
});
export type BundleManifest = z.infer<typeof bundleManifestSchema>;

/** The manifest sits beside its bundle: lib/workflow-bundle.js → lib/workflow-bundle.sources.json. */
export function manifestPathOf(bundlePath: string): string {
  return `${bundlePath.replace(/\.js$/, '')}.sources.json`;
}

export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** One hash for the whole set, independent of the order the files were listed in. */
export function manifestOf(files: Readonly<Record<string, string>>): BundleManifest {
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { sha256: sha256(JSON.stringify(sorted)), files: sorted };
}

/**
 * The recorded sources that differ now: changed (another hash) or gone (`undefined`). An empty
 * list means the bundle is what these sources would build. A file no recorded source imports
 * cannot be in the bundle, and a new import shows as a change to the file that imports it.
 */
export function changedSources(recorded: BundleManifest, current: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(recorded.files)
    .filter(([path, hash]) => current[path] !== hash)
    .map(([path]) => (current[path] === undefined ? `${path} (gone)` : path));
}

export function staleBundleMessage(bundlePath: string, changed: readonly string[]): string {
  const shown = changed.slice(0, 5).join(', ') + (changed.length > 5 ? ` and ${changed.length - 5} more` : '');
  return `The workflow bundle ${bundlePath} was built from other workflow sources than these (changed since: ${shown}). Run \`npm run build\` to bundle the current ones, or delete the bundle to bundle at start-up.`;
}

import { bundleWorkflowCode, type BundleOptions } from '@temporalio/worker';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { failureConverterPath } from '../config/payload-codec-data-converter';
import { bundleManifestSchema, changedSources, manifestOf, manifestPathOf, sha256, staleBundleMessage, type BundleManifest } from './bundle-manifest';

export const workflowsPath = resolve(__dirname, '../workflows/index.ts');
export const defaultBundlePath = resolve(__dirname, '../lib/workflow-bundle.js');
/** Manifest paths are relative to the project root, so a bundle built in one checkout checks in another. */
const projectRoot = resolve(__dirname, '..');

type WebpackConfig = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];
type WebpackPlugin = Extract<NonNullable<WebpackConfig['plugins']>[number], { apply: unknown }>;

/** Adds a webpack plugin that reports the file of every module it bundles. */
function listingModules(config: WebpackConfig, files: Set<string>): WebpackConfig {
  const plugin: WebpackPlugin = {
    apply(compiler) {
      compiler.hooks.done.tap('ListWorkflowSources', (stats) => {
        for (const module of stats.compilation.modules) {
          if ('resource' in module && typeof module.resource === 'string') files.add(module.resource.replace(/[?#].*$/, ''));
        }
      });
    },
  };
  return { ...config, plugins: [...(config.plugins ?? []), plugin] };
}

/**
 * Bundles the workflows once into a file the worker loads without webpack at start-up, and
 * writes beside it the manifest of the sources it was built from (see bundle-manifest.ts).
 */
export async function buildWorkflowBundle(outPath = defaultBundlePath): Promise<string> {
  const bundled = new Set<string>();
  // Workflow-side failures go through the same converter as the worker's, so their texts are encrypted too.
  const { code } = await bundleWorkflowCode({ workflowsPath, failureConverterPath, logger: quietLogger, webpackConfigHook: (config) => listingModules(config, bundled) });
  const files: Record<string, string> = {};
  // The SDK's generated entry module lives in memory only; it follows from the options and the SDK's own files.
  for (const file of bundled) if (existsSync(file)) files[relative(projectRoot, file)] = sha256(readFileSync(file));
  if (!files[relative(projectRoot, workflowsPath)]) throw new Error(`Bundling listed no module for ${workflowsPath}; the SDK's bundler changed how it reports modules (see listingModules in workers/workflow-bundle.ts).`);
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, code);
  writeFileSync(manifestPathOf(outPath), JSON.stringify(manifestOf(files), null, 1) + '\n');
  return outPath;
}

/** The current hash of each source the manifest lists (`undefined` where the file is gone). */
function currentHashes(manifest: BundleManifest, root: string): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.keys(manifest.files).map((path) => {
      const file = isAbsolute(path) ? path : resolve(root, path);
      return [path, existsSync(file) ? sha256(readFileSync(file)) : undefined];
    }),
  );
}

/** Why the bundle at `bundlePath` no longer matches the sources in the tree, or `undefined` when it does. */
export function bundleStaleness(bundlePath: string, root = projectRoot): string | undefined {
  const manifestPath = manifestPathOf(bundlePath);
  if (!existsSync(manifestPath)) return `The workflow bundle ${bundlePath} has no ${manifestPath} saying what it was built from. Run \`npm run build\` to rebuild both.`;
  const parsed = bundleManifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  if (!parsed.success) return `${manifestPath} is not a bundle manifest (${parsed.error.issues[0]?.message}). Run \`npm run build\` to rebuild the bundle and its manifest.`;
  const changed = changedSources(parsed.data, currentHashes(parsed.data, root));
  return changed.length === 0 ? undefined : staleBundleMessage(bundlePath, changed);
}

/**
 * The bundle a worker finds on disk (WORKFLOW_BUNDLE, else lib/workflow-bundle.js), or
 * `undefined` when there is none. A bundle built from other sources than the tree's is refused:
 * running it would run workflow code nobody is looking at.
 */
export function prebuiltBundle(path = process.env.WORKFLOW_BUNDLE ?? defaultBundlePath): string | undefined {
  if (!existsSync(path)) return undefined;
  const stale = bundleStaleness(path);
  if (stale) throw new Error(stale);
  return path;
}

const noop = () => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: (m: string) => process.stderr.write(`${m}\n`), error: (m: string) => process.stderr.write(`${m}\n`) };

if (require.main === module) {
  buildWorkflowBundle(process.argv[2]).then(
    (p) => process.stdout.write(`workflow bundle written to ${p} (sources listed in ${manifestPathOf(p)})\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}

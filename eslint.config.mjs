// @ts-check
// `npm run lint`: type-aware rules on every .ts file (through the root tsconfig), browser rules on
// the pages' scripts, and the architecture as import rules.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Packages free of I/O that contract/ and sync/ may use; every other dependency of package.json is kept out of them. */
const purePackages = ['zod', '@temporalio/common', '@temporalio/workflow'];
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const ioPackages = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => !purePackages.includes(name));
/** Folders whose code does I/O (Salesforce, SQL, mail, HTTP, Temporal client and worker, files, the environment). */
const ioFolders = ['activities', 'store', 'client', 'api', 'workers', 'mail', 'config', 'observability', 'dev', 'bench'];

const workflowsMessage =
  'Workflow code runs in the deterministic sandbox: it may import only @temporalio/workflow, @temporalio/common, contract/, sync/ and other workflows/ files.';
const pureMessage = 'contract/, sync/ and i18n/ are pure: no Node module, no I/O package, nothing from the folders that do I/O.';

const typeAwareRules = {
  // Off from strictTypeChecked: with noUncheckedIndexedAccess, `list[0]!` after a length check is the idiom.
  '@typescript-eslint/no-non-null-assertion': 'off',
  // Off from strictTypeChecked: `() => server.close()` callbacks read well; the type checker already
  // refuses a void value where one is used.
  '@typescript-eslint/no-confusing-void-expression': 'off',
  // Off from recommendedTypeChecked: here `async` without `await` is the shape an interface asks for
  // (Fastify plugins and hooks, the Temporal payload codec, Kysely's dialect and migration provider)
  // and turns a throw into a rejection. Forgotten awaits are caught by no-floating-promises,
  // no-misused-promises, await-thenable and return-await, which stay on.
  '@typescript-eslint/require-await': 'off',
  // Numbers read fine in messages; objects, nullish values and `any` do not.
  '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
  '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
  '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
  '@typescript-eslint/no-unused-vars': [
    'error',
    {
      argsIgnorePattern: '^_',
      varsIgnorePattern: '^_',
      caughtErrorsIgnorePattern: '^_',
      destructuredArrayIgnorePattern: '^_',
      ignoreRestSiblings: true,
    },
  ],
};

export default tseslint.config(
  // Dot files and folders are outside the tsconfig's `**/*.ts` too.
  { ignores: ['node_modules/', 'lib/', 'coverage/', '**/.*'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: typeAwareRules,
  },
  {
    // Jest's `let x: T` set in beforeAll is read as always defined, yet afterAll must guard it with
    // `x?.` for when the set-up failed: the rule would call every such guard unnecessary.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-unnecessary-condition': 'off' },
  },
  {
    files: ['api/pages/web/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ignores: ['api/pages/web/**'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  { files: ['**/*.js'], ignores: ['api/pages/web/**'], languageOptions: { sourceType: 'commonjs' } },

  // The architecture.
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!@temporalio/workflow(/|$)|@temporalio/common(/|$)|\\./|\\.\\./(contract|sync)/)', message: workflowsMessage },
            { regex: '^@temporalio/common/lib/internal-non-workflow', message: workflowsMessage },
          ],
        },
      ],
    },
  },
  {
    // i18n/ too: the catalogue reaches the workflow bundle through contract/email-problems.ts.
    files: ['contract/**/*.ts', 'sync/**/*.ts', 'i18n/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtinModules.map((name) => ({ name, message: pureMessage })),
          patterns: [
            { regex: '^node:', message: pureMessage },
            { group: ioPackages.flatMap((name) => [name, `${name}/**`]), message: pureMessage },
            { regex: `^(\\.\\./)+(${ioFolders.join('|')})(/|$)`, message: pureMessage },
          ],
        },
      ],
    },
  },
  {
    files: ['api/**/*.ts', 'api/**/*.js'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./)+activities(/|$)', message: 'The API reaches activities only through Temporal (client/), never by importing them.' }] },
      ],
    },
  },
  {
    files: ['config/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./)+workflows(/|$)', message: 'Configuration is read by workers and callers; it never depends on workflow code.' }] },
      ],
    },
  },
);

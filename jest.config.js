/**
 * Four projects. `unit`, `emulator` and `replay` need no server (`npm run test:unit` runs them):
 * pure logic; the Salesforce emulator's tests, which start it in-process; committed histories
 * replayed against a workflow bundle built by the project's own global setup. `integration`
 * runs against a real Temporal dev server and PostgreSQL that test/global-setup.ts starts once
 * for the whole run (and Chromium for test/integration/browser/).
 * @type {import('jest').Config}
 */
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/'],
};

module.exports = {
  testTimeout: 60000,
  verbose: true,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/**/*.test.ts'],
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, '<rootDir>/test/integration/', '<rootDir>/test/replay/', '<rootDir>/dev/salesforce-emulator/'],
    },
    {
      ...common,
      displayName: 'emulator',
      testMatch: ['<rootDir>/dev/salesforce-emulator/**/*.test.ts'],
      // Waits for the real clock's next minute: `npm run test:salesforce-contract` runs it instead.
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, '<rootDir>/dev/salesforce-emulator/public-api/replication-listing.test.ts'],
    },
    {
      ...common,
      displayName: 'replay',
      testMatch: ['<rootDir>/test/replay/**/*.test.ts'],
      globalSetup: '<rootDir>/test/replay/global-setup.ts',
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
};

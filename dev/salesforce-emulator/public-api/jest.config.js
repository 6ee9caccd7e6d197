/**
 * `npm run test:salesforce-contract`: the public-API contract tests of this folder against the
 * org the SALESFORCE_* variables name (see target.ts and README.md). Without SALESFORCE_USERNAME,
 * global-setup.ts starts `npm run salesforce-emulator` as a separate process and hands the tests
 * its URL and demo credentials through those same variables, so the run proves the tests need
 * nothing but the public API. No Temporal or PostgreSQL.
 * @type {import('jest').Config}
 */
module.exports = {
  rootDir: '../../..',
  displayName: 'salesforce-contract',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/dev/salesforce-emulator/public-api/**/*.test.ts'],
  globalSetup: '<rootDir>/dev/salesforce-emulator/public-api/global-setup.ts',
  globalTeardown: '<rootDir>/dev/salesforce-emulator/public-api/global-teardown.ts',
  // A real org answers slower than the emulator; replication-listing waits up to a minute and a half.
  testTimeout: 120000,
  verbose: true,
};

/**
 * Tests are transpiled without type-checking, by esbuild (test/helpers/esbuild-transform.cjs):
 * `tsc --noEmit` in `npm test` type-checks once. Not @swc/jest: the npm registry this project
 * installs from has no @swc/core binaries for other platforms, which leaves `npm ci` unable to
 * honour the lockfile; esbuild is already a dependency (the app's bundler).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/test/helpers/esbuild-transform.cjs' },
  testTimeout: 30000,
  // Token creation stacks formatted without source maps, and `terraform version` run once per worker: see the files.
  setupFiles: ['<rootDir>/test/helpers/plain-token-stacks.cjs', '<rootDir>/test/helpers/binary-version-once.cjs'],
  // Jest's default leaves one of this machine's two cores idle; the suite is CPU-bound.
  maxWorkers: 2,
  // A fresh clone has no timing cache: the longest files start first from a checked-in list.
  testSequencer: '<rootDir>/test/helpers/slow-first-sequencer.cjs',
};

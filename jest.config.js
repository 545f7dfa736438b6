/**
 * Tests are transpiled without type-checking (ts-jest with tsconfig isolatedModules): `tsc --noEmit` in
 * `npm test` type-checks once. ts-jest rather than @swc/jest: the npm registry this project
 * installs from has no @swc/core binaries for other platforms, which leaves `npm ci` unable to
 * honour the lockfile.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 30000,
  // Jest's default leaves one of this machine's two cores idle; the suite is CPU-bound.
  maxWorkers: 2,
};

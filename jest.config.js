/** Tests are transpiled by SWC (no type checking: `tsc --noEmit` runs first in `npm test`). */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] },
  testMatch: ['**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/cdktf.out/', '<rootDir>/dist/', '<rootDir>/examples/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/examples/'],
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/setup.ts'],
  testTimeout: 120000,
};

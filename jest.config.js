/** Tests are transpiled by SWC (no type checking: `tsc --noEmit` runs first in `npm test`). */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] },
  testMatch: ['**/__tests__/**/*.test.ts'],
  // The packed-package test (npm pack, npm install, a strict type-check of the consumer example) takes
  // about a minute: it is part of `npm test` (the whole suite); TRAILWATCH_SKIP_CONSUMER=1 leaves it
  // out while iterating, and `npm run test:consumer` runs it alone.
  testPathIgnorePatterns: [
    '/node_modules/',
    '/cdktf.out/',
    '<rootDir>/dist/',
    '<rootDir>/examples/',
    ...(process.env.TRAILWATCH_SKIP_CONSUMER === '1' ? ['<rootDir>/__tests__/consumer\\.package\\.test\\.ts$'] : []),
  ],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/examples/'],
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/setup.ts'],
  testTimeout: 120000,
};

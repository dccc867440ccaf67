// Two projects: `unit` needs no services; `integration` talks to the real Kafka broker, Postgres and
// Redis that scripts/test.sh starts. Libraries are mapped to their sources so tests need no build.
const base = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  moduleNameMapper: { '^@fsl/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts' },
  rootDir: __dirname,
};
module.exports = {
  // Global on purpose: jest ignores testTimeout inside a project entry. Integration tests start real
  // processes and wait for Kafka; unit tests finish in milliseconds either way.
  testTimeout: 60000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/*/src/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/*/{src,test}/**/*.int-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
    },
  ],
};

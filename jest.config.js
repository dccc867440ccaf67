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
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/*/src/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/*/{src,test}/**/*.int-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
      testTimeout: 120000,
    },
  ],
};

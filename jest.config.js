// One Jest run over every package. Each package's tests are a project; end-to-end tests boot the
// whole graph and live in test/. The global setup gives the run its own fresh database (migrated
// and seeded) on the PostgreSQL at TEST_DATABASE_URL and a Redis key prefix of its own, so runs
// never see each other's data.
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'es6' } }];

const project = (displayName, roots, extra = {}) => ({
  displayName,
  roots,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': swc },
  testMatch: ['**/*.test.ts'],
  ...extra,
});

export default {
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testTimeout: 30_000,
  projects: [
    project('kit', ['<rootDir>/packages/kit']),
    project('db', ['<rootDir>/prisma']),
    project('gateway', ['<rootDir>/gateway']),
    project('subgraphs', ['<rootDir>/subgraphs']),
    project('launcher', ['<rootDir>/packages/launcher']),
    project('e2e', ['<rootDir>/test'], { testTimeout: 60_000 }),
  ],
};

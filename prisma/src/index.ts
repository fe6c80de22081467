export { migrate, type MigrationResult } from './migrate.js';
export { seed, DOMAIN_SEEDS, type SeedOptions, type SeedResult } from './seed/index.js';
export { ensureDatabase, dropDatabase, withDatabase, databaseName } from './database.js';
export { DOMAINS, SUBGRAPH_DOMAINS, type Domain } from './domains.js';

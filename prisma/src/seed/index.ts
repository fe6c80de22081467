import pg from 'pg';
import { seededFaker, type DomainSeed, type SeedContext, type SharedSeedData } from './context.js';
import { agentSeed } from './agent.js';
import { catalogSeed } from './catalog.js';
import { fsmSeed } from './fsm.js';
import { mediaSeed } from './media.js';
import { observabilitySeed } from './observability.js';
import { tenancySeed } from './tenancy.js';

/**
 * In dependency order: tenancy creates the users (and the demo admin) every other domain refers to
 * by id; catalog creates the models observability reports on.
 */
export const DOMAIN_SEEDS: DomainSeed[] = [tenancySeed, catalogSeed, observabilitySeed, fsmSeed, mediaSeed, agentSeed];

export interface SeedOptions {
  scale?: number;
  /** Re-seed even when the database was seeded before (the tables the seeds own are emptied first). */
  force?: boolean;
  log?: (line: string) => void;
  /** Only these domains (tests of one domain); default all. */
  domains?: string[];
}

export interface SeedResult {
  seeded: boolean;
  scale: number;
  secrets: Record<string, string>;
  shared: SharedSeedData;
}

/** Fills every domain with realistic, linked demo data. Deterministic for a given scale. */
export async function seed(databaseUrl: string, options: SeedOptions = {}): Promise<SeedResult> {
  const scale = options.scale ?? 1;
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'sixfold-seed' });
  await client.connect();
  client.on('notice', () => {}); // TRUNCATE … CASCADE chatter
  const shared: SharedSeedData = { users: [], organizations: [], providers: [], models: [], regions: [] };
  const secrets: Record<string, string> = {};
  try {
    const previous = await client.query('SELECT scale FROM platform.seed_runs ORDER BY id DESC LIMIT 1');
    if (previous.rowCount && !options.force) {
      log(`seed: database already seeded (scale ${previous.rows[0].scale}); use --force to re-seed`);
      return { seeded: false, scale: previous.rows[0].scale, secrets, shared };
    }
    const seeds = DOMAIN_SEEDS.filter((s) => !options.domains || options.domains.includes(s.domain));
    let lastReport = 0;
    const ctx: SeedContext = {
      client,
      scale,
      shared,
      secrets,
      faker: seededFaker,
      progress(domain, table, done, total) {
        const now = Date.now();
        if (done === total || now - lastReport > 1_000) {
          lastReport = now;
          log(`seed: ${domain} ${table} ${done}/${total}`);
        }
      },
    };
    await client.query('BEGIN');
    // Seeding writes every domain's tables as their owner, so RLS does not filter the seed itself.
    const tables = seeds.flatMap((s) => s.tables);
    if (tables.length) await client.query(`TRUNCATE ${tables.join(', ')} CASCADE`);
    for (const domainSeed of seeds) {
      const started = Date.now();
      await domainSeed.seed(ctx);
      log(`seed: ${domainSeed.domain} done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    }
    await client.query('INSERT INTO platform.seed_runs (scale) VALUES ($1)', [scale]);
    await client.query('COMMIT');
    return { seeded: true, scale, secrets, shared };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

import pg from 'pg';
import Postgrator from 'postgrator';
import { DOMAINS, migrationsDir, type Domain } from './domains.js';

/** Held for the whole run, so two processes migrating at once take turns instead of racing. */
const MIGRATION_LOCK_ID = 0x51f0_1d; // arbitrary, constant for this project

export interface MigrationResult {
  domain: string;
  applied: string[];
}

export interface MigrateOptions {
  domains?: Domain[];
  log?: (line: string) => void;
}

/**
 * Applies every domain's pending SQL migrations, in domain order then version order.
 *
 * Postgrator orders them, records each in `migrations.<domain>` and refuses to run when an
 * already-applied file's checksum changed. Around it we add what it leaves to the caller:
 * each migration and its bookkeeping row commit together in one transaction (a failure leaves
 * neither), and a session advisory lock serialises concurrent runs (the second finds nothing
 * left to do). Safe to run any number of times.
 */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrationResult[]> {
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'sixfold-migrate' });
  await client.connect();
  const results: MigrationResult[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await client.query('CREATE SCHEMA IF NOT EXISTS migrations');
    for (const domain of options.domains ?? DOMAINS) {
      results.push({ domain: domain.name, applied: await migrateDomain(client, domain, log) });
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
    await client.end();
  }
  return results;
}

async function migrateDomain(client: pg.Client, domain: Domain, log: (line: string) => void): Promise<string[]> {
  let inMigration = false;
  const postgrator = new Postgrator({
    migrationPattern: `${migrationsDir(domain)}/*.sql`,
    driver: 'pg',
    schemaTable: `migrations.${domain.name}`,
    validateChecksums: true,
    newline: 'LF',
    // Postgrator runs a migration's script, then records it with one more query. We open the
    // transaction before the script and commit right after that record, so they land together.
    execSqlScript: async (sql: string) => {
      await client.query('BEGIN');
      inMigration = true;
      try {
        await client.query(sql);
      } catch (error) {
        await client.query('ROLLBACK');
        inMigration = false;
        throw error;
      }
    },
    execQuery: async (sql: string) => {
      try {
        const result = await client.query(sql);
        if (inMigration) {
          await client.query('COMMIT');
          inMigration = false;
        }
        return { rows: result.rows };
      } catch (error) {
        if (inMigration) {
          await client.query('ROLLBACK');
          inMigration = false;
        }
        throw error;
      }
    },
  });
  postgrator.on('migration-started', (m: { filename: string }) => log(`${domain.name}: applying ${m.filename}`));
  try {
    const applied = await postgrator.migrate();
    return applied.map((m: { filename: string }) => m.filename);
  } catch (error) {
    throw new Error(`Migrating ${domain.name} failed: ${(error as Error).message}`, { cause: error });
  }
}

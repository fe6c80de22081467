import { randomUUID } from 'node:crypto';
import { databaseName, dropDatabase, ensureDatabase, migrate, seed, withDatabase, DOMAINS } from '@sixfold/db';
import type { Identity } from '@sixfold/kit';

export { ADMIN } from '@sixfold/kit/testing';

/** A signed-in user with no special rights. */
export const userIdentity = (userId: string = randomUUID()): Identity => ({ kind: 'user', userId, organizationIds: [], roles: [], scopes: [] });

/** A user whose API key carries the catalog:write scope (an editor who is not an admin). */
export const editorIdentity = (): Identity => ({ ...userIdentity(), scopes: ['catalog:write'] });

/** A slug no other test (nor the seed) uses. */
export const uniqueSlug = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/**
 * A database of its own, migrated (platform and catalog only) and seeded with the catalog at
 * `scale`, for tests that need more rows than the run's scale-1 database has. Drop it after.
 */
export async function scratchCatalogDatabase(suffix: string, scale: number): Promise<{ url: string; drop(): Promise<void> }> {
  const runUrl = process.env.DATABASE_URL!;
  const url = withDatabase(runUrl, `${databaseName(runUrl)}_${suffix}`);
  await dropDatabase(url);
  await ensureDatabase(url);
  await migrate(url, { domains: DOMAINS.filter((d) => d.name === 'platform' || d.name === 'catalog') });
  await seed(url, { scale, domains: ['catalog'] });
  return { url, drop: () => dropDatabase(url) };
}

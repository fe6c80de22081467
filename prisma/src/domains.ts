import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The `prisma/` folder. */
export const DB_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const REPO_ROOT = join(DB_ROOT, '..');

export interface Domain {
  /** Folder under prisma/ and subgraphs/, and the name of its migrations table. */
  name: string;
  /** Postgres schemas the domain owns; its Prisma schema and migrations touch nothing else. */
  schemas: string[];
  /** Role its subgraph's queries run as: owns nothing, bypasses no row-level security. */
  role: string;
  /** Whether the domain has a Prisma schema (the shared platform folder has SQL only). */
  hasPrismaSchema: boolean;
}

/**
 * In migration order. `platform` holds what every domain's SQL uses (extensions, the
 * identity helpers RLS policies call); the rest are the six subgraphs' own schemas.
 * Domains never reference each other's tables: cross-domain links are ids resolved in the graph.
 */
export const DOMAINS: Domain[] = [
  { name: 'platform', schemas: ['platform'], role: '', hasPrismaSchema: false },
  { name: 'tenancy', schemas: ['auth', 'app', 'audit'], role: 'sixfold_tenancy', hasPrismaSchema: true },
  { name: 'catalog', schemas: ['catalog'], role: 'sixfold_catalog', hasPrismaSchema: true },
  { name: 'observability', schemas: ['observability'], role: 'sixfold_observability', hasPrismaSchema: true },
  { name: 'fsm', schemas: ['fsm'], role: 'sixfold_fsm', hasPrismaSchema: true },
  { name: 'media', schemas: ['media'], role: 'sixfold_media', hasPrismaSchema: true },
  { name: 'agent', schemas: ['agent'], role: 'sixfold_agent', hasPrismaSchema: true },
];

export const SUBGRAPH_DOMAINS = DOMAINS.filter((d) => d.hasPrismaSchema);

export const migrationsDir = (domain: Domain) => join(DB_ROOT, domain.name, 'migrations');
export const prismaSchemaPath = (domain: Domain) => join(DB_ROOT, domain.name, 'schema.prisma');
export const generatedClientDir = (domain: Domain) => join(REPO_ROOT, 'subgraphs', domain.name, 'src', 'generated', 'prisma');

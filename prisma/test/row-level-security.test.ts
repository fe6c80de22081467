/**
 * Every table of every tenant-scoped schema has row-level security enabled AND forced (so not
 * even its owner reads past it). A partition is covered either by its own policies or, when the
 * subgraph's role cannot touch it directly, by its parent's (queries through the parent apply the
 * parent's policies). Public reference tables are listed per domain below, and proven readable by
 * whom they are meant for; a domain adding one says so here, in review.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { ANONYMOUS, sessionSettings, type Identity } from '@sixfold/kit';
import { SUBGRAPH_DOMAINS } from '../src/domains.js';

/** Tables everyone may read, by domain (schema-qualified). Everything else is tenant data. */
const PUBLIC_REFERENCE_TABLES: Record<string, string[]> = {
  tenancy: [],
  // The public model directory.
  catalog: [
    'catalog.providers', 'catalog.models', 'catalog.model_endpoints', 'catalog.pricing', 'catalog.benchmark_suites',
    'catalog.benchmark_scores', 'catalog.documentation', 'catalog.news_articles', 'catalog.news_model_mentions', 'catalog.ai_models',
  ],
  // Status is public: regions, the models monitored, rollups, incidents and their timelines.
  // (Raw probes and analytics events are protected: public to read through the graph, written only
  // as the database allows.)
  observability: [
    'observability.regions', 'observability.monitored_models', 'observability.status_5min', 'observability.status_hourly',
    'observability.incidents', 'observability.incident_updates',
  ],
  // Master data, the same for every organization: the countries field service works in and the
  // sales systems orders come from. Everyone reads them; admins alone write them (RLS policies).
  fsm: ['fsm.countries', 'fsm.sales_systems'],
  // Subscription tiers and their limits.
  media: ['media.usage_limits'],
  // The registries signed-in callers pick from (LLM providers, MCP and LSP servers). They describe
  // internal infrastructure, so anonymous callers read none of them (see SIGNED_IN_ONLY); agent
  // admins alone write them, and the providers' API keys are never readable (a column grant).
  agent: ['agent.llm_providers', 'agent.mcp_servers', 'agent.lsp_servers'],
};
/** Public reference tables that only signed-in callers read. */
const SIGNED_IN_ONLY = ['agent.llm_providers', 'agent.mcp_servers', 'agent.lsp_servers'];

/** A signed-in user of no organization, without roles or scopes: anybody. */
const STRANGER: Identity = { kind: 'user', userId: randomUUID(), organizationIds: [], roles: [], scopes: [] };

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
beforeAll(() => client.connect());
afterAll(() => client.end());

describe.each(SUBGRAPH_DOMAINS.map((d) => [d.name, d] as const))('the %s domain', (name, domain) => {
  it('has row-level security enabled and forced on every table that is not public reference data', async () => {
    const { rows } = await client.query<{ table: string; protected: boolean; coveredByParent: boolean }>(
      `SELECT n.nspname || '.' || c.relname AS table,
              c.relrowsecurity AND c.relforcerowsecurity AS protected,
              COALESCE(parent.relrowsecurity AND parent.relforcerowsecurity
                       AND NOT has_table_privilege($2, c.oid, 'SELECT, INSERT, UPDATE, DELETE'), false) AS "coveredByParent"
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
         LEFT JOIN pg_class parent ON parent.oid = i.inhparent
        WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p')
        ORDER BY 1`,
      [domain.schemas, domain.role],
    );
    const unprotected = rows
      .filter((r) => !PUBLIC_REFERENCE_TABLES[name]?.includes(r.table))
      .filter((r) => !r.protected && !r.coveredByParent)
      .map((r) => r.table);
    expect(unprotected).toEqual([]);
  });

  it('lets the callers its public reference tables are meant for read every row of them, as a request would', async () => {
    for (const table of PUBLIC_REFERENCE_TABLES[name] ?? []) {
      const all = await countRows(table);
      const [asStranger, asAnonymous] = [await countRows(table, domain.role, STRANGER), await countRows(table, domain.role, ANONYMOUS)];
      expect([table, all > 0, asStranger, asAnonymous]).toEqual([table, true, all, SIGNED_IN_ONLY.includes(table) ? 0 : all]);
    }
  });
});

/** Rows of `table` as its owner, or as the subgraph's role with a caller's settings (a request's transaction). */
async function countRows(table: string, role?: string, identity?: Identity): Promise<number> {
  await client.query('BEGIN');
  try {
    if (role && identity) {
      const settings = sessionSettings({ role, identity });
      await client.query(`SELECT ${settings.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`, settings.flat());
    }
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return rows[0]!.n;
  } finally {
    await client.query('ROLLBACK');
  }
}

describe('tenancy', () => {
  it('has its tables, partitions included, under row-level security', async () => {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN ('auth', 'app', 'audit') AND c.relkind IN ('r', 'p') AND c.relrowsecurity AND c.relforcerowsecurity`);
    expect(rows[0].n).toBeGreaterThan(30);
  });

  it('keeps its materialized views (which cannot have row-level security) away from the subgraph role', async () => {
    const { rows } = await client.query(`SELECT has_table_privilege('sixfold_tenancy', 'app.project_stats', 'SELECT') AS stats,
      has_table_privilege('sixfold_tenancy', 'app.user_activity_stats', 'SELECT') AS activity,
      has_table_privilege('sixfold_tenancy', 'audit.audit_log', 'INSERT') AS audit_insert`);
    expect(rows[0]).toEqual({ stats: false, activity: false, audit_insert: false });
  });

  it('keeps the audit log append-only, even for its owner', async () => {
    await expect(client.query('UPDATE audit.audit_log SET action = action WHERE id = (SELECT min(id) FROM audit.audit_log)')).rejects.toThrow(/append-only/);
  });
});

/**
 * What the FSM tests share: the seeded tenants (read straight from the database as its owner,
 * since the subgraph itself would filter them) and identities acting for them.
 */
import type { Identity } from '@sixfold/kit';
import pg from 'pg';

export interface Tenant {
  organizationId: string;
  /** Users who are responsible operators of the organization's projects (members, as the seed makes them). */
  operatorIds: string[];
  businessUnitIds: string[];
}

export async function withDatabase<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The two organizations that own the most FSM data. */
export async function seededTenants(): Promise<[Tenant, Tenant]> {
  const tenants = await withDatabase(async (client) => {
    const { rows } = await client.query<{ organization_id: string; business_unit_ids: string[]; operator_ids: string[] }>(`
      SELECT bu.organization_id,
             array_agg(DISTINCT bu.id::text) AS business_unit_ids,
             coalesce(array_agg(DISTINCT p.responsible_operator_id::text) FILTER (WHERE p.responsible_operator_id IS NOT NULL), '{}') AS operator_ids
      FROM fsm.business_units bu LEFT JOIN fsm.projects p ON p.business_unit_id = bu.id
      GROUP BY bu.organization_id
      ORDER BY count(DISTINCT p.id) DESC, bu.organization_id`);
    return rows.map((r) => ({ organizationId: r.organization_id, businessUnitIds: r.business_unit_ids, operatorIds: r.operator_ids }));
  });
  if (tenants.length < 2) throw new Error('the FSM seed should give at least two organizations data');
  return [tenants[0]!, tenants[1]!];
}

/** A signed-in member of the tenant's organization (a session: no scopes, all of the user's rights). */
export const memberOf = (tenant: Tenant, extra: Partial<Identity> = {}): Identity => ({
  kind: 'user',
  userId: tenant.operatorIds[0] ?? '0f5a0000-0000-4000-8000-0000000000ff',
  organizationIds: [tenant.organizationId],
  roles: [],
  scopes: [],
  ...extra,
});

export const nodes = <T>(connection: { edges: Array<{ node: T }> }): T[] => connection.edges.map((e) => e.node);

/** Rows straight from the database (as its owner, past row-level security). */
export const rows = <R extends Record<string, any>>(sql: string, params: unknown[] = []) => withDatabase(async (client) => (await client.query<R>(sql, params)).rows);

/** The seeded tenant that owns a business unit (by code), as a Tenant. */
export async function tenantOf(businessUnitCode: string): Promise<Tenant & { businessUnitId: string }> {
  const [unit] = await rows<{ id: string; organization_id: string }>('SELECT id::text, organization_id::text FROM fsm.business_units WHERE code = $1', [businessUnitCode]);
  const operators = await rows<{ id: string }>(
    'SELECT DISTINCT responsible_operator_id::text AS id FROM fsm.projects WHERE organization_id = $1 AND responsible_operator_id IS NOT NULL ORDER BY 1',
    [unit!.organization_id],
  );
  const units = await rows<{ id: string }>('SELECT id::text FROM fsm.business_units WHERE organization_id = $1', [unit!.organization_id]);
  return { organizationId: unit!.organization_id, operatorIds: operators.map((o) => o.id), businessUnitIds: units.map((u) => u.id), businessUnitId: unit!.id };
}

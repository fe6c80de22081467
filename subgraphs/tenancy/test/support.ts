/** The seeded demo accounts as identities, the way the gateway would sign them. */
import type { Identity } from '@sixfold/kit';
import pg from 'pg';

export interface DemoPerson {
  id: string;
  email: string;
  organizationIds: string[];
  identity: Identity;
}

/** Reads the demo people's ids and organizations from the run's database (as its owner). */
export async function demoPeople(): Promise<Record<'admin' | 'alice' | 'bob' | 'carol' | 'dave', DemoPerson>> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; email: string; org_ids: string[] }>(`
      SELECT u.id, u.email, COALESCE(array_agg(m.organization_id ORDER BY m.organization_id) FILTER (WHERE m.status = 'active'), '{}') AS org_ids
        FROM auth.users u LEFT JOIN app.organization_members m ON m.user_id = u.id
       WHERE u.email IN ('admin@sixfold.example', 'alice@acme.example', 'bob@globex.example', 'carol@acme.example', 'dave@globex.example')
       GROUP BY u.id, u.email`);
    const person = (email: string, roles: string[] = []): DemoPerson => {
      const row = rows.find((r) => r.email === email)!;
      return {
        id: row.id,
        email,
        organizationIds: row.org_ids,
        identity: { kind: 'user', userId: row.id, organizationIds: row.org_ids, roles, scopes: [], credentialId: `session:${row.id}` },
      };
    };
    return {
      admin: person('admin@sixfold.example', ['admin', 'user']),
      alice: person('alice@acme.example', ['user']),
      bob: person('bob@globex.example', ['user']),
      carol: person('carol@acme.example', ['user']),
      dave: person('dave@globex.example', ['user']),
    };
  } finally {
    await client.end();
  }
}

/** Runs `sql` as the database owner (setup and inspection only; the subgraph never does). */
export async function asOwner<T extends pg.QueryResultRow = any>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

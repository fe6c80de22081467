/**
 * Each domain's Prisma schema must describe its migrated tables exactly: every model is a real
 * table, every field a real column of the right type and nullability. The SQL migrations are the
 * source of truth; this catches a Prisma schema that drifted from them.
 */
import { readFileSync, existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import internals from '@prisma/internals';
import pg from 'pg';
import { SUBGRAPH_DOMAINS, prismaSchemaPath } from '../src/domains.js';

type Column = { udt_name: string; data_type: string; is_nullable: 'YES' | 'NO'; character_maximum_length: number | null; numeric_precision: number | null; numeric_scale: number | null };
type Field = Awaited<ReturnType<typeof internals.getDMMF>>['datamodel']['models'][number]['fields'][number];

/** The Postgres type (udt_name) Prisma expects for a scalar field, and its size where relevant. */
function expectedType(field: Field, enums: Map<string, string>): { udt: string; length?: number; precision?: number; scale?: number } {
  const [native, args = []] = (field.nativeType as [string, string[]] | null) ?? [];
  if (field.kind === 'enum') return { udt: enums.get(field.type) ?? field.type };
  if (field.kind === 'unsupported') return { udt: field.type.replace(/^Unsupported\("(.*)"\)$/, '$1') };
  switch (field.type) {
    case 'String':
      if (native === 'VarChar') return { udt: 'varchar', ...(args[0] ? { length: Number(args[0]) } : {}) };
      if (native === 'Char') return { udt: 'bpchar', length: Number(args[0] ?? 1) };
      if (native === 'Uuid') return { udt: 'uuid' };
      if (native === 'Inet') return { udt: 'inet' };
      if (native === 'Citext') return { udt: 'citext' };
      return { udt: 'text' };
    case 'Int':
      return { udt: native === 'SmallInt' ? 'int2' : 'int4' };
    case 'BigInt':
      return { udt: 'int8' };
    case 'Float':
      return { udt: native === 'Real' ? 'float4' : 'float8' };
    case 'Decimal':
      return { udt: 'numeric', ...(args.length ? { precision: Number(args[0]), scale: Number(args[1] ?? 0) } : {}) };
    case 'Boolean':
      return { udt: 'bool' };
    case 'DateTime':
      if (native === 'Date') return { udt: 'date' };
      if (native === 'Timestamptz') return { udt: 'timestamptz' };
      if (native === 'Time') return { udt: 'time' };
      return { udt: 'timestamp' };
    case 'Json':
      return { udt: native === 'Json' ? 'json' : 'jsonb' };
    case 'Bytes':
      return { udt: 'bytea' };
    default:
      throw new Error(`no mapping for Prisma type ${field.type}`);
  }
}

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });

/** information_schema leaves materialized views out; the catalog has their columns, typmods included. */
async function materializedViewColumns(schema: string, view: string) {
  const { rows } = await client.query<Column & { column_name: string }>(
    `SELECT a.attname AS column_name, t.typname AS udt_name,
            CASE WHEN t.typcategory = 'A' THEN 'ARRAY' ELSE t.typname END AS data_type,
            'YES' AS is_nullable,
            CASE WHEN t.typname IN ('varchar', 'bpchar') AND a.atttypmod > 0 THEN a.atttypmod - 4 END AS character_maximum_length,
            CASE WHEN t.typname = 'numeric' AND a.atttypmod > 0 THEN ((a.atttypmod - 4) >> 16) & 65535 END AS numeric_precision,
            CASE WHEN t.typname = 'numeric' AND a.atttypmod > 0 THEN (a.atttypmod - 4) & 65535 END AS numeric_scale
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'm'
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type t ON t.oid = a.atttypid
      WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped`,
    [schema, view],
  );
  return rows;
}
beforeAll(() => client.connect());
afterAll(() => client.end());

const domains = SUBGRAPH_DOMAINS.filter((d) => existsSync(prismaSchemaPath(d)));

describe.each(domains.map((d) => [d.name, d] as const))('the %s Prisma schema', (_name, domain) => {
  it('maps every model and field onto a real column of the right type', async () => {
    const dmmf = await internals.getDMMF({ datamodel: readFileSync(prismaSchemaPath(domain), 'utf8') });
    const enums = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
    const problems: string[] = [];
    for (const model of dmmf.datamodel.models) {
      const schema = model.schema ?? 'public';
      const table = model.dbName ?? model.name;
      if (!domain.schemas.includes(schema)) problems.push(`${model.name}: schema "${schema}" is not one of the domain's (${domain.schemas.join(', ')})`);
      const { rows } = await client.query<Column & { column_name: string }>(
        `SELECT column_name, udt_name, data_type, is_nullable, character_maximum_length, numeric_precision, numeric_scale
           FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`,
        [schema, table],
      );
      if (rows.length === 0) rows.push(...(await materializedViewColumns(schema, table)));
      if (rows.length === 0) {
        problems.push(`${model.name}: no table or view ${schema}.${table}`);
        continue;
      }
      const columns = new Map(rows.map((r) => [r.column_name, r]));
      for (const field of model.fields.filter((f) => f.kind !== 'object')) {
        const name = field.dbName ?? field.name;
        const column = columns.get(name);
        const where = `${model.name}.${field.name} (${schema}.${table}.${name})`;
        if (!column) {
          problems.push(`${where}: no such column`);
          continue;
        }
        const expected = expectedType(field, enums);
        const actualUdt = field.isList ? column.udt_name.replace(/^_/, '') : column.udt_name;
        if (field.isList !== (column.data_type === 'ARRAY')) problems.push(`${where}: list in one, not in the other`);
        if (actualUdt !== expected.udt) problems.push(`${where}: Prisma expects ${expected.udt}, column is ${actualUdt}`);
        if (expected.length !== undefined && column.character_maximum_length !== expected.length)
          problems.push(`${where}: length ${expected.length} in Prisma, ${column.character_maximum_length} in the database`);
        if (expected.precision !== undefined && (column.numeric_precision !== expected.precision || column.numeric_scale !== expected.scale))
          problems.push(`${where}: Decimal(${expected.precision},${expected.scale}) in Prisma, numeric(${column.numeric_precision},${column.numeric_scale}) in the database`);
        // Views report every column nullable; only tables can prove NOT NULL.
        const isView = (await client.query('SELECT 1 FROM information_schema.views WHERE table_schema = $1 AND table_name = $2', [schema, table])).rowCount;
        const matview = (await client.query('SELECT 1 FROM pg_matviews WHERE schemaname = $1 AND matviewname = $2', [schema, table])).rowCount;
        if (!isView && !matview && !field.isList && field.isRequired !== (column.is_nullable === 'NO'))
          problems.push(`${where}: ${field.isRequired ? 'required' : 'optional'} in Prisma, ${column.is_nullable === 'NO' ? 'NOT NULL' : 'nullable'} in the database`);
      }
    }
    expect(problems).toEqual([]);
  });
});

import type { ObservabilityTx } from './context.js';

/** `databaseHealth` resolves to this marker once the caller is known to be an admin; its fields do the reading. */
export type DatabaseHealthRoot = Record<string, never>;

export interface ConnectionStatRow {
  database: string | null;
  connections: number;
  active: number;
  idle: number;
  idleInTransaction: number;
  longestQuerySeconds: number | null;
}

export interface TableSizeRow {
  schema: string;
  table: string;
  totalBytes: number;
  tableBytes: number;
  indexBytes: number;
  totalSize: string;
  percentOfTotal: number | null;
  liveTuples: number | null;
  deadTuples: number | null;
  deadTuplePercent: number | null;
  lastVacuum: Date | null;
}

export function connectionStats(tx: ObservabilityTx): Promise<ConnectionStatRow[]> {
  return tx.$queryRaw<ConnectionStatRow[]>`
    SELECT datname AS database, connections::int, active::int, idle::int, idle_in_transaction::int AS "idleInTransaction",
           longest_query_seconds::float8 AS "longestQuerySeconds"
    FROM observability.connection_stats
    ORDER BY connections DESC, datname`;
}

export function tableSizes(tx: ObservabilityTx, first: number): Promise<TableSizeRow[]> {
  return tx.$queryRaw<TableSizeRow[]>`
    SELECT schemaname AS schema, tablename AS "table", total_bytes::float8 AS "totalBytes", table_bytes::float8 AS "tableBytes",
           index_bytes::float8 AS "indexBytes", total_size AS "totalSize", percent_of_total::float8 AS "percentOfTotal",
           live_tuples::float8 AS "liveTuples", dead_tuples::float8 AS "deadTuples", dead_tuple_percent::float8 AS "deadTuplePercent",
           last_vacuum AS "lastVacuum"
    FROM observability.table_bloat
    LIMIT ${first}`;
}

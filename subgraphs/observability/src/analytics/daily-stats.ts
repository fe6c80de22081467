import type { ObservabilityTx } from '../context.js';

/** A row of the daily_stats materialized view (migration 005). */
export interface DailyStatRow {
  day: Date;
  eventType: string;
  eventCount: number;
  uniqueSessions: number;
  modelViews: Record<string, number> | null;
}

/** Admins only, in the database too (daily_stats_between refuses anyone else). */
export function dailyStats(tx: ObservabilityTx, from: Date, to: Date, eventType: string | null): Promise<DailyStatRow[]> {
  return tx.$queryRaw<DailyStatRow[]>`
    SELECT day, event_type AS "eventType", event_count::int AS "eventCount", unique_sessions::int AS "uniqueSessions", model_views AS "modelViews"
    FROM observability.daily_stats_between(${from}::timestamptz, ${to}::timestamptz, ${eventType}::text)`;
}

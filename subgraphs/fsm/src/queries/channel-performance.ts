import { empty, sql, type Sql } from '@sixfold/kit';
import type { Prisma } from '../generated/prisma/client.js';
import type { ChannelPerformanceFilter, SalesChannel } from '../generated/graphql.js';
import type { FsmTx } from '../context.js';

export interface ChannelPerformanceRow {
  salesChannel: SalesChannel;
  businessUnitId: string;
  orderCount: number;
  completedCount: number;
  completionRatePct: Prisma.Decimal;
  avgSchedulingHours: Prisma.Decimal | null;
}

const DEFAULT_WINDOW_DAYS = 30;

/**
 * Seed 001's "sales channel performance metrics", with three corrections: it groups by business
 * unit id (names repeat across countries), counts CLOSED orders as completed (they were completed
 * before being closed), and measures the lead time in days × 24 from the order's day in its
 * country's time zone (the seed's EXTRACT(EPOCH FROM date - date) fails: that difference is an
 * integer number of days). Row-level security limits it to the caller's orders.
 */
export function channelPerformance(tx: FsmTx, filter: ChannelPerformanceFilter | null | undefined): Promise<ChannelPerformanceRow[]> {
  const since = (filter?.orderedAfter as Date | undefined) ?? new Date(Date.now() - DEFAULT_WINDOW_DAYS * 86_400_000);
  const conditions = [
    sql`so.order_date >= ${since}`,
    filter?.orderedBefore ? sql`so.order_date < ${filter.orderedBefore as Date}` : empty,
    filter?.countryCode ? sql`so.country_code = ${filter.countryCode}` : empty,
    filter?.businessUnitId ? sql`so.business_unit_id = ${filter.businessUnitId}::uuid` : empty,
    filter?.salesSystemId ? sql`so.sales_system_id = ${filter.salesSystemId}::uuid` : empty,
  ].filter((c) => c !== empty);
  return tx.$queryRaw<ChannelPerformanceRow[]>(sql`
    SELECT so.sales_channel                                            AS "salesChannel",
           so.business_unit_id::text                                   AS "businessUnitId",
           count(*)::int                                               AS "orderCount",
           count(*) FILTER (WHERE so.status IN ('COMPLETED', 'CLOSED'))::int AS "completedCount",
           round(100.0 * count(*) FILTER (WHERE so.status IN ('COMPLETED', 'CLOSED')) / count(*), 2) AS "completionRatePct",
           round(avg((so.scheduled_date - (so.order_date AT TIME ZONE c.timezone)::date) * 24.0), 2) AS "avgSchedulingHours"
    FROM fsm.service_orders so
    JOIN fsm.countries c ON c.code = so.country_code
    WHERE ${joinAnd(conditions)}
    GROUP BY so.sales_channel, so.business_unit_id
    ORDER BY "orderCount" DESC, so.sales_channel, so.business_unit_id`);
}

const joinAnd = (conditions: Sql[]) => conditions.reduce((all, c) => sql`${all} AND ${c}`);

import DataLoader from 'dataloader';
import { isUuid, loaderByKey, loaderFamily, loaderOfGroups, pagedChildrenLoader, sql, type Db } from '@sixfold/kit';
import type { MediaTx } from './db.js';
import { mediaFileConditions } from './filters.js';
import type { MediaFileFilter } from './generated/graphql.js';
import type { DailySearchRow, MediaFileRow } from './rows.js';

/** Keys that are not uuids name no row: answered without asking the database (which would reject them). */
const uuids = (keys: readonly string[]) => keys.filter(isUuid);

/** The media DataLoaders, created once per request: one per relation, so lists never cost N queries. */
export function createLoaders(db: Db<MediaTx>) {
  const mediaFileById = loaderByKey(
    (ids: readonly string[]) => db.run((tx) => tx.mediaFile.findMany({ where: { id: { in: uuids(ids) } } })),
    (f) => f.id,
  );
  const fetchFiles = async (tx: MediaTx, ids: string[]) => {
    const rows = await tx.mediaFile.findMany({ where: { id: { in: ids } } });
    for (const row of rows) mediaFileById.prime(row.id, row);
    return rows;
  };

  return {
    mediaFileById,
    /** Loads rows by id in one statement and primes `mediaFileById` with them, for lists. */
    fetchFiles,

    /** `User.mediaFiles(first, after, filter)`: newest first, one page per user, batched across users. */
    userMediaFiles: loaderFamily((filter: MediaFileFilter | null) =>
      pagedChildrenLoader<MediaTx, MediaFileRow>(
        db,
        { table: 'media.media_files', parentColumn: 'user_id', orderBy: 't.uploaded_at DESC, t.id DESC', where: mediaFileConditions(filter) },
        fetchFiles,
        (f) => f.id,
      ),
    ),

    embeddingById: loaderByKey(
      (ids: readonly string[]) => db.run((tx) => tx.mediaEmbedding.findMany({ where: { id: { in: uuids(ids) } } })),
      (e) => e.id,
    ),
    embeddingsByFile: loaderOfGroups(
      (fileIds: readonly string[]) =>
        db.run((tx) =>
          tx.mediaEmbedding.findMany({ where: { mediaFileId: { in: uuids(fileIds) } }, orderBy: [{ startTimeSeconds: { sort: 'asc', nulls: 'first' } }, { createdAt: 'asc' }, { id: 'asc' }] }),
        ),
      (e) => e.mediaFileId,
    ),

    jobById: loaderByKey(
      (ids: readonly string[]) => db.run((tx) => tx.processingJob.findMany({ where: { id: { in: uuids(ids) } } })),
      (j) => j.id,
    ),
    jobsByFile: loaderOfGroups(
      (fileIds: readonly string[]) =>
        db.run((tx) => tx.processingJob.findMany({ where: { mediaFileId: { in: uuids(fileIds) } }, orderBy: [{ queuedAt: 'asc' }, { id: 'asc' }] })),
      (j) => j.mediaFileId,
    ),

    /** The seed's user_dashboard_summary, by user. */
    usageByUser: loaderByKey(
      (userIds: readonly string[]) => db.run((tx) => tx.userDashboardSummary.findMany({ where: { userId: { in: uuids(userIds) } } })),
      (u) => u.userId,
    ),
    tierByName: loaderByKey(
      (names: readonly string[]) => db.run((tx) => tx.usageLimit.findMany({ where: { tierName: { in: [...names] } } })),
      (t) => t.tierName,
    ),

    /** `MediaUsage.monthlyCosts(months)`: the rollup view's rows of the last `months` calendar months, per user. */
    monthlyCostsByUser: loaderFamily((months: number) =>
      loaderOfGroups(
        (userIds: readonly string[]) => {
          const now = new Date();
          const firstMonth = now.getUTCFullYear() * 12 + now.getUTCMonth() - (months - 1); // months since year 0, 0-based
          return db.run((tx) =>
            tx.monthlyCost.findMany({
              where: {
                userId: { in: uuids(userIds) },
                OR: [
                  { year: { gt: Math.floor(firstMonth / 12) } },
                  { year: Math.floor(firstMonth / 12), month: { gte: (firstMonth % 12) + 1 } },
                ],
              },
              orderBy: [{ year: 'desc' }, { month: 'desc' }, { currency: 'asc' }, { totalAmount: 'desc' }],
            }),
          );
        },
        (c) => c.userId,
      ),
    ),

    /** `MediaUsage.dailySearches(days)`: the seed's "user activity summary" query, for many users at once. */
    dailySearchesByUser: loaderFamily(
      (days: number) =>
        new DataLoader<string, DailySearchRow[]>(async (userIds) => {
          const rows = await db.run((tx) =>
            tx.$queryRaw<Array<DailySearchRow & { userId: string; searchCount: bigint; averageClickThroughRate: unknown }>>(sql`
              SELECT user_id::text AS "userId",
                     date_trunc('day', searched_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day,
                     count(*) AS "searchCount",
                     avg(response_time_ms)::float8 AS "averageResponseTimeMs",
                     round(avg(click_through_rate), 4)::text AS "averageClickThroughRate"
                FROM media.search_history
               WHERE user_id = ANY(${uuids(userIds)}::uuid[])
                 AND searched_at >= now() - make_interval(days => ${days})
               GROUP BY 1, 2
               ORDER BY 1, 2 DESC`),
          );
          const byUser = new Map<string, DailySearchRow[]>();
          for (const { userId, searchCount, ...row } of rows) {
            const list = byUser.get(userId) ?? [];
            list.push({ ...row, searchCount: Number(searchCount), averageClickThroughRate: row.averageClickThroughRate as string | null });
            byUser.set(userId, list);
          }
          return userIds.map((id) => byUser.get(id) ?? []);
        }),
    ),

    /** `User.mediaSearchHistory(first, after)`: newest first. */
    searchHistoryByUser: pagedChildrenLoader(
      db,
      { table: 'media.search_history', parentColumn: 'user_id', orderBy: 't.searched_at DESC, t.id DESC' },
      (tx, ids) => tx.searchHistory.findMany({ where: { id: { in: ids } } }),
      (s) => s.id,
    ),
  };
}

export type MediaLoaders = ReturnType<typeof createLoaders>;

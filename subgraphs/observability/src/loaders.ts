import DataLoader from 'dataloader';
import { isUuid, loaderByKey, loaderFamily, loaderOfGroups, pagedChildrenLoader, sql, type Db } from '@sixfold/kit';
import type { ObservabilityServices, ObservabilityTx } from './context.js';
import type { IncidentStatus } from './generated/prisma/client.js';
import { byModel, latestStatuses, pairKey, type CurrentStatus } from './status/current.js';
import { seriesOf, uptimeOf, type SeriesRequest, type StatusPoint, type UptimeWindow } from './status/series.js';

const byRegion = (a: CurrentStatus, b: CurrentStatus) => a.region.localeCompare(b.region);

/**
 * The observability DataLoaders, created once per request (and per subscription event): one
 * batch, in a constant number of statements, per relation and argument set.
 */
export function createLoaders(db: Db<ObservabilityTx>, { live, regions }: ObservabilityServices) {
  const incidentsPaged = (parentColumn: 'model_id' | 'provider_id') =>
    loaderFamily((statuses: IncidentStatus[] | null) =>
      pagedChildrenLoader(
        db,
        {
          table: 'observability.incidents',
          parentColumn,
          orderBy: 't.started_at DESC, t.id',
          ...(statuses?.length ? { where: sql`t.status::text = ANY(${statuses.map((s) => s.toLowerCase())}::text[])` } : {}),
        },
        (tx, ids) => tx.incident.findMany({ where: { id: { in: ids } } }),
        (incident) => incident.id,
      ),
    );
  const openIncidentsBy = (column: 'modelId' | 'providerId') =>
    loaderOfGroups(
      (ids: readonly string[]) =>
        db.run((tx) => tx.incident.findMany({ where: { [column]: { in: [...ids] }, status: { not: 'RESOLVED' } }, orderBy: [{ startedAt: 'desc' }, { id: 'asc' }] })),
      (incident) => incident[column]!,
    );

  return {
    /** Keys that are not uuids (a malformed entity reference) find nothing instead of failing the batch. */
    incidentById: loaderByKey(
      (keys: readonly string[]) => db.run((tx) => tx.incident.findMany({ where: { id: { in: keys.filter(isUuid) } } })),
      (incident) => incident.id,
    ),
    updatesByIncident: loaderOfGroups(
      (ids: readonly string[]) => db.run((tx) => tx.incidentUpdate.findMany({ where: { incidentId: { in: [...ids] } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })),
      (update) => update.incidentId,
    ),
    openIncidentsByModel: openIncidentsBy('modelId'),
    openIncidentsByProvider: openIncidentsBy('providerId'),
    /** `Model.incidents(status, first, after)`: most recently started first. */
    incidentsByModel: incidentsPaged('model_id'),
    incidentsByProvider: incidentsPaged('provider_id'),

    /**
     * `Model.status(region)`: the live cache first; pairs it does not have (expired, or Redis
     * away) come from the latest rollups in one statement.
     */
    status: loaderFamily(
      (region: string | null) =>
        new DataLoader<string, CurrentStatus[]>(async (modelIds) => {
          const wanted = region ? [region] : await regions.list();
          const pairs = modelIds.flatMap((modelId) => wanted.map((r) => ({ modelId, region: r })));
          const cached = (await live.statuses(pairs)) ?? new Map<string, CurrentStatus>();
          const missing = pairs.filter((pair) => !cached.has(pairKey(pair)));
          const stored = missing.length ? await db.run((tx) => latestStatuses(tx, missing)) : [];
          const statuses = byModel([...cached.values(), ...stored]);
          return modelIds.map((id) => (statuses.get(id) ?? []).sort(byRegion));
        }),
    ),
    uptime: loaderFamily(
      ({ window, region }: { window: UptimeWindow; region: string | null }) =>
        new DataLoader<string, number | null>(async (modelIds) => {
          const uptime = await db.run((tx) => uptimeOf(tx, modelIds, window, region));
          return modelIds.map((id) => uptime.get(id) ?? null);
        }),
    ),
    series: loaderFamily((request: SeriesRequest) =>
      loaderOfGroups(
        (modelIds: readonly string[]) => db.run((tx) => seriesOf(tx, modelIds, request)),
        (point: StatusPoint) => point.modelId,
      ),
    ),
  };
}

export type ObservabilityLoaders = ReturnType<typeof createLoaders>;

import { loaderByKey, loaderFamily, loaderOfGroups, pagedChildrenLoader, sql, type Db } from '@sixfold/kit';
import type { FsmTx } from './context.js';
import type { ServiceProjectStatus } from './generated/graphql.js';
import { uuidKeys } from './validation.js';

/**
 * FSM's DataLoaders, created once per request: one per relation, so lists never cost N queries.
 * Every one runs in the request's transaction, so row-level security filters what it finds:
 * a row of another organization is simply not there.
 */
export function createLoaders(db: Db<FsmTx>) {
  /** Rows by uuid primary key; malformed keys (from entity references) find nothing instead of failing the batch. */
  const byIds = <R>(fetch: (tx: FsmTx, ids: string[]) => Promise<R[]>) => (keys: readonly string[]) => {
    const ids = uuidKeys(keys);
    return ids.length ? db.run((tx) => fetch(tx, ids)) : Promise.resolve([]);
  };

  const allCountries = once(() => db.run((tx) => tx.country.findMany()));
  const allSalesSystems = once(() => db.run((tx) => tx.salesSystem.findMany()));

  return {
    // Master data is small (a few countries and sales systems): the first use in a request loads all
    // of it, so every later lookup, whatever key it asks for, costs nothing.
    countryByCode: loaderByKey((_codes: readonly string[]) => allCountries(), (c) => c.code),
    salesSystemById: loaderByKey((_ids: readonly string[]) => allSalesSystems(), (s) => s.id),
    salesSystemByCode: loaderByKey((_codes: readonly string[]) => allSalesSystems(), (s) => s.code),
    businessUnitById: loaderByKey(
      byIds((tx, ids) => tx.businessUnit.findMany({ where: { id: { in: ids } } })),
      (b) => b.id,
    ),
    businessUnitByCode: loaderByKey(
      (codes: readonly string[]) => db.run((tx) => tx.businessUnit.findMany({ where: { code: { in: [...codes] } } })),
      (b) => b.code,
    ),
    storeById: loaderByKey(
      byIds((tx, ids) => tx.store.findMany({ where: { id: { in: ids } } })),
      (s) => s.id,
    ),
    serviceOrderById: loaderByKey(
      byIds((tx, ids) => tx.serviceOrder.findMany({ where: { id: { in: ids } } })),
      (o) => o.id,
    ),
    projectById: loaderByKey(
      byIds((tx, ids) => tx.project.findMany({ where: { id: { in: ids } } })),
      (p) => p.id,
    ),
    preEstimationById: loaderByKey(
      (ids: readonly string[]) => db.run((tx) => tx.salesPreEstimation.findMany({ where: { id: { in: [...ids] } } })),
      (e) => e.id,
    ),

    /** `Country.businessUnits`: the caller's units, by code. */
    businessUnitsByCountry: loaderOfGroups(
      (codes: readonly string[]) => db.run((tx) => tx.businessUnit.findMany({ where: { countryCode: { in: [...codes] } }, orderBy: { code: 'asc' } })),
      (b) => b.countryCode,
    ),
    /** `BusinessUnit.salesSystems`: the primary first, then by priority. */
    salesSystemLinksByBusinessUnit: loaderOfGroups(
      byIds((tx, ids) =>
        tx.businessUnitSalesSystem.findMany({
          where: { businessUnitId: { in: ids } },
          orderBy: [{ isPrimary: 'desc' }, { priority: 'asc' }, { id: 'asc' }],
        }),
      ),
      (l) => l.businessUnitId,
    ),
    channelConfigurationsByBusinessUnit: loaderOfGroups(
      byIds((tx, ids) => tx.salesChannelConfiguration.findMany({ where: { businessUnitId: { in: ids } }, orderBy: [{ salesChannel: 'asc' }] })),
      (c) => c.businessUnitId,
    ),
    /** `BusinessUnit.stores(activeOnly, first, after)`, by store code. */
    storesByBusinessUnit: loaderFamily((activeOnly: boolean) =>
      pagedChildrenLoader(
        db,
        { table: 'fsm.stores', parentColumn: 'business_unit_id', orderBy: 't.store_code, t.id', ...(activeOnly ? { where: sql`t.is_active` } : {}) },
        (tx, ids) => tx.store.findMany({ where: { id: { in: ids } } }),
        (s) => s.id,
      ),
    ),

    /** `ServiceProject.serviceOrders(first, after)`: newest order first. */
    serviceOrdersByProject: pagedChildrenLoader(
      db,
      { table: 'fsm.service_orders', parentColumn: 'project_id', orderBy: 't.order_date DESC, t.id' },
      (tx, ids) => tx.serviceOrder.findMany({ where: { id: { in: ids } } }),
      (o) => o.id,
    ),
    ownershipHistoryByProject: pagedChildrenLoader(
      db,
      { table: 'fsm.project_ownership_history', parentColumn: 'project_id', orderBy: 't.changed_at DESC, t.id' },
      (tx, ids) => tx.projectOwnershipChange.findMany({ where: { id: { in: ids } } }),
      (c) => c.id,
    ),
    /** `ServiceOrder.riskAssessments` (and, with first = 1, `latestRiskAssessment`). */
    riskAssessmentsByOrder: pagedChildrenLoader(
      db,
      { table: 'fsm.risk_assessments', parentColumn: 'service_order_id', orderBy: 't.assessed_at DESC, t.id' },
      (tx, ids) => tx.riskAssessment.findMany({ where: { id: { in: ids } } }),
      (a) => a.id,
    ),
    potentialAssessmentsByOrder: pagedChildrenLoader(
      db,
      { table: 'fsm.sales_potential_assessments', parentColumn: 'service_order_id', orderBy: 't.assessed_at DESC, t.id' },
      (tx, ids) => tx.salesPotentialAssessment.findMany({ where: { id: { in: ids } } }),
      (a) => a.id,
    ),
    integrationEventsByOrder: pagedChildrenLoader(
      db,
      { table: 'fsm.sales_system_integration_events', parentColumn: 'service_order_id', orderBy: 't.created_at DESC, t.id' },
      (tx, ids) => tx.salesSystemIntegrationEvent.findMany({ where: { id: { in: ids } } }),
      (e) => e.id,
    ),
    /** Orders that refer to a pre-estimation (a handful each). */
    serviceOrdersByPreEstimation: loaderOfGroups(
      (ids: readonly string[]) =>
        db.run((tx) => tx.serviceOrder.findMany({ where: { salesPreEstimationId: { in: [...ids] } }, orderBy: [{ orderDate: 'desc' }, { id: 'asc' }] })),
      (o) => o.salesPreEstimationId!,
    ),
    /** External references of orders and projects, keyed `SERVICE_ORDER:<id>` / `PROJECT:<id>`: one statement for both kinds. */
    externalReferencesByEntity: loaderOfGroups(
      (keys: readonly string[]) => {
        const byType = new Map<string, string[]>();
        for (const key of keys) {
          const [type, entityId] = key.split(':') as [string, string];
          if (uuidKeys([entityId]).length) byType.set(type, [...(byType.get(type) ?? []), entityId]);
        }
        if (byType.size === 0) return Promise.resolve([]);
        return db.run((tx) =>
          tx.externalReferenceMapping.findMany({
            where: { OR: [...byType].map(([type, ids]) => ({ fsmEntityType: type, fsmEntityId: { in: ids } })) },
            orderBy: [{ externalSystemSource: 'asc' }, { externalReferenceType: 'asc' }, { createdAt: 'asc' }],
          }),
        );
      },
      (m) => `${m.fsmEntityType}:${m.fsmEntityId}`,
    ),
    /** `User.serviceProjects(status, first)`: the operator's projects, most recently updated first. */
    projectsByOperator: loaderFamily((statuses: readonly ServiceProjectStatus[] | null) =>
      pagedChildrenLoader(
        db,
        {
          table: 'fsm.projects',
          parentColumn: 'responsible_operator_id',
          orderBy: 't.updated_at DESC, t.id',
          ...(statuses ? { where: sql`t.status = ANY(${[...statuses]}::text[])` } : {}),
        },
        (tx, ids) => tx.project.findMany({ where: { id: { in: ids } } }),
        (p) => p.id,
      ),
    ),
    /** `User.serviceWorkload`: one row per organization the caller may see. */
    workloadByOperator: loaderOfGroups(
      byIds((tx, ids) => tx.operatorWorkload.findMany({ where: { operatorId: { in: ids } }, orderBy: { organizationId: 'asc' } })),
      (w) => w.operatorId,
    ),
  };
}

/** `fetch` runs at most once; later calls share its promise. */
function once<T>(fetch: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= fetch());
}

export type FsmLoaders = ReturnType<typeof createLoaders>;

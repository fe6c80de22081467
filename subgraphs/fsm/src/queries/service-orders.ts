import { badInput, parseInput } from '@sixfold/kit';
import type { Prisma } from '../generated/prisma/client.js';
import type { ServiceOrderFilter, ServiceOrderOrder, ServiceOrderSortField } from '../generated/graphql.js';
import type { FsmLoaders } from '../loaders.js';
import { ACKNOWLEDGEABLE_RISK_LEVELS } from '../lifecycle.js';
import { filters } from '../validation.js';

type Where = Prisma.ServiceOrderWhereInput;

const present = <T>(values: readonly T[] | null | undefined): values is readonly T[] => Array.isArray(values) && values.length > 0;

/**
 * The `serviceOrders` filter as a Prisma `where`. Null when the filter can match nothing (an
 * unknown sales-system code): the caller answers with an empty page without asking the database.
 */
export async function serviceOrderWhere(filter: ServiceOrderFilter | null | undefined, loaders: FsmLoaders): Promise<Where | null> {
  if (!filter) return {};
  parseInput(filters.serviceOrder, filter, 'filter');
  if (filter.hasProject === false && filter.projectId) throw badInput('filter.hasProject', 'cannot be false with a projectId');
  const and: Where[] = [];
  if (filter.salesSystemCode) {
    const system = await loaders.salesSystemByCode.load(filter.salesSystemCode);
    if (!system) return null;
    and.push({ salesSystemId: system.id });
  }
  if (filter.scheduledFrom || filter.scheduledTo) {
    and.push({ scheduledDate: { ...(filter.scheduledFrom ? { gte: filter.scheduledFrom } : {}), ...(filter.scheduledTo ? { lte: filter.scheduledTo } : {}) } });
  }
  if (filter.orderedAfter || filter.orderedBefore) {
    and.push({ orderDate: { ...(filter.orderedAfter ? { gte: filter.orderedAfter } : {}), ...(filter.orderedBefore ? { lt: filter.orderedBefore } : {}) } });
  }
  if (filter.unacknowledgedRisk === true) and.push({ riskLevel: { in: [...ACKNOWLEDGEABLE_RISK_LEVELS] }, riskAcknowledgedAt: null });
  if (filter.unacknowledgedRisk === false) and.push({ NOT: { riskLevel: { in: [...ACKNOWLEDGEABLE_RISK_LEVELS] }, riskAcknowledgedAt: null } });
  return {
    ...(filter.countryCode ? { countryCode: filter.countryCode } : {}),
    ...(filter.businessUnitId ? { businessUnitId: filter.businessUnitId } : {}),
    ...(filter.storeId ? { storeId: filter.storeId } : {}),
    ...(filter.salesSystemId ? { salesSystemId: filter.salesSystemId } : {}),
    ...(filter.projectId ? { projectId: filter.projectId } : {}),
    ...(filter.hasProject === true && !filter.projectId ? { projectId: { not: null } } : {}),
    ...(filter.hasProject === false ? { projectId: null } : {}),
    ...(filter.customerId ? { customerId: filter.customerId } : {}),
    ...(present(filter.salesChannel) ? { salesChannel: { in: [...filter.salesChannel] } } : {}),
    ...(present(filter.status) ? { status: { in: [...filter.status] } } : {}),
    ...(present(filter.riskLevel) ? { riskLevel: { in: [...filter.riskLevel] } } : {}),
    ...(present(filter.salesPotential) ? { salesPotential: { in: [...filter.salesPotential] } } : {}),
    ...(present(filter.serviceType) ? { serviceType: { in: [...filter.serviceType] } } : {}),
    ...(present(filter.priority) ? { priority: { in: [...filter.priority] } } : {}),
    ...(filter.externalSystemSource ? { externalSystemSource: filter.externalSystemSource } : {}),
    ...(filter.externalSalesOrderId ? { externalSalesOrderId: filter.externalSalesOrderId } : {}),
    ...(filter.externalProjectId ? { externalProjectId: filter.externalProjectId } : {}),
    ...(filter.externalLeadId ? { externalLeadId: filter.externalLeadId } : {}),
    ...(and.length ? { AND: and } : {}),
  };
}

const SORT_COLUMNS = {
  ORDER_DATE: 'orderDate',
  SCHEDULED_DATE: 'scheduledDate',
  RISK_SCORE: 'riskScore',
  SALES_POTENTIAL_SCORE: 'salesPotentialScore',
  CREATED_AT: 'createdAt',
  UPDATED_AT: 'updatedAt',
} as const satisfies Record<ServiceOrderSortField, keyof Prisma.ServiceOrderOrderByWithRelationInput>;

const NULLABLE_SORT_COLUMNS = new Set<string>(['scheduledDate', 'riskScore', 'salesPotentialScore']);

/** The requested order, then id: rows that tie keep one order, so pages neither repeat nor skip rows. */
export function serviceOrderOrderBy(order: ServiceOrderOrder | null | undefined): Prisma.ServiceOrderOrderByWithRelationInput[] {
  const column = SORT_COLUMNS[order?.field ?? 'ORDER_DATE'];
  const sort = order?.direction === 'ASC' ? 'asc' : 'desc';
  // Orders without a date or score come last whichever way the list runs.
  const first = NULLABLE_SORT_COLUMNS.has(column) ? { [column]: { sort, nulls: 'last' } } : { [column]: sort };
  return [first, { id: 'asc' }];
}

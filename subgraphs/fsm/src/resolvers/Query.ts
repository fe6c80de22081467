import { badInput, listConnection, parseInput } from '@sixfold/kit';
import type { Prisma } from '../generated/prisma/client.js';
import type { QueryResolvers } from '../generated/graphql.js';
import { channelPerformance } from '../queries/channel-performance.js';
import { emptyConnection } from '../queries/connection.js';
import { serviceOrderOrderBy, serviceOrderWhere } from '../queries/service-orders.js';
import { storeConnection } from '../queries/stores.js';
import { filters, id } from '../validation.js';

const oneOf = (field: string, idValue: unknown, other: unknown, otherName: string) => {
  if (!idValue === !other) throw badInput(field, `give exactly one of id or ${otherName}`);
};
const present = <T>(values: readonly T[] | null | undefined): values is readonly T[] => Array.isArray(values) && values.length > 0;
const within = (after: unknown, before: unknown) =>
  after || before ? { ...(after ? { gte: after as Date } : {}), ...(before ? { lt: before as Date } : {}) } : undefined;

export const Query: QueryResolvers = {
  countries: (_root, { activeOnly }, ctx) =>
    ctx.db.run((tx) => tx.country.findMany({ where: activeOnly ? { isActive: true } : {}, orderBy: { code: 'asc' } })),

  country: (_root, { code }, ctx) => ctx.loaders.countryByCode.load(code),

  salesSystems: (_root, { activeOnly }, ctx) =>
    ctx.db.run((tx) => tx.salesSystem.findMany({ where: activeOnly ? { isActive: true } : {}, orderBy: { code: 'asc' } })),

  salesSystem(_root, args, ctx) {
    oneOf('salesSystem', args.id, args.code, 'code');
    return args.id ? ctx.loaders.salesSystemById.load(parseInput(id, args.id, 'id')) : ctx.loaders.salesSystemByCode.load(args.code!);
  },

  businessUnits(_root, { filter, ...page }, ctx) {
    parseInput(filters.businessUnit, filter ?? {}, 'filter');
    const where: Prisma.BusinessUnitWhereInput = {
      ...(filter?.countryCode ? { countryCode: filter.countryCode } : {}),
      ...(filter?.organizationId ? { organizationId: filter.organizationId } : {}),
      ...(filter?.activeOnly ? { isActive: true } : {}),
    };
    return listConnection(ctx.db, page, (tx, { skip, take }) => [
      tx.businessUnit.findMany({ where, orderBy: [{ countryCode: 'asc' }, { code: 'asc' }], skip, take }),
      tx.businessUnit.count({ where }),
    ]);
  },

  businessUnit(_root, args, ctx) {
    oneOf('businessUnit', args.id, args.code, 'code');
    return args.id ? ctx.loaders.businessUnitById.load(parseInput(id, args.id, 'id')) : ctx.loaders.businessUnitByCode.load(args.code!);
  },

  stores(_root, { filter, ...page }, ctx) {
    const { businessUnitId, countryCode, search } = parseInput(filters.store, filter ?? {}, 'filter');
    return storeConnection(ctx, { businessUnitId, countryCode, search, activeOnly: filter?.activeOnly }, page);
  },

  store: (_root, args, ctx) => ctx.loaders.storeById.load(parseInput(id, args.id, 'id')),

  async serviceOrders(_root, { filter, orderBy, ...page }, ctx) {
    const where = await serviceOrderWhere(filter, ctx.loaders);
    if (!where) return emptyConnection(page);
    const order = serviceOrderOrderBy(orderBy);
    return listConnection(ctx.db, page, (tx, { skip, take }) => [
      tx.serviceOrder.findMany({ where, orderBy: order, skip, take }),
      tx.serviceOrder.count({ where }),
    ]);
  },

  serviceOrder: (_root, args, ctx) => ctx.loaders.serviceOrderById.load(parseInput(id, args.id, 'id')),

  serviceProjects(_root, { filter, ...page }, ctx) {
    parseInput(filters.serviceProject, filter ?? {}, 'filter');
    if (filter?.unassigned && filter.responsibleOperatorId) throw badInput('filter.unassigned', 'cannot be combined with responsibleOperatorId');
    const where: Prisma.ProjectWhereInput = {
      ...(filter?.countryCode ? { countryCode: filter.countryCode } : {}),
      ...(filter?.businessUnitId ? { businessUnitId: filter.businessUnitId } : {}),
      ...(present(filter?.status) ? { status: { in: [...filter.status] } } : {}),
      ...(filter?.responsibleOperatorId ? { responsibleOperatorId: filter.responsibleOperatorId } : {}),
      ...(filter?.unassigned === true ? { responsibleOperatorId: null } : {}),
      ...(filter?.unassigned === false ? { responsibleOperatorId: { not: null } } : {}),
      ...(filter?.assignmentMode ? { assignmentMode: filter.assignmentMode } : {}),
      ...(filter?.customerId ? { customerId: filter.customerId } : {}),
    };
    return listConnection(ctx.db, page, (tx, { skip, take }) => [
      tx.project.findMany({ where, orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }], skip, take }),
      tx.project.count({ where }),
    ]);
  },

  serviceProject: (_root, args, ctx) => ctx.loaders.projectById.load(parseInput(id, args.id, 'id')),

  projectOwnershipHistory(_root, { filter, ...page }, ctx) {
    parseInput(filters.ownershipChange, filter ?? {}, 'filter');
    const where: Prisma.ProjectOwnershipChangeWhereInput = {
      ...(filter?.projectId ? { projectId: filter.projectId } : {}),
      ...(filter?.operatorId ? { OR: [{ newOperatorId: filter.operatorId }, { previousOperatorId: filter.operatorId }] } : {}),
      ...(filter?.changedAfter ? { changedAt: { gte: filter.changedAfter } } : {}),
    };
    return listConnection(ctx.db, page, (tx, { skip, take }) => [
      tx.projectOwnershipChange.findMany({ where, orderBy: [{ changedAt: 'desc' }, { id: 'asc' }], skip, take }),
      tx.projectOwnershipChange.count({ where }),
    ]);
  },

  salesChannelConfigurations(_root, { filter, ...page }, ctx) {
    parseInput(filters.channelConfiguration, filter ?? {}, 'filter');
    const where: Prisma.SalesChannelConfigurationWhereInput = {
      ...(filter?.businessUnitId ? { businessUnitId: filter.businessUnitId } : {}),
      ...(filter?.salesChannel ? { salesChannel: filter.salesChannel } : {}),
    };
    return listConnection(ctx.db, page, (tx, { skip, take }) => [
      tx.salesChannelConfiguration.findMany({ where, orderBy: [{ businessUnitId: 'asc' }, { salesChannel: 'asc' }], skip, take }),
      tx.salesChannelConfiguration.count({ where }),
    ]);
  },

  integrationEvents(_root, { filter, ...page }, ctx) {
    parseInput(filters.integrationEvent, filter ?? {}, 'filter');
    const createdAt = within(filter?.createdAfter, filter?.createdBefore);
    const where: Prisma.SalesSystemIntegrationEventWhereInput = {
      ...(filter?.salesSystemId ? { salesSystemId: filter.salesSystemId } : {}),
      ...(filter?.businessUnitId ? { businessUnitId: filter.businessUnitId } : {}),
      ...(present(filter?.eventType) ? { eventType: { in: [...filter.eventType] } } : {}),
      ...(present(filter?.status) ? { status: { in: [...filter.status] } } : {}),
      ...(filter?.salesOrderId ? { salesOrderId: filter.salesOrderId } : {}),
      ...(filter?.serviceOrderId ? { serviceOrderId: filter.serviceOrderId } : {}),
      ...(createdAt ? { createdAt } : {}),
    };
    return listConnection(ctx.db, page, (tx, { skip, take }) => [
      tx.salesSystemIntegrationEvent.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip, take }),
      tx.salesSystemIntegrationEvent.count({ where }),
    ]);
  },

  operatorWorkloads(_root, { filter, ...page }, ctx) {
    parseInput(filters.operatorWorkload, filter ?? {}, 'filter');
    const where: Prisma.OperatorWorkloadWhereInput = {
      ...(filter?.organizationId ? { organizationId: filter.organizationId } : {}),
      ...(filter?.operatorId ? { operatorId: filter.operatorId } : {}),
      ...(filter?.minWorkloadHours ? { totalWorkloadHours: { gte: filter.minWorkloadHours } } : {}),
    };
    return listConnection(ctx.db, page, (tx, { skip, take }) => [
      tx.operatorWorkload.findMany({ where, orderBy: [{ totalWorkloadMinutes: 'desc' }, { organizationId: 'asc' }, { operatorId: 'asc' }], skip, take }),
      tx.operatorWorkload.count({ where }),
    ]);
  },

  salesPreEstimations(_root, { filter, ...page }, ctx) {
    parseInput(filters.preEstimation, filter ?? {}, 'filter');
    const validAt = filter?.validAt as Date | undefined;
    const where: Prisma.SalesPreEstimationWhereInput = {
      ...(filter?.businessUnitId ? { businessUnitId: filter.businessUnitId } : {}),
      ...(filter?.salesSystemCode ? { salesSystemCode: filter.salesSystemCode } : {}),
      ...(filter?.customerId ? { customerId: filter.customerId } : {}),
      ...(present(filter?.confidenceLevel) ? { confidenceLevel: { in: [...filter.confidenceLevel] } } : {}),
      ...(validAt ? { createdAt: { lte: validAt }, OR: [{ validUntil: null }, { validUntil: { gte: validAt } }] } : {}),
    };
    return listConnection(ctx.db, page, (tx, { skip, take }) => [
      tx.salesPreEstimation.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip, take }),
      tx.salesPreEstimation.count({ where }),
    ]);
  },

  salesPreEstimation: (_root, args, ctx) => ctx.loaders.preEstimationById.load(args.id),

  riskAssessments(_root, { filter, ...page }, ctx) {
    parseInput(filters.assessment, filter ?? {}, 'filter');
    const assessedAt = within(filter?.assessedAfter, filter?.assessedBefore);
    const where: Prisma.RiskAssessmentWhereInput = {
      ...(filter?.serviceOrderId ? { serviceOrderId: filter.serviceOrderId } : {}),
      ...(present(filter?.riskLevel) ? { riskLevel: { in: [...filter.riskLevel] } } : {}),
      ...(filter?.triggeredBy ? { triggeredBy: filter.triggeredBy } : {}),
      ...(assessedAt ? { assessedAt } : {}),
    };
    return listConnection(ctx.db, page, (tx, { skip, take }) => [
      tx.riskAssessment.findMany({ where, orderBy: [{ assessedAt: 'desc' }, { id: 'asc' }], skip, take }),
      tx.riskAssessment.count({ where }),
    ]);
  },

  salesPotentialAssessments(_root, { filter, ...page }, ctx) {
    parseInput(filters.assessment, filter ?? {}, 'filter');
    const assessedAt = within(filter?.assessedAfter, filter?.assessedBefore);
    const where: Prisma.SalesPotentialAssessmentWhereInput = {
      ...(filter?.serviceOrderId ? { serviceOrderId: filter.serviceOrderId } : {}),
      ...(present(filter?.potentialLevel) ? { potentialLevel: { in: [...filter.potentialLevel] } } : {}),
      ...(assessedAt ? { assessedAt } : {}),
    };
    return listConnection(ctx.db, page, (tx, { skip, take }) => [
      tx.salesPotentialAssessment.findMany({ where, orderBy: [{ assessedAt: 'desc' }, { id: 'asc' }], skip, take }),
      tx.salesPotentialAssessment.count({ where }),
    ]);
  },

  externalReferences(_root, args, ctx) {
    parseInput(filters.externalReference, args, 'externalReferences');
    return ctx.db.run((tx) =>
      tx.externalReferenceMapping.findMany({
        where: { externalSystemSource: args.systemSource, externalReferenceType: args.referenceType, externalReferenceId: args.referenceId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        // One external id maps to a handful of entities; the cap only guards against bad data.
        take: 100,
      }),
    );
  },

  salesChannelPerformance(_root, { filter }, ctx) {
    parseInput(filters.channelPerformance, filter ?? {}, 'filter');
    return ctx.db.run((tx) => channelPerformance(tx, filter));
  },
};

import type { ExternalReferenceMappingResolvers, FsmEntityResolvers } from '../generated/graphql.js';

export const ExternalReferenceMapping: ExternalReferenceMappingResolvers = {
  entityType: (mapping) => mapping.fsmEntityType as never,
  entityId: (mapping) => mapping.fsmEntityId,
  entity(mapping, _args, ctx) {
    if (mapping.fsmEntityType === 'SERVICE_ORDER') return ctx.loaders.serviceOrderById.load(mapping.fsmEntityId);
    if (mapping.fsmEntityType === 'PROJECT') return ctx.loaders.projectById.load(mapping.fsmEntityId);
    return null; // customers live in the sales systems, not here
  },
  systemSource: (mapping) => mapping.externalSystemSource,
  referenceType: (mapping) => mapping.externalReferenceType as never,
  referenceId: (mapping) => mapping.externalReferenceId,
};

export const FsmEntity: FsmEntityResolvers = {
  __resolveType: (entity) => ('salesOrderId' in entity ? 'ServiceOrder' : 'ServiceProject'),
};

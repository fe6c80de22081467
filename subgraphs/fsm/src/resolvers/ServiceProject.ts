import type { ServiceProjectResolvers } from '../generated/graphql.js';
import { childConnection } from '@sixfold/kit';
import { required } from '../queries/connection.js';
import { userRef } from '../shapes.js';

export const ServiceProject: ServiceProjectResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.projectById.load(ref.id),
  country: (project, _args, ctx) => required(ctx.loaders.countryByCode.load(project.countryCode), `country of project ${project.id}`),
  businessUnit: (project, _args, ctx) => required(ctx.loaders.businessUnitById.load(project.businessUnitId), `business unit of project ${project.id}`),
  responsibleOperator: (project) => userRef(project.responsibleOperatorId),
  serviceOrders: (project, args, ctx) => childConnection(ctx.loaders.serviceOrdersByProject, project.id, args),
  ownershipHistory: (project, args, ctx) => childConnection(ctx.loaders.ownershipHistoryByProject, project.id, args),
  externalReferences: (project, _args, ctx) => ctx.loaders.externalReferencesByEntity.load(`PROJECT:${project.id}`),
};

import type { ProjectOwnershipChangeResolvers } from '../generated/graphql.js';
import { required } from '../queries/connection.js';
import { userRef } from '../shapes.js';

export const ProjectOwnershipChange: ProjectOwnershipChangeResolvers = {
  project: (change, _args, ctx) => required(ctx.loaders.projectById.load(change.projectId), `project of ownership change ${change.id}`),
  previousOperator: (change) => userRef(change.previousOperatorId),
  newOperator: (change) => userRef(change.newOperatorId),
};

import { childConnection } from '@sixfold/kit';
import type { ProjectResolvers, ProjectStatus, ProjectVisibility } from '../generated/graphql.js';
import { toEnum } from './values.js';

export const Project: ProjectResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.projectById.load(ref.id),
  organization: (project, _args, ctx) => ctx.loaders.organizationById.load(project.organizationId),
  status: (project) => toEnum<ProjectStatus>(project.status),
  visibility: (project) => toEnum<ProjectVisibility>(project.visibility),
  createdBy: (project, _args, ctx) => (project.createdBy ? ctx.loaders.userById.load(project.createdBy) : null),
  tasks: (project, { filter, first, after }, ctx) => childConnection(ctx.loaders.tasksByProject(filter), project.id, { first, after }),
  stats: (project, _args, ctx) => ctx.loaders.projectStatsById.load(project.id),
};

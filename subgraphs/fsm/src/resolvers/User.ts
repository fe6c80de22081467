import { badInput, isUuid, MAX_PAGE_SIZE } from '@sixfold/kit';
import type { UserResolvers } from '../generated/graphql.js';

/** Tenancy's User, extended with what field service knows about them. */
export const User: UserResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  async serviceProjects(user, { status, first }, ctx) {
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) throw badInput('first', `must be an integer from 0 to ${MAX_PAGE_SIZE}`);
    if (!isUuid(user.id)) return [];
    const statuses = status?.length ? [...status].sort() : null;
    return (await ctx.loaders.projectsByOperator(statuses)({ first, offset: 0 }).load(user.id)).rows;
  },
  serviceWorkload: (user, _args, ctx) => ctx.loaders.workloadByOperator.load(user.id),
};

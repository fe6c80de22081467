import { childConnection } from '@sixfold/kit';
import type { UserResolvers, UserStatus } from '../generated/graphql.js';
import { present, toEnum } from './values.js';

export const User: UserResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.userById.load(ref.id),
  displayName: (user) =>
    user.displayName ?? ([user.firstName, user.lastName].filter(Boolean).join(' ') || user.email.split('@')[0]!),
  status: (user) => toEnum<UserStatus>(user.status),
  async organizations(user, _args, ctx) {
    const memberships = await ctx.loaders.membershipsByUser.load(user.id);
    const organizations = await ctx.loaders.organizationById.loadMany(memberships.filter((m) => m.status === 'active').map((m) => m.organizationId));
    return present(organizations);
  },
  memberships: (user, _args, ctx) => ctx.loaders.membershipsByUser.load(user.id),
  roles: async (user, _args, ctx) => (await ctx.loaders.rolesByUser.load(user.id)).map((r) => r.name),
  apiKeys: (user, _args, ctx) => ctx.loaders.apiKeysByUser.load(user.id),
  assignedTasks: (user, { filter, first, after }, ctx) => childConnection(ctx.loaders.tasksByAssignee(filter), user.id, { first, after }),
  activity: (user, _args, ctx) => ctx.loaders.activityByUser.load(user.id),
};

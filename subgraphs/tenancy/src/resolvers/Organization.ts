import { childConnection } from '@sixfold/kit';
import type { MemberRole, OrganizationResolvers, OrganizationStatus } from '../generated/graphql.js';
import { toEnum } from './values.js';

export const Organization: OrganizationResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.organizationById.load(ref.id),
  status: (organization) => toEnum<OrganizationStatus>(organization.status),
  async viewerRole(organization, _args, ctx) {
    const membership = await ctx.loaders.viewerMembershipByOrganization.load(organization.id);
    return membership ? toEnum<MemberRole>(membership.role) : null;
  },
  members: (organization, { status, first, after }, ctx) => childConnection(ctx.loaders.membersByOrganization(status?.toLowerCase() ?? null), organization.id, { first, after }),
  projects: (organization, { filter, first, after }, ctx) => childConnection(ctx.loaders.projectsByOrganization(filter), organization.id, { first, after }),
};

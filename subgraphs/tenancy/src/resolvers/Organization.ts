import { pageRequest, toConnection } from '@sixfold/kit';
import type { MemberRole, OrganizationResolvers, OrganizationStatus } from '../generated/graphql.js';
import { toEnum } from './values.js';

export const Organization: OrganizationResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.organizationById.load(ref.id),
  status: (organization) => toEnum<OrganizationStatus>(organization.status),
  async viewerRole(organization, _args, ctx) {
    const membership = await ctx.loaders.viewerMembershipByOrganization.load(organization.id);
    return membership ? toEnum<MemberRole>(membership.role) : null;
  },
  async members(organization, { status, first, after }, ctx) {
    const page = pageRequest({ first, after });
    const { rows, totalCount } = await ctx.loaders.membersByOrganization(status?.toLowerCase() ?? null)(page).load(organization.id);
    return toConnection(rows, page, totalCount);
  },
  async projects(organization, { filter, first, after }, ctx) {
    const page = pageRequest({ first, after });
    const { rows, totalCount } = await ctx.loaders.projectsByOrganization(filter)(page).load(organization.id);
    return toConnection(rows, page, totalCount);
  },
};

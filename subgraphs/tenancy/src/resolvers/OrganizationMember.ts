import type { MemberRole, MemberStatus, OrganizationMemberResolvers } from '../generated/graphql.js';
import { toEnum } from './values.js';

export const OrganizationMember: OrganizationMemberResolvers = {
  organization: (member, _args, ctx) => ctx.loaders.organizationById.load(member.organizationId),
  user: (member, _args, ctx) => ctx.loaders.userById.load(member.userId),
  invitedBy: (member, _args, ctx) => (member.invitedBy ? ctx.loaders.userById.load(member.invitedBy) : null),
  role: (member) => toEnum<MemberRole>(member.role),
  status: (member) => toEnum<MemberStatus>(member.status),
};

import { randomUUID } from 'node:crypto';
import { badInput, conflict, forbidden, isAdmin, notFound, parseInput, requireAdmin, uuidArg } from '@sixfold/kit';
import { isSession, requireGrantableScopes, requirePerson, requireWriter } from '../access.js';
import type { TenancyContext } from '../context.js';
import { newApiKey } from '../credentials.js';
import { notify, revokeCredentials } from '../events.js';
import type { MutationResolvers } from '../generated/graphql.js';
import { refreshStatistics } from '../maintenance.js';
import { addCommentInput, createApiKeyInput, DEFAULT_API_KEY_RATE_LIMIT, createOrganizationInput, inviteMemberInput, logInInput, signUpInput } from '../validation.js';

export const Mutation: MutationResolvers = {
  async signUp(_root, { input }, ctx) {
    await ctx.auth.signUp(parseInput(signUpInput, input));
    return { accepted: true, message: 'If this address can be registered, it now is: log in with it.' };
  },

  logIn: (_root, { input }, ctx) => ctx.auth.logIn(parseInput(logInInput, input)),

  async logOut(_root, _args, ctx) {
    const userId = requirePerson(ctx.identity);
    if (!isSession(ctx.identity)) throw badInput('logOut', 'this request used an API key: revoke it with revokeApiKey');
    const credentialId = ctx.identity.credentialId!;
    await ctx.db.run((tx) => tx.session.deleteMany({ where: { id: credentialId.slice('session:'.length), userId } }));
    revokeCredentials(ctx, { credentialIds: [credentialId] });
    return true;
  },

  async createApiKey(_root, { input }, ctx) {
    const userId = requireWriter(ctx.identity);
    const { name, scopes, rateLimit, expiresAt } = parseInput(createApiKeyInput, input);
    const granted = scopes ?? (isSession(ctx.identity) ? [] : ctx.identity.scopes);
    requireGrantableScopes(ctx.identity, granted);
    // A key's limit is its holder's budget on the shared gateway: above the default, an admin grants it.
    if (rateLimit != null && rateLimit > DEFAULT_API_KEY_RATE_LIMIT && !isAdmin(ctx.identity)) {
      throw forbidden(`input.rateLimit: only an admin may allow a key more than ${DEFAULT_API_KEY_RATE_LIMIT} requests an hour`);
    }
    const id = randomUUID();
    const key = await newApiKey(id);
    const apiKey = await ctx.db.run((tx) =>
      tx.apiKey.create({
        data: { id, userId, name, keyHash: key.keyHash, keyPrefix: key.keyPrefix, scopes: [...new Set(granted)], rateLimit: rateLimit ?? undefined, expiresAt: expiresAt ?? null },
      }),
    );
    return { apiKey, secret: key.token };
  },

  async revokeApiKey(_root, { id }, ctx) {
    requireWriter(ctx.identity);
    const keyId = uuidArg('id', id);
    // Row-level security shows only your own keys (everyone's to admins).
    const revoked = await ctx.db.run(async (tx) => {
      const key = await tx.apiKey.findUnique({ where: { id: keyId } });
      if (!key) throw notFound('API key');
      if (key.revokedAt) return key;
      return tx.apiKey.update({ where: { id: keyId }, data: { revokedAt: new Date(), isActive: false } });
    });
    revokeCredentials(ctx, { credentialIds: [`apikey:${keyId}`] });
    return revoked;
  },

  async createOrganization(_root, { input }, ctx) {
    const userId = requireWriter(ctx.identity);
    const { name, slug, description } = parseInput(createOrganizationInput, input);
    const organization = await ctx.db.run(async (tx) => {
      // The function answers NULL for a taken slug, including one this caller may not see.
      const [{ id }] = await tx.$queryRaw<[{ id: string | null }]>`SELECT app.create_organization(${name}, ${slug}, ${description ?? null}) AS id`;
      if (!id) throw conflict('input.slug', 'is taken');
      return tx.organization.findUniqueOrThrow({ where: { id } });
    });
    // The creator's next request carries the new membership.
    revokeCredentials(ctx, { userIds: [userId] });
    return organization;
  },

  async inviteMember(_root, { input }, ctx) {
    requireWriter(ctx.identity);
    const organizationId = uuidArg('input.organizationId', input.organizationId);
    const { email, role } = parseInput(inviteMemberInput, { email: input.email, role: input.role });
    await requireOrganizationAdmin(ctx, organizationId);
    const membership = await ctx.db.run(async (tx) => {
      const [{ id }] = await tx.$queryRaw<[{ id: string | null }]>`
        SELECT app.invite_member(${organizationId}::uuid, ${email}, ${(role ?? 'MEMBER').toLowerCase()}) AS id`.catch((error: Error) => {
        if (/already a member or invited/.test(error.message)) throw conflict('input.email', 'is already a member or invited');
        throw error;
      });
      if (!id) throw badInput('input.email', 'no account has this address; ask them to sign up first');
      return tx.organizationMember.findUniqueOrThrow({ where: { id } });
    });
    const organization = await ctx.loaders.organizationById.load(organizationId);
    await notify(ctx, [
      {
        userId: membership.userId,
        type: 'organization_invitation',
        title: `You are invited to join ${organization?.name ?? 'an organization'}`,
        link: `/organizations/${organization?.slug ?? organizationId}`,
        metadata: { organizationId, invitedBy: ctx.identity.userId, role: membership.role },
      },
    ]);
    return membership;
  },

  async acceptInvitation(_root, { organizationId }, ctx) {
    const userId = requireWriter(ctx.identity);
    const orgId = uuidArg('organizationId', organizationId);
    const membership = await ctx.db.run(async (tx) => {
      const [{ accepted }] = await tx.$queryRaw<[{ accepted: boolean }]>`SELECT app.accept_invitation(${orgId}::uuid) AS accepted`;
      if (!accepted) throw notFound('Invitation');
      return tx.organizationMember.findUniqueOrThrow({ where: { organizationId_userId: { organizationId: orgId, userId } } });
    });
    revokeCredentials(ctx, { userIds: [userId] });
    return membership;
  },

  async removeMember(_root, { organizationId, userId }, ctx) {
    requireWriter(ctx.identity);
    const orgId = uuidArg('organizationId', organizationId);
    const memberId = uuidArg('userId', userId);
    await requireOrganizationAdmin(ctx, orgId);
    const removed = await ctx.db.run(async (tx) => {
      const membership = await tx.organizationMember.findUnique({ where: { organizationId_userId: { organizationId: orgId, userId: memberId } } });
      if (!membership || membership.status === 'removed') throw notFound('Member');
      if (membership.role === 'owner') await keepAnOwner(tx, orgId, 'userId');
      return tx.organizationMember.update({ where: { id: membership.id }, data: { status: 'removed' } });
    });
    revokeCredentials(ctx, { userIds: [memberId] });
    return removed;
  },

  async changeMemberRole(_root, { organizationId, userId, role }, ctx) {
    requireWriter(ctx.identity);
    const orgId = uuidArg('organizationId', organizationId);
    const memberId = uuidArg('userId', userId);
    const viewerRole = await requireOrganizationAdmin(ctx, orgId);
    if (role === 'OWNER' && viewerRole !== 'owner' && !isAdmin(ctx.identity)) throw forbidden('Only owners make owners');
    const changed = await ctx.db.run(async (tx) => {
      const membership = await tx.organizationMember.findUnique({ where: { organizationId_userId: { organizationId: orgId, userId: memberId } } });
      if (!membership || membership.status === 'removed') throw notFound('Member');
      if (membership.role === 'owner' && role !== 'OWNER') await keepAnOwner(tx, orgId, 'role');
      return tx.organizationMember.update({ where: { id: membership.id }, data: { role: role.toLowerCase() } });
    });
    revokeCredentials(ctx, { userIds: [memberId] });
    return changed;
  },

  async addComment(_root, { input }, ctx) {
    const userId = requireWriter(ctx.identity);
    const taskId = uuidArg('input.taskId', input.taskId);
    const parentCommentId = input.parentCommentId ? uuidArg('input.parentCommentId', input.parentCommentId) : null;
    const { content, mentions } = parseInput(addCommentInput, { content: input.content, mentions: input.mentions });
    const task = await ctx.loaders.taskById.load(taskId);
    if (!task) throw notFound('Task');
    const project = await ctx.loaders.projectById.load(task.projectId);
    if (!project || !ctx.identity.organizationIds.includes(project.organizationId)) throw forbidden('Only members of the project\u2019s organization comment on it');
    const mentioned = [...new Set(mentions ?? [])].filter((id) => id !== userId);
    const comment = await ctx.db.run(async (tx) => {
      if (mentioned.length) {
        const members = await tx.organizationMember.count({ where: { organizationId: project.organizationId, userId: { in: mentioned }, status: 'active' } });
        if (members !== mentioned.length) throw badInput('input.mentions', 'may only name members of the task\u2019s organization');
      }
      if (parentCommentId && !(await tx.comment.count({ where: { id: parentCommentId, taskId } }))) {
        throw badInput('input.parentCommentId', 'is not a comment on this task');
      }
      return tx.comment.create({ data: { taskId, userId, content, mentions: mentioned, parentCommentId } });
    });
    await notify(
      ctx,
      mentioned.map((mentionedId) => ({
        userId: mentionedId,
        type: 'mention',
        title: `You were mentioned on \u201c${task.title.slice(0, 200)}\u201d`,
        message: content.slice(0, 500),
        link: `/projects/${project.id}/tasks/${task.id}#comment-${comment.id}`,
        metadata: { taskId, commentId: comment.id, by: userId },
      })),
    );
    return comment;
  },

  async markNotificationsRead(_root, { ids }, ctx) {
    const userId = requireWriter(ctx.identity);
    if (ids.length > 100) throw badInput('ids', 'at most 100 at a time');
    const notificationIds = ids.map((id, i) => uuidArg(`ids.${i}`, id));
    const { count } = await ctx.db.run((tx) =>
      tx.notification.updateMany({ where: { id: { in: notificationIds }, userId, isRead: false }, data: { isRead: true, readAt: new Date() } }),
    );
    return count;
  },

  async markAllNotificationsRead(_root, _args, ctx) {
    const userId = requireWriter(ctx.identity);
    const { count } = await ctx.db.run((tx) => tx.notification.updateMany({ where: { userId, isRead: false }, data: { isRead: true, readAt: new Date() } }));
    return count;
  },

  async refreshStatistics(_root, _args, ctx) {
    requirePerson(ctx.identity);
    requireAdmin(ctx.identity);
    return refreshStatistics(ctx.db);
  },
};

/** The caller's role in the organization, when it lets them administer it; FORBIDDEN otherwise. */
async function requireOrganizationAdmin(ctx: TenancyContext, organizationId: string): Promise<string | null> {
  const membership = await ctx.loaders.viewerMembershipByOrganization.load(organizationId);
  if (isAdmin(ctx.identity)) return membership?.role ?? null;
  if (!membership) throw notFound('Organization');
  if (membership.role !== 'owner' && membership.role !== 'admin') throw forbidden('Only owners and admins of the organization manage its members');
  return membership.role;
}

/** An organization never loses its last owner. */
async function keepAnOwner(tx: Parameters<Parameters<TenancyContext['db']['run']>[0]>[0], organizationId: string, field: string) {
  const owners = await tx.organizationMember.count({ where: { organizationId, role: 'owner', status: 'active' } });
  if (owners <= 1) throw badInput(field, 'the organization\u2019s last owner cannot be removed or demoted');
}


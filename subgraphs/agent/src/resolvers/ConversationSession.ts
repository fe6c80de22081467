import { childConnection } from '@sixfold/kit';
import type { ConversationSessionResolvers, ConversationStatus } from '../generated/graphql.js';
import { userRef } from '../references.js';
import { toGraphEnum } from '../values.js';

export const ConversationSession: ConversationSessionResolvers = {
  user: (session) => userRef(session.userId),
  memory: (session, _args, ctx) => (session.memoryId ? ctx.loaders.memoryById.load(session.memoryId) : null),
  status: (session) => toGraphEnum<ConversationStatus>(session.status),
  requests: (session, args, ctx) => childConnection(ctx.loaders.requestsBySession, session.id, args),
  memories: (session, args, ctx) => childConnection(ctx.loaders.memoriesBySession, session.id, args),
};

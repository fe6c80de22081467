import type { MemoryResolvers } from '../generated/graphql.js';
import { userRef } from '../references.js';

export const Memory: MemoryResolvers = {
  user: (memory) => userRef(memory.userId),
  session: (memory, _args, ctx) => (memory.sessionId ? ctx.loaders.sessionById.load(memory.sessionId) : null),
};

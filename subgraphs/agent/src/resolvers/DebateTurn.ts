import type { DebateTurnResolvers } from '../generated/graphql.js';
import { toInt } from '../values.js';

export const DebateTurn: DebateTurnResolvers = {
  async session(turn, _args, ctx) {
    const session = await ctx.loaders.debateById.load(turn.sessionId);
    // A turn is visible only through its debate (row-level security), so this cannot happen.
    if (!session) throw new Error(`turn ${turn.id} without its debate ${turn.sessionId}`);
    return session;
  },
  responseTimeMs: (turn) => toInt(turn.responseTime),
};

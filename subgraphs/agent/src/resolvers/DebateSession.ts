import { badInput } from '@sixfold/kit';
import { participantsOf } from '../debates.js';
import type { DebateSessionResolvers, DebateStatus, VotingMethod } from '../generated/graphql.js';
import { userRef } from '../references.js';
import { stringList, toGraphEnum } from '../values.js';

export const DebateSession: DebateSessionResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.debateById.load(ref.id),
  status: (session) => toGraphEnum<DebateStatus>(session.status),
  votingMethod: (session) => toGraphEnum<VotingMethod>(session.votingMethod),
  positions: (session) => stringList(session.positions),
  participants: (session) => participantsOf(session).map((p) => ({ id: p.id, position: p.position, providerName: p.providerName ?? null })),
  createdBy: (session) => userRef(session.createdBy),
  async turns(session, { round }, ctx) {
    if (round !== null && round !== undefined && round < 1) throw badInput('round', 'must be 1 or more');
    const turns = await ctx.loaders.turnsByDebate.load(session.id);
    return round ? turns.filter((t) => t.roundNumber === round) : turns;
  },
  codeVersions: (session, _args, ctx) => ctx.loaders.codeVersionsByDebate.load(session.id),
};

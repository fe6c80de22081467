/**
 * AI debates: sessions with positions and participants, turns added in order (round by round,
 * each participant once per round), and the code versions a debate produces.
 */
import { badInput, conflict, notFound, parseInput, uuidArg } from '@sixfold/kit';
import { z } from 'zod';
import { requireWriter } from './access.js';
import type { AgentContext, AgentTx } from './context.js';
import { lockRow } from './db.js';
import { publishDebateTurnAdded } from './events.js';
import type { CodeVersion, DebateSession, DebateTurn } from './generated/prisma/client.js';
import { stringList, toColumnValue } from './values.js';
import { decimalBetween, distinct, jsonArray, jsonObject, nonNegativeInt, optionalText, text, uuid } from './validation.js';

interface Participant {
  id: string;
  position: string;
  providerName?: string;
}

/** The participants column as stored: [{id, position, providerName?}]. */
export function participantsOf(session: Pick<DebateSession, 'participants'>): Participant[] {
  const list = Array.isArray(session.participants) ? (session.participants as unknown[]) : [];
  return list.filter((p): p is Participant => typeof p === 'object' && p !== null && typeof (p as Participant).id === 'string');
}

const createInput = z
  .object({
    topic: text(2_000),
    description: optionalText(10_000),
    totalRounds: z.number().int().min(1).max(100),
    votingMethod: z.enum(['WEIGHTED', 'MAJORITY', 'BORDA', 'CONDORCET']).nullish(),
    positions: z.array(text(255)).min(2).max(10).refine(distinct, 'must be distinct'),
    participants: z
      .array(z.object({ id: text(255), position: text(255), providerName: optionalText(255) }))
      .min(2)
      .max(20)
      .refine((list) => distinct(list.map((p) => p.id)), 'must have distinct ids'),
    metadata: jsonObject.nullish(),
  })
  .superRefine((value, issues) => {
    value.participants.forEach((p, i) => {
      if (!value.positions.includes(p.position)) issues.addIssue({ code: 'custom', path: ['participants', i, 'position'], message: 'must be one of positions' });
    });
  });

export async function createDebateSession(ctx: AgentContext, input: unknown): Promise<DebateSession> {
  const userId = requireWriter(ctx.identity);
  const data = parseInput(createInput, input);
  const participants: Participant[] = data.participants.map((p) => ({ id: p.id, position: p.position, ...(p.providerName ? { providerName: p.providerName } : {}) }));
  return ctx.db.run((tx) =>
    tx.debateSession.create({
      data: {
        topic: data.topic,
        description: data.description ?? null,
        totalRounds: data.totalRounds,
        votingMethod: toColumnValue(data.votingMethod ?? 'WEIGHTED'),
        positions: data.positions,
        participants: participants as object[],
        metadata: data.metadata ?? {},
        createdBy: userId,
      },
    }),
  );
}

const turnInput = z.object({
  sessionId: uuid,
  roundNumber: z.number().int().min(1),
  turnNumber: z.number().int().min(1),
  participantId: text(255),
  position: text(255),
  content: z.string().max(200_000).refine((c) => c.trim().length > 0, 'must not be empty'),
  rawResponse: jsonObject.nullish(),
  tokensUsed: nonNegativeInt().nullish(),
  responseTimeMs: nonNegativeInt().nullish(),
  confidence: decimalBetween(0, 1).nullish(),
});

/**
 * Adds the next turn of a debate. Under a lock on the session, so two turns added at once are
 * checked one after the other: the round is the current one or the next (never past the last),
 * the turn number is the next in its round, and a participant speaks once per round.
 */
export async function addDebateTurn(ctx: AgentContext, input: unknown): Promise<DebateTurn> {
  requireWriter(ctx.identity);
  const data = parseInput(turnInput, input);
  const { turn, ownerId } = await ctx.db.run(async (tx) => {
    const session = await lockDebate(tx, data.sessionId);
    if (session.status !== 'pending' && session.status !== 'active') throw conflict('input.sessionId', `the debate is ${session.status}`);
    const participant = participantsOf(session).find((p) => p.id === data.participantId);
    if (!participant) throw badInput('input.participantId', 'is not a participant of this debate');
    if (!stringList(session.positions).includes(data.position)) throw badInput('input.position', 'is not a position of this debate');
    if (data.roundNumber > session.totalRounds) throw badInput('input.roundNumber', `the debate has ${session.totalRounds} rounds`);
    const current = session.currentRound;
    if (data.roundNumber !== current && data.roundNumber !== current + 1)
      throw conflict('input.roundNumber', current === 0 ? 'the first turn belongs to round 1' : `must be the current round (${current}) or the next`);

    const spoken = await tx.debateTurn.findMany({ where: { sessionId: session.id, roundNumber: data.roundNumber }, select: { turnNumber: true, participantId: true } });
    const expectedTurn = Math.max(0, ...spoken.map((t) => t.turnNumber)) + 1;
    if (data.turnNumber !== expectedTurn) throw conflict('input.turnNumber', `must be ${expectedTurn}, the next turn of round ${data.roundNumber}`);
    if (spoken.some((t) => t.participantId === data.participantId)) throw conflict('input.participantId', `has already spoken in round ${data.roundNumber}`);

    const created = await tx.debateTurn.create({
      data: {
        sessionId: session.id,
        roundNumber: data.roundNumber,
        turnNumber: data.turnNumber,
        participantId: data.participantId,
        position: data.position,
        content: data.content,
        rawResponse: data.rawResponse ?? {},
        tokensUsed: data.tokensUsed ?? 0,
        responseTime: BigInt(data.responseTimeMs ?? 0),
        confidence: data.confidence ?? '0',
      },
    });
    await tx.debateSession.update({
      where: { id: session.id },
      data: { currentRound: data.roundNumber, status: 'active', startedAt: session.startedAt ?? new Date() },
    });
    return { turn: created, ownerId: session.createdBy };
  });
  ctx.loaders.debateById.clear(data.sessionId);
  ctx.loaders.turnsByDebate.clear(data.sessionId);
  publishDebateTurnAdded(ctx, ownerId, turn);
  return turn;
}

export async function completeDebateSession(ctx: AgentContext, id: string, finalWinner: string): Promise<DebateSession> {
  requireWriter(ctx.identity);
  return finishDebate(ctx, id, (session) => {
    if (session.status !== 'active') throw conflict('id', session.status === 'pending' ? 'the debate has no turns yet' : `the debate is ${session.status}`);
    if (!stringList(session.positions).includes(finalWinner)) throw badInput('finalWinner', 'is not a position of this debate');
    return { status: 'completed', finalWinner };
  });
}

export async function cancelDebateSession(ctx: AgentContext, id: string): Promise<DebateSession> {
  requireWriter(ctx.identity);
  return finishDebate(ctx, id, (session) => {
    if (session.status !== 'pending' && session.status !== 'active') throw conflict('id', `the debate is ${session.status}`);
    return { status: 'cancelled' };
  });
}

async function finishDebate(ctx: AgentContext, idArg: string, decide: (session: DebateSession) => { status: string; finalWinner?: string }): Promise<DebateSession> {
  const id = uuidArg('id', idArg);
  const finished = await ctx.db.run(async (tx) => {
    const session = await lockDebate(tx, id);
    return tx.debateSession.update({ where: { id }, data: { ...decide(session), completedAt: new Date() } });
  });
  ctx.loaders.debateById.clear(id).prime(id, finished);
  return finished;
}

const codeVersionInput = z.object({
  sessionId: uuid,
  versionHash: z.string().regex(/^[0-9a-f]{7,64}$/, 'must be a lower-case hex git hash of 7 to 64 characters'),
  branch: text(255),
  commitMessage: optionalText(10_000),
  filesChanged: jsonArray.nullish(),
  diffSummary: optionalText(100_000),
  validationStatus: z.enum(['PENDING', 'PASSED', 'FAILED']).nullish(),
  testResults: jsonObject.nullish(),
});

export async function recordCodeVersion(ctx: AgentContext, input: unknown): Promise<CodeVersion> {
  requireWriter(ctx.identity);
  const data = parseInput(codeVersionInput, input);
  if (!(await ctx.loaders.debateById.load(data.sessionId))) throw notFound('Debate session');
  const version = await ctx.db.run(async (tx) => {
    if (await tx.codeVersion.count({ where: { sessionId: data.sessionId, versionHash: data.versionHash } }))
      throw conflict('input.versionHash', 'the debate already has this version');
    return tx.codeVersion.create({
      data: {
        sessionId: data.sessionId,
        versionHash: data.versionHash,
        branch: data.branch,
        commitMessage: data.commitMessage ?? null,
        filesChanged: (data.filesChanged ?? []) as object[],
        diffSummary: data.diffSummary ?? null,
        validationStatus: toColumnValue(data.validationStatus ?? 'PENDING'),
        testResults: data.testResults ?? {},
      },
    });
  });
  ctx.loaders.codeVersionsByDebate.clear(data.sessionId);
  return version;
}

/** Locks a debate the caller may see and reads it; NOT_FOUND otherwise. */
async function lockDebate(tx: AgentTx, id: string): Promise<DebateSession> {
  if (!(await lockRow(tx, 'agent.debate_sessions', id))) throw notFound('Debate session');
  return (await tx.debateSession.findUnique({ where: { id } }))!;
}

/**
 * Conversations, LLM requests and the providers' responses: what a user submits, what the system
 * records as providers answer, and how the ensemble winner is chosen.
 */
import { randomBytes } from 'node:crypto';
import { badInput, conflict, notFound, parseInput, requireAdmin, uuidArg } from '@sixfold/kit';
import { z } from 'zod';
import { requireWriter } from './access.js';
import type { AgentContext, AgentTx } from './context.js';
import { lockRow } from './db.js';
import type { ConversationSession, LlmRequest, LlmResponse, Prisma } from './generated/prisma/client.js';
import { decimalBetween, jsonObject, nonNegativeInt, optionalText, uuid } from './validation.js';

const MAX_TTL_MINUTES = 43_200;

const startConversationInput = z.object({
  sessionToken: z.string().trim().min(8).max(255).regex(/^[\w.:-]+$/, 'must be letters, digits and _ . : -').nullish(),
  context: jsonObject.nullish(),
  memoryId: uuid.nullish(),
  ttlMinutes: z.number().int().min(1).max(MAX_TTL_MINUTES).nullish(),
});

export async function startConversation(ctx: AgentContext, input: unknown): Promise<ConversationSession> {
  const userId = requireWriter(ctx.identity);
  const data = parseInput(startConversationInput, input);
  if (data.memoryId) {
    const memory = await ctx.loaders.memoryById.load(data.memoryId);
    if (memory?.userId !== userId) throw badInput('input.memoryId', 'is not one of your memories');
  }
  const ttlMs = (data.ttlMinutes ?? 1_440) * 60_000;
  const create = (tx: AgentTx) =>
    tx.conversationSession.create({
      data: {
        userId,
        sessionToken: data.sessionToken ?? `conv_${randomBytes(18).toString('base64url')}`,
        context: data.context ?? {},
        memoryId: data.memoryId ?? null,
        expiresAt: new Date(Date.now() + ttlMs),
      },
    });
  // Tokens are unique across users, whose rows the caller cannot see: only the insert can tell.
  return ctx.db.run((tx) =>
    create(tx).catch((error: unknown) => {
      throw (error as { code?: string }).code === 'P2002' ? conflict('input.sessionToken', 'is already in use') : error;
    }),
  );
}

export async function endConversation(ctx: AgentContext, idArg: string): Promise<ConversationSession> {
  requireWriter(ctx.identity);
  const id = uuidArg('id', idArg);
  const session = await ctx.loaders.sessionById.load(id);
  if (!session) throw notFound('Conversation');
  if (session.status === 'revoked') return session;
  const ended = await ctx.db.run((tx) => tx.conversationSession.update({ where: { id }, data: { status: 'revoked' } }));
  ctx.loaders.sessionById.clear(id).prime(id, ended);
  return ended;
}

const message = z.looseObject({ role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']), content: z.unknown() });
const submitInput = z.object({
  sessionId: uuid.nullish(),
  prompt: z.string().max(200_000).refine((p) => p.trim().length > 0, 'must not be empty'),
  messages: z.array(message).max(1_000).nullish(),
  modelParams: z
    .looseObject({
      temperature: z.number().min(0).max(2).optional(),
      top_p: z.number().min(0).max(1).optional(),
      max_tokens: z.number().int().min(1).max(10_000_000).optional(),
    })
    .transform((v) => v as Prisma.InputJsonObject)
    .nullish(),
  ensembleConfig: jsonObject.nullish(),
  requestType: z.string().max(50).regex(/^[a-z][a-z_]*$/, 'must be lower-case letters and _').nullish(),
});

/** A user's request, queued as pending; counted on its conversation and in the analytics. */
export async function submitLlmRequest(ctx: AgentContext, input: unknown): Promise<LlmRequest> {
  const userId = requireWriter(ctx.identity);
  const data = parseInput(submitInput, input);
  if (data.sessionId) {
    const session = await ctx.loaders.sessionById.load(data.sessionId);
    if (session?.userId !== userId) throw badInput('input.sessionId', 'is not one of your conversations');
    if (session.status !== 'active') throw conflict('input.sessionId', `the conversation is ${session.status}`);
    if (session.expiresAt <= new Date()) throw conflict('input.sessionId', 'the conversation has expired');
  }
  return ctx.db.run(async (tx) => {
    const request = await tx.llmRequest.create({
      data: {
        userId,
        sessionId: data.sessionId ?? null,
        prompt: data.prompt,
        messages: (data.messages ?? []) as Prisma.InputJsonArray,
        modelParams: data.modelParams ?? {},
        ...(data.ensembleConfig ? { ensembleConfig: data.ensembleConfig } : {}),
        requestType: data.requestType ?? 'completion',
      },
    });
    if (request.sessionId) {
      await tx.conversationSession.update({ where: { id: request.sessionId }, data: { requestCount: { increment: 1 }, lastActivity: new Date() } });
      ctx.loaders.sessionById.clear(request.sessionId);
    }
    await recordEvent(tx, 'llm.request.submitted', request, { requestType: request.requestType });
    return request;
  });
}

const recordResponseInput = z.object({
  requestId: uuid,
  providerId: uuid,
  content: z.string().max(1_000_000),
  rawResponse: jsonObject.nullish(),
  tokensPrompt: nonNegativeInt().nullish(),
  tokensCompletion: nonNegativeInt().nullish(),
  confidence: decimalBetween(0, 1).nullish(),
  responseTimeMs: nonNegativeInt().nullish(),
  finishReason: optionalText(50),
  selected: z.boolean().nullish(),
});

/** What a provider answered, recorded by the system; the first response starts the request. */
export async function recordLlmResponse(ctx: AgentContext, input: unknown): Promise<LlmResponse> {
  requireAdmin(ctx.identity);
  const data = parseInput(recordResponseInput, input);
  const provider = await ctx.loaders.providerById.load(data.providerId);
  if (!provider) throw badInput('input.providerId', 'is not a registered provider');
  const tokensPrompt = data.tokensPrompt ?? 0;
  const tokensCompletion = data.tokensCompletion ?? 0;
  const response = await ctx.db.run(async (tx) => {
    // Locked: a request finishing concurrently must not gain a response afterwards.
    if (!(await lockRow(tx, 'agent.llm_requests', data.requestId))) throw notFound('LLM request');
    const request = (await tx.llmRequest.findUnique({ where: { id: data.requestId } }))!;
    if (request.status === 'completed' || request.status === 'failed') throw conflict('input.requestId', `the request has ${request.status}`);
    if (data.selected) await tx.llmResponse.updateMany({ where: { requestId: request.id, selected: true }, data: { selected: false } });
    const created = await tx.llmResponse.create({
      data: {
        requestId: request.id,
        providerId: provider.id,
        providerName: provider.name,
        content: data.content,
        rawResponse: data.rawResponse ?? {},
        tokensPrompt,
        tokensCompletion,
        tokensTotal: tokensPrompt + tokensCompletion,
        confidence: data.confidence ?? '0',
        responseTime: BigInt(data.responseTimeMs ?? 0),
        finishReason: data.finishReason ?? null,
        selected: data.selected ?? false,
      },
    });
    if (request.status === 'pending') await tx.llmRequest.update({ where: { id: request.id }, data: { status: 'running', startedAt: new Date() } });
    return created;
  });
  ctx.loaders.requestById.clear(data.requestId);
  ctx.loaders.responsesByRequest.clear(data.requestId);
  return response;
}

/** Makes `responseId` its request's ensemble winner (and no other response). */
export async function selectLlmResponse(ctx: AgentContext, responseIdArg: string): Promise<LlmRequest> {
  requireWriter(ctx.identity);
  const responseId = uuidArg('responseId', responseIdArg);
  const response = await ctx.db.run((tx) => tx.llmResponse.findUnique({ where: { id: responseId } }));
  if (!response) throw notFound('LLM response');
  await ctx.db.run(async (tx) => {
    // One selection at a time per request; unselect first: the unique partial index allows one
    // winner per request at any moment.
    await lockRow(tx, 'agent.llm_requests', response.requestId);
    await tx.llmResponse.updateMany({ where: { requestId: response.requestId, selected: true, NOT: { id: responseId } }, data: { selected: false } });
    await tx.llmResponse.update({ where: { id: responseId }, data: { selected: true } });
  });
  ctx.loaders.responsesByRequest.clear(response.requestId);
  const request = await ctx.loaders.requestById.load(response.requestId);
  if (!request) throw notFound('LLM request');
  return request;
}

/** Ends a request: COMPLETED once a winner is selected, or FAILED. */
export async function finishLlmRequest(ctx: AgentContext, idArg: string, outcome: 'COMPLETED' | 'FAILED'): Promise<LlmRequest> {
  requireAdmin(ctx.identity);
  const id = uuidArg('id', idArg);
  const finished = await ctx.db.run(async (tx) => {
    if (!(await lockRow(tx, 'agent.llm_requests', id))) throw notFound('LLM request');
    const request = (await tx.llmRequest.findUnique({ where: { id } }))!;
    if (request.status === 'completed' || request.status === 'failed') throw conflict('id', `the request has already ${request.status}`);
    if (outcome === 'COMPLETED' && !(await tx.llmResponse.count({ where: { requestId: id, selected: true } })))
      throw conflict('outcome', 'a request completes with a selected response');
    const now = new Date();
    const status = outcome === 'COMPLETED' ? 'completed' : 'failed';
    const updated = await tx.llmRequest.update({ where: { id }, data: { status, completedAt: now, startedAt: request.startedAt ?? now } });
    await recordEvent(tx, `llm.request.${status}`, updated, {});
    return updated;
  });
  ctx.loaders.requestById.clear(id).prime(id, finished);
  return finished;
}

/** An analytics event about a request, on its user's record (queued for the ClickHouse export). */
function recordEvent(tx: AgentTx, eventType: string, request: LlmRequest, data: Record<string, unknown>) {
  return tx.analyticsEvent.create({
    data: { eventType, eventData: { requestId: request.id, ...data }, userId: request.userId, sessionId: request.sessionId },
  });
}

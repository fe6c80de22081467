import { requireAgentAdmin } from '../access.js';
import { refreshAnalyticsViews } from '../analytics.js';
import { addDebateTurn, cancelDebateSession, completeDebateSession, createDebateSession, recordCodeVersion } from '../debates.js';
import type { MutationResolvers } from '../generated/graphql.js';
import { endConversation, finishLlmRequest, recordLlmResponse, selectLlmResponse, startConversation, submitLlmRequest } from '../llm-requests.js';
import { storeMemory, storeVectorMemory } from '../memories.js';
import { registerLlmProvider, registerLspServer, registerMcpServer, updateLlmProvider, updateLspServer, updateMcpServer } from '../registries.js';
import { cancelTask, claimTasks, completeTask, enqueueTask, failTask } from '../tasks.js';

/** Each mutation validates its input, checks the caller, and writes in the request's transaction. */
export const Mutation: MutationResolvers = {
  startConversation: (_root, { input }, ctx) => startConversation(ctx, input),
  endConversation: (_root, { id }, ctx) => endConversation(ctx, id),
  submitLlmRequest: (_root, { input }, ctx) => submitLlmRequest(ctx, input),
  recordLlmResponse: (_root, { input }, ctx) => recordLlmResponse(ctx, input),
  selectLlmResponse: (_root, { responseId }, ctx) => selectLlmResponse(ctx, responseId),
  finishLlmRequest: (_root, { id, outcome }, ctx) => finishLlmRequest(ctx, id, outcome),

  createDebateSession: (_root, { input }, ctx) => createDebateSession(ctx, input),
  addDebateTurn: (_root, { input }, ctx) => addDebateTurn(ctx, input),
  completeDebateSession: (_root, { id, finalWinner }, ctx) => completeDebateSession(ctx, id, finalWinner),
  cancelDebateSession: (_root, { id }, ctx) => cancelDebateSession(ctx, id),
  recordCodeVersion: (_root, { input }, ctx) => recordCodeVersion(ctx, input),

  enqueueBackgroundTask: (_root, { input }, ctx) => enqueueTask(ctx, input),
  claimBackgroundTasks: (_root, { input }, ctx) => claimTasks(ctx, input),
  completeBackgroundTask: (_root, { input }, ctx) => completeTask(ctx, input),
  failBackgroundTask: (_root, { input }, ctx) => failTask(ctx, input),
  cancelBackgroundTask: (_root, { id }, ctx) => cancelTask(ctx, id),

  storeMemory: (_root, { input }, ctx) => storeMemory(ctx, input),
  storeVectorMemory: (_root, { input }, ctx) => storeVectorMemory(ctx, input),

  registerLlmProvider: (_root, { input }, ctx) => registerLlmProvider(ctx, input),
  updateLlmProvider: (_root, { input }, ctx) => updateLlmProvider(ctx, input),
  registerMcpServer: (_root, { input }, ctx) => registerMcpServer(ctx, input),
  updateMcpServer: (_root, { input }, ctx) => updateMcpServer(ctx, input),
  registerLspServer: (_root, { input }, ctx) => registerLspServer(ctx, input),
  updateLspServer: (_root, { input }, ctx) => updateLspServer(ctx, input),

  async refreshAnalytics(_root, _args, ctx) {
    requireAgentAdmin(ctx.identity);
    await ctx.db.run((tx) => refreshAnalyticsViews(tx));
    return true;
  },
};

import { badInput, listConnection, requireAdmin, uuidArg } from '@sixfold/kit';
import { requireTaskOperator } from '../access.js';
import { dailyStats, providerPerformance, streamingLatency, taskQueueStats } from '../analytics.js';
import { memoryWhere, requestWhere, taskWhere } from '../filters.js';
import type { QueryResolvers } from '../generated/graphql.js';
import { searchMemories } from '../memories.js';
import { toColumnValue } from '../values.js';

const newestFirst = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

function requireRange(name: string, value: number | null | undefined, max: number): number {
  if (!Number.isInteger(value) || value! < 1 || value! > max) throw badInput(name, `must be between 1 and ${max}`);
  return value!;
}

export const Query: QueryResolvers = {
  llmProviders: (_root, { enabledOnly }, ctx) =>
    ctx.db.run((tx) => tx.llmProvider.findMany({ where: enabledOnly ? { enabled: true } : {}, orderBy: { name: 'asc' } })),

  llmProvider(_root, { id, name }, ctx) {
    if (!id === !name) throw badInput('llmProvider', 'give exactly one of id or name');
    return id ? ctx.loaders.providerById.load(uuidArg('id', id)) : ctx.loaders.providerByName.load(name!);
  },

  llmRequests(_root, { userId, filter, ...page }, ctx) {
    const where = { ...requestWhere(filter), ...(userId ? { userId: uuidArg('userId', userId) } : {}) };
    return listConnection(ctx.db, page, (tx, { skip, take }) => [
      tx.llmRequest.findMany({ where, orderBy: newestFirst, skip, take }),
      tx.llmRequest.count({ where }),
    ]);
  },

  llmRequest: (_root, { id }, ctx) => ctx.loaders.requestById.load(uuidArg('id', id)),

  conversationSessions(_root, { status, ...page }, ctx) {
    const where = status ? { status: toColumnValue(status) } : {};
    return listConnection(ctx.db, page, (tx, { skip, take }) => [
      tx.conversationSession.findMany({ where, orderBy: newestFirst, skip, take }),
      tx.conversationSession.count({ where }),
    ]);
  },

  conversationSession: (_root, { id }, ctx) => ctx.loaders.sessionById.load(uuidArg('id', id)),

  debateSessions(_root, { status, ...page }, ctx) {
    const where = status ? { status: toColumnValue(status) } : {};
    return listConnection(ctx.db, page, (tx, { skip, take }) => [
      tx.debateSession.findMany({ where, orderBy: newestFirst, skip, take }),
      tx.debateSession.count({ where }),
    ]);
  },

  debateSession: (_root, { id }, ctx) => ctx.loaders.debateById.load(uuidArg('id', id)),

  backgroundTasks(_root, { filter, ...page }, ctx) {
    const where = taskWhere(filter);
    const claimOrder = [{ priority: 'asc' as const }, { scheduledAt: 'asc' as const }, { id: 'asc' as const }];
    return listConnection(ctx.db, page, (tx, { skip, take }) => [
      tx.backgroundTask.findMany({ where, orderBy: claimOrder, skip, take }),
      tx.backgroundTask.count({ where }),
    ]);
  },

  backgroundTask: (_root, { id }, ctx) => ctx.loaders.taskById.load(uuidArg('id', id)),

  deadLetters(_root, { taskType, ...page }, ctx) {
    requireTaskOperator(ctx.identity);
    const where = taskType ? { taskType } : {};
    return listConnection(ctx.db, page, (tx, { skip, take }) => [
      tx.deadLetterEntry.findMany({ where, orderBy: [{ movedAt: 'desc' }, { id: 'desc' }], skip, take }),
      tx.deadLetterEntry.count({ where }),
    ]);
  },

  memories(_root, { filter, ...page }, ctx) {
    if (filter?.sessionId) uuidArg('filter.sessionId', filter.sessionId);
    const where = memoryWhere(filter);
    return listConnection(ctx.db, page, (tx, { skip, take }) => [
      tx.cogneeMemory.findMany({ where, orderBy: newestFirst, skip, take }),
      tx.cogneeMemory.count({ where }),
    ]);
  },

  vectorMemories(_root, { shardKey, ...page }, ctx) {
    const where = shardKey ? { shardKey } : {};
    return listConnection(ctx.db, page, (tx, { skip, take }) => [
      tx.distributedMemory.findMany({ where, orderBy: newestFirst, skip, take }),
      tx.distributedMemory.count({ where }),
    ]);
  },

  searchMemories: (_root, args, ctx) => searchMemories(ctx, args),

  mcpServers: (_root, { enabledOnly }, ctx) =>
    ctx.db.run((tx) => tx.mcpServer.findMany({ where: enabledOnly ? { enabled: true } : {}, orderBy: { name: 'asc' } })),

  lspServers: (_root, { language, enabledOnly }, ctx) =>
    ctx.db.run((tx) =>
      tx.lspServer.findMany({ where: { ...(language ? { language } : {}), ...(enabledOnly ? { enabled: true } : {}) }, orderBy: [{ language: 'asc' }, { name: 'asc' }] }),
    ),

  analyticsEvents(_root, { eventType, ...page }, ctx) {
    const where = eventType ? { eventType } : {};
    return listConnection(ctx.db, page, (tx, { skip, take }) => [
      tx.analyticsEvent.findMany({ where, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], skip, take }),
      tx.analyticsEvent.count({ where }),
    ]);
  },

  streamSummary: (_root, { streamId }, ctx) => ctx.loaders.streamSummaryById.load(streamId),

  providerPerformance: (_root, _args, ctx) => ctx.db.run((tx) => providerPerformance(tx)),

  dailyStats(_root, { last }, ctx) {
    requireAdmin(ctx.identity);
    const days = requireRange('last', last, 366);
    return ctx.db.run((tx) => dailyStats(tx, days));
  },

  streamingLatency(_root, { last }, ctx) {
    requireAdmin(ctx.identity);
    const hours = requireRange('last', last, 24 * 31);
    return ctx.db.run((tx) => streamingLatency(tx, hours));
  },

  taskQueueStats: (_root, _args, ctx) => ctx.db.run((tx) => taskQueueStats(tx)),
};

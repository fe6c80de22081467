import DataLoader from 'dataloader';
import { isUuid, loaderByKey, loaderFamily, loaderOfGroups, pagedChildrenLoader, type Db, type Sql } from '@sixfold/kit';
import { dailyUsageOfUsers, providerPerformanceByName, streamSummaries, type DailyUsageRow } from './analytics.js';
import type { AgentTx } from './context.js';
import { memoryFilterSql, requestFilterSql, statusSql } from './filters.js';
import type { LlmRequestFilter, MemoryFilter } from './generated/graphql.js';

/**
 * The agent's DataLoaders, created once per request: every relation and entity reference goes
 * through one, so a list of any length costs the same number of statements. Everything they read
 * is filtered by row-level security for the caller.
 */
export function createLoaders(db: Db<AgentTx>) {
  // Keys that are not uuids (a mistyped id, a foreign representation) match nothing: they must not
  // reach the database, where they would fail the whole batch.
  const byId = <R extends { id: string }>(find: (tx: AgentTx, ids: string[]) => Promise<R[]>) =>
    loaderByKey(async (ids: readonly string[]) => {
      const valid = ids.filter(isUuid);
      return valid.length ? db.run((tx) => find(tx, valid)) : [];
    }, (row: R) => row.id);
  const paged = <R extends { id: string }>(table: string, parentColumn: string, orderBy: string, find: (tx: AgentTx, ids: string[]) => Promise<R[]>, where?: Sql) =>
    pagedChildrenLoader(db, { table, parentColumn, orderBy, ...(where ? { where } : {}) }, find, (row: R) => row.id);

  const findRequests = (tx: AgentTx, ids: string[]) => tx.llmRequest.findMany({ where: { id: { in: ids } } });
  const findSessions = (tx: AgentTx, ids: string[]) => tx.conversationSession.findMany({ where: { id: { in: ids } } });
  const findDebates = (tx: AgentTx, ids: string[]) => tx.debateSession.findMany({ where: { id: { in: ids } } });
  const findMemories = (tx: AgentTx, ids: string[]) => tx.cogneeMemory.findMany({ where: { id: { in: ids } } });

  return {
    providerById: byId((tx, ids) => tx.llmProvider.findMany({ where: { id: { in: ids } } })),
    providerByName: loaderByKey(
      (names: readonly string[]) => db.run((tx) => tx.llmProvider.findMany({ where: { name: { in: [...names] } } })),
      (p) => p.name,
    ),
    requestById: byId(findRequests),
    sessionById: byId(findSessions),
    debateById: byId(findDebates),
    taskById: byId((tx, ids) => tx.backgroundTask.findMany({ where: { id: { in: ids } } })),
    memoryById: byId(findMemories),
    vectorMemoryById: byId((tx, ids) => tx.distributedMemory.findMany({ where: { id: { in: ids } } })),

    /** `LlmRequest.responses`: in arrival order. */
    responsesByRequest: loaderOfGroups(
      (ids: readonly string[]) =>
        db.run((tx) => tx.llmResponse.findMany({ where: { requestId: { in: [...ids] } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })),
      (r) => r.requestId,
    ),
    /** `DebateSession.turns`: by round, then turn. */
    turnsByDebate: loaderOfGroups(
      (ids: readonly string[]) =>
        db.run((tx) => tx.debateTurn.findMany({ where: { sessionId: { in: [...ids] } }, orderBy: [{ roundNumber: 'asc' }, { turnNumber: 'asc' }] })),
      (t) => t.sessionId,
    ),
    codeVersionsByDebate: loaderOfGroups(
      (ids: readonly string[]) =>
        db.run((tx) => tx.codeVersion.findMany({ where: { sessionId: { in: [...ids] } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })),
      (c) => c.sessionId,
    ),
    /** A task's dead-letter entry (the latest, should it have been dead-lettered twice). */
    deadLetterByTask: loaderByKey(
      (ids: readonly string[]) =>
        db.run((tx) => tx.deadLetterEntry.findMany({ where: { originalTaskId: { in: [...ids] } }, orderBy: { movedAt: 'asc' } })),
      (d) => d.originalTaskId!,
    ),

    /** `User.llmRequests(filter)`: newest first. */
    requestsByUser: loaderFamily((filter: LlmRequestFilter | null | undefined) =>
      paged('agent.llm_requests', 'user_id', 't.created_at DESC, t.id DESC', findRequests, requestFilterSql(filter)),
    ),
    requestsBySession: paged('agent.llm_requests', 'session_id', 't.created_at DESC, t.id DESC', findRequests),
    sessionsByUser: loaderFamily((status: string | null | undefined) =>
      paged('agent.conversation_sessions', 'user_id', 't.created_at DESC, t.id DESC', findSessions, statusSql(status)),
    ),
    debatesByUser: loaderFamily((status: string | null | undefined) =>
      paged('agent.debate_sessions', 'created_by', 't.created_at DESC, t.id DESC', findDebates, statusSql(status)),
    ),
    memoriesByUser: loaderFamily((filter: MemoryFilter | null | undefined) =>
      paged('agent.cognee_memories', 'user_id', 't.created_at DESC, t.id DESC', findMemories, memoryFilterSql(filter)),
    ),
    memoriesBySession: paged('agent.cognee_memories', 'session_id', 't.created_at DESC, t.id DESC', findMemories),

    providerPerformanceByName: loaderByKey(
      (names: readonly string[]) => db.run((tx) => providerPerformanceByName(tx, names)),
      (p) => p.providerName,
    ),
    streamSummaryById: loaderByKey(
      (ids: readonly string[]) => db.run((tx) => streamSummaries(tx, ids)),
      (s) => s.streamId,
    ),
    usageByUser: loaderFamily(
      (last: number) =>
        new DataLoader<string, DailyUsageRow[]>(async (userIds) => {
          const rows = await db.run((tx) => dailyUsageOfUsers(tx, userIds, last));
          return userIds.map((id) => rows.filter((r) => r.userId === id));
        }),
    ),
  };
}

export type AgentLoaders = ReturnType<typeof createLoaders>;

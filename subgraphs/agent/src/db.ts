import { raw, sql } from '@sixfold/kit';
import type { AgentTx } from './context.js';

/**
 * Locks one row for the rest of the transaction, so that checks made on it and the writes that
 * follow are not raced by a concurrent request. False when the row does not exist or row-level
 * security hides it. `table` is a trusted constant.
 */
export async function lockRow(tx: AgentTx, table: 'agent.debate_sessions' | 'agent.background_tasks' | 'agent.llm_requests', id: string): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>(sql`SELECT 1 FROM ${raw(table)} WHERE id = ${id}::uuid FOR UPDATE`);
  return rows.length > 0;
}

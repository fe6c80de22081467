import type { Db } from '@sixfold/kit';
import type { FsmTx } from './context.js';

/**
 * Recomputes fsm.operator_workload without blocking its readers (REFRESH … CONCURRENTLY, inside
 * fsm.refresh_operator_workload(), which runs with the rights a refresh needs whoever calls it).
 * Returns the number of (organization, operator) rows.
 */
export async function refreshOperatorWorkload(db: Db<FsmTx>): Promise<number> {
  const [row] = await db.run((tx) => tx.$queryRaw<Array<{ rows: bigint }>>`SELECT fsm.refresh_operator_workload() AS rows`);
  return Number(row?.rows ?? 0);
}

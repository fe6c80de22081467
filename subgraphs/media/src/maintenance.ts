import type { Logger, SubgraphRuntime } from '@sixfold/kit';
import type { MediaTx } from './db.js';

/** How far ahead search-history partitions exist, in months. */
export const PARTITION_MONTHS_AHEAD = 3;
const EVERY_HOUR_MS = 60 * 60 * 1000;

/**
 * The database upkeep pg_cron would do where it is installed (migrations 001 and 004 schedule it
 * there): keep the search-history partitions of the coming months created, and start a new
 * billing period for accounts whose period ended. Every replica runs it hourly; both functions
 * are idempotent and serialise themselves, so replicas need no coordination.
 */
export function startMaintenance(runtime: SubgraphRuntime<MediaTx>, logger: Logger): { close(): Promise<void> } {
  const runOnce = async () => {
    try {
      await runtime.db().run((tx) => tx.$queryRaw`SELECT media.ensure_search_history_partitions(now(), ${PARTITION_MONTHS_AHEAD}::integer), media.reset_monthly_usage()`);
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'media maintenance failed; retrying in an hour');
    }
  };
  const running = runOnce();
  const timer = setInterval(() => void runOnce(), EVERY_HOUR_MS);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}

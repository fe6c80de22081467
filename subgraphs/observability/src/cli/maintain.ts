/**
 * `pnpm --filter @sixfold/observability maintain [--days-ahead 7] [--retention-days 90]`: creates
 * status probe partitions ahead, drops those past retention, refreshes daily stats. Run it daily
 * (cron, a Kubernetes CronJob…); a missed run loses nothing (see the DEFAULT partitions).
 */
import { parseArgs } from 'node:util';
import { commonSettings, ConfigError, loadConfig } from '@sixfold/kit';
import { runMaintenance } from '../maintenance.js';

try {
  // `pnpm … maintain -- --days-ahead 3` passes the `--` through.
  const { values } = parseArgs({ args: process.argv.slice(2).filter((arg) => arg !== '--'), options: { 'days-ahead': { type: 'string', default: '7' }, 'retention-days': { type: 'string', default: '90' } } });
  const daysAhead = Number(values['days-ahead']);
  const retentionDays = Number(values['retention-days']);
  if (!Number.isInteger(daysAhead) || daysAhead < 1 || daysAhead > 366) throw new ConfigError('Invalid configuration: --days-ahead must be an integer from 1 to 366');
  if (!Number.isInteger(retentionDays) || retentionDays < 2) throw new ConfigError('Invalid configuration: --retention-days must be an integer of at least 2');
  const { DATABASE_URL } = loadConfig({ DATABASE_URL: commonSettings.DATABASE_URL });
  const actions = await runMaintenance(DATABASE_URL, { daysAhead, retentionDays });
  for (const { action, object } of actions) console.log(`maintain: ${action} ${object}`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `maintain: ${(error as Error).message}`);
  process.exit(1);
}

import pg from 'pg';

export interface MaintenanceOptions {
  /** Daily status probe partitions to keep ready ahead of today. */
  daysAhead?: number;
  /** Raw probes (and 5-minute rollups) older than this many days are dropped. */
  retentionDays?: number;
}

export interface MaintenanceAction {
  action: 'created' | 'dropped' | 'expired' | 'refreshed';
  object: string;
}

/**
 * Runs `observability.run_maintenance` (migration 007): partitions created ahead, expired ones
 * dropped, rows waiting in DEFAULT partitions moved, daily stats refreshed. Connects as the
 * DATABASE_URL user (the schema's owner, as migrations do); safe to run concurrently and often.
 */
export async function runMaintenance(databaseUrl: string, { daysAhead = 7, retentionDays = 90 }: MaintenanceOptions = {}): Promise<MaintenanceAction[]> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'sixfold-observability-maintenance' });
  await client.connect();
  try {
    const { rows } = await client.query<MaintenanceAction>('SELECT action, object FROM observability.run_maintenance($1, $2)', [daysAhead, retentionDays]);
    return rows;
  } finally {
    await client.end();
  }
}

import type { Db, Logger } from '@sixfold/kit';
import type { CatalogTx } from '../context.js';
import { parseModelList, type AiModelInput, type SkippedEntry } from './openrouter.js';

/** Bus topic: catalog.ai_models changed, so every replica drops its in-memory copy. */
export const AI_MODELS_IMPORTED = 'catalog.aiModelsImported';

export interface ImportReport {
  source: string;
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: SkippedEntry[];
}

/**
 * Upserts the models into catalog.ai_models in one statement (so one transaction: all or
 * nothing). Rows the list no longer has are kept, as seed 004 asks; rows whose fields did not
 * change are not rewritten.
 */
export async function upsertAiModels(db: Db<CatalogTx>, models: AiModelInput[]): Promise<Pick<ImportReport, 'inserted' | 'updated' | 'unchanged'>> {
  if (models.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const rows = JSON.stringify(models.map((m) => ({ id: m.id, name: m.name, description: m.description, context_length: m.contextLength, created: m.created?.toISOString() ?? null })));
  const written = await db.run((tx) =>
    tx.$queryRaw<Array<{ inserted: boolean }>>`
      INSERT INTO catalog.ai_models AS current (id, name, description, context_length, created)
      SELECT id, name, description, context_length, created
      FROM jsonb_to_recordset(${rows}::jsonb) AS r(id varchar(255), name text, description text, context_length integer, created timestamptz)
      ON CONFLICT (id) DO UPDATE
        SET name = excluded.name, description = excluded.description, context_length = excluded.context_length, created = excluded.created
        WHERE (current.name, current.description, current.context_length, current.created)
              IS DISTINCT FROM (excluded.name, excluded.description, excluded.context_length, excluded.created)
      RETURNING (xmax = 0) AS inserted`,
  );
  const inserted = written.filter((w) => w.inserted).length;
  return { inserted, updated: written.length - inserted, unchanged: models.length - written.length };
}

/** Checks a model list, stores what is valid, and logs what it skipped and why. */
export async function importModelList(db: Db<CatalogTx>, body: unknown, options: { source: string; logger: Logger; freeOnly?: boolean }): Promise<ImportReport> {
  const parsed = parseModelList(body, options.source, { freeOnly: options.freeOnly ?? false });
  for (const skip of parsed.skipped) options.logger.warn({ id: skip.id, reason: skip.reason, source: options.source }, 'ai model skipped');
  const counts = await upsertAiModels(db, parsed.models);
  const report = { source: options.source, received: parsed.received, ...counts, skipped: parsed.skipped };
  options.logger.info({ ...report, skipped: report.skipped.length }, 'ai models imported');
  return report;
}

import { sql, type Sql } from '@sixfold/kit';
import { join } from '@prisma/client/runtime/client';
import type { MediaFileFilter } from './generated/graphql.js';
import { toDb } from './enums.js';

/** What a person would type a search for: name, AI summary, transcript (trigram-indexed, migration 001). */
export const SEARCHABLE_TEXT = sql`(t.filename || ' ' || coalesce(t.ai_summary, '') || ' ' || coalesce(t.transcription_text, ''))`;

/** `text` as an ILIKE pattern matching it anywhere, with LIKE's wildcards taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A media-file filter as SQL conditions on the alias `t` (media.media_files), shared by every
 * list of files: the caller's, a user's (batched per page), and searches. Deleted files are
 * left out unless asked for.
 */
export function mediaFileConditions(filter: MediaFileFilter | null | undefined): Sql {
  const conditions: Sql[] = [];
  if (!filter?.includeDeleted) conditions.push(sql`t.deleted_at IS NULL`);
  if (filter?.fileType) conditions.push(sql`t.file_type = ${toDb(filter.fileType)}`);
  if (filter?.statuses?.length) conditions.push(sql`t.status = ANY(${filter.statuses.map(toDb)}::text[])`);
  if (filter?.tags?.length) conditions.push(sql`t.tags @> ${filter.tags}::text[]`);
  // Containment is what the GIN index on detected_labels serves.
  if (filter?.label) conditions.push(sql`t.detected_labels @> ${JSON.stringify([{ name: filter.label }])}::jsonb`);
  if (filter?.uploadedAfter) conditions.push(sql`t.uploaded_at > ${new Date(filter.uploadedAfter)}`);
  if (filter?.uploadedBefore) conditions.push(sql`t.uploaded_at < ${new Date(filter.uploadedBefore)}`);
  return conditions.length ? join(conditions, ' AND ') : sql`true`;
}

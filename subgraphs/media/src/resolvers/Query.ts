import { badInput, listConnection, notFound, type PageRequest, pageRequest, requireUser, sql, toConnection, uuidArg } from '@sixfold/kit';
import type { MediaContext, MediaTx } from '../context.js';
import { toDb } from '../enums.js';
import { mediaFileConditions } from '../filters.js';
import type { MediaFileFilter, QueryResolvers } from '../generated/graphql.js';
import { recordSearch } from '../search/history.js';
import { embeddingArg, nearestMedia, storedEmbeddingOf, textMatches, vectorParam } from '../search/similarity.js';
import { lockAccountStanding, requireSearchAllowed } from '../limits.js';
import type { SearchHit, SearchResult } from '../rows.js';
import { usageFor } from '../usage.js';

/** Files visible to the caller (row-level security decides), newest first. */
async function visibleMediaFiles(ctx: MediaContext, filter: MediaFileFilter | null | undefined, page: PageRequest) {
  const where = mediaFileConditions(filter);
  return ctx.db.run(async (tx) => {
    const [ids, [count]] = await Promise.all([
      tx.$queryRaw<Array<{ id: string }>>(sql`
        SELECT t.id::text AS id FROM media.media_files t WHERE ${where}
         ORDER BY t.uploaded_at DESC, t.id DESC LIMIT ${page.first} OFFSET ${page.offset}`),
      tx.$queryRaw<Array<{ total: bigint }>>(sql`SELECT count(*) AS total FROM media.media_files t WHERE ${where}`),
    ]);
    const rows = ids.length ? await ctx.loaders.fetchFiles(tx, ids.map((r) => r.id)) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return toConnection(ids.map((r) => byId.get(r.id)!).filter(Boolean), page, Number(count?.total ?? 0));
  });
}

const searchPage = (first: number | null | undefined, fallback: number) => {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > 100) throw badInput('first', 'must be between 1 and 100');
  return size;
};

interface SearchRequest {
  queryText: string;
  queryEmbedding: number[] | null;
  filters: Record<string, unknown>;
  first: number;
  find: (tx: MediaTx) => Promise<SearchHit[]>;
}

/**
 * One search: checked against the tier's allowance, run, recorded in the history and counted,
 * all in the request's transaction (a search refused leaves no trace; one answered is counted).
 */
async function search(ctx: MediaContext, request: SearchRequest): Promise<SearchResult> {
  const userId = requireUser(ctx.identity);
  const started = performance.now();
  return ctx.db.run(async (tx) => {
    requireSearchAllowed(await lockAccountStanding(tx, userId));
    const hits = await request.find(tx);
    const responseTimeMs = Math.round(performance.now() - started);
    const searchId = await recordSearch(tx, ctx.embeddingStorage, {
      userId,
      queryText: request.queryText,
      queryEmbedding: request.queryEmbedding,
      filters: request.filters,
      limit: request.first,
      resultsCount: hits.length,
      responseTimeMs,
    });
    return { searchId, hits, responseTimeMs };
  });
}

export const Query: QueryResolvers = {
  mediaFile: (_root, { id }, ctx) => ctx.loaders.mediaFileById.load(uuidArg('id', id)),

  mediaFiles: (_root, args, ctx) => visibleMediaFiles(ctx, args.filter, pageRequest(args)),

  processingJob: (_root, { id }, ctx) => ctx.loaders.jobById.load(uuidArg('id', id)),

  async processingJobs(_root, args, ctx) {
    const filter = args.filter;
    const where = {
      ...(filter?.statuses?.length ? { status: { in: filter.statuses.map(toDb) } } : {}),
      ...(filter?.jobTypes?.length ? { jobType: { in: filter.jobTypes.map(toDb) } } : {}),
      ...(filter?.mediaFileId ? { mediaFileId: uuidArg('filter.mediaFileId', filter.mediaFileId) } : {}),
    };
    return listConnection(ctx.db, args, (tx, { skip, take }) => [
      tx.processingJob.findMany({ where, orderBy: [{ priority: 'asc' }, { queuedAt: 'asc' }, { id: 'asc' }], skip, take }),
      tx.processingJob.count({ where }),
    ]);
  },

  async similarMedia(_root, args, ctx) {
    requireUser(ctx.identity);
    const mediaFileId = uuidArg('mediaFileId', args.mediaFileId);
    const first = searchPage(args.first, 10);
    if (!(await ctx.loaders.mediaFileById.load(mediaFileId))) throw notFound('Media file');
    return search(ctx, {
      queryText: '',
      queryEmbedding: null,
      filters: { similarTo: mediaFileId, ...(args.filter ?? {}) },
      first,
      find: (tx) =>
        nearestMedia(tx, { storage: ctx.embeddingStorage, query: storedEmbeddingOf(mediaFileId), first, filter: args.filter, excludeFileId: mediaFileId }),
    });
  },

  async searchMedia(_root, args, ctx) {
    requireUser(ctx.identity);
    const first = searchPage(args.first, 20);
    const text = args.text?.trim() || null;
    if (text && text.length > 500) throw badInput('text', 'must be at most 500 characters');
    if (!args.embedding && !text) throw badInput('embedding', 'give an embedding, a text, or both');
    const embedding = args.embedding ? embeddingArg('embedding', args.embedding) : null;
    return search(ctx, {
      queryText: text ?? '',
      queryEmbedding: embedding,
      filters: { ...(args.filter ?? {}), ...(text ? { text } : {}) },
      first,
      find: (tx) =>
        embedding
          ? nearestMedia(tx, { storage: ctx.embeddingStorage, query: vectorParam(ctx.embeddingStorage, embedding), first, filter: args.filter, text })
          : textMatches(tx, text!, args.filter, first),
    });
  },

  myUsage: (_root, _args, ctx) => (ctx.identity.userId ? usageFor(ctx, ctx.identity.userId) : null),

  mediaUsageTiers: (_root, _args, ctx) => ctx.db.run((tx) => tx.usageLimit.findMany({ orderBy: { maxStorageBytes: 'asc' } })),

  async mediaAuditLog(_root, args, ctx) {
    const where = args.userId ? { userId: uuidArg('userId', args.userId) } : {};
    return listConnection(ctx.db, args, (tx, { skip, take }) => [
      tx.auditLog.findMany({ where, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], skip, take }),
      tx.auditLog.count({ where }),
    ]);
  },
};

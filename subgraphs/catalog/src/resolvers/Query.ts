import { badInput, listConnection, pageRequest, requireUser, toConnection, uuidArg } from '@sixfold/kit';
import { compareModels } from '../directory/comparison.js';
import { listModels } from '../directory/model-list.js';
import { listModelListings } from '../directory/listing-page.js';
import { searchModels } from '../directory/search.js';
import { defaultPreferences } from '../editing/preferences.js';
import type { QueryResolvers } from '../generated/graphql.js';
import { pageOfAiModels } from '../upstream/ai-model-page.js';

/** Exactly one of id and slug, or BAD_USER_INPUT naming the field (a malformed id too, as in every domain). */
function oneOf(field: string, id: string | null | undefined, slug: string | null | undefined) {
  if (!id === !slug) throw badInput(field, 'give exactly one of id or slug');
}

/** Published articles only: drafts (no publication time) and scheduled ones stay hidden. */
const published = () => ({ publishedAt: { lte: new Date() } });

export const Query: QueryResolvers = {
  async models(_root, { filter, orderBy, ...args }, ctx) {
    const page = pageRequest(args);
    const { models, totalCount } = await listModels(ctx, page, filter, orderBy);
    return toConnection(models, page, totalCount);
  },

  model(_root, { id, slug }, ctx) {
    oneOf('model', id, slug);
    return id ? ctx.loaders.modelById.load(uuidArg('id', id)) : ctx.loaders.modelBySlug.load(slug!);
  },

  provider(_root, { id, slug }, ctx) {
    oneOf('provider', id, slug);
    return id ? ctx.loaders.providerById.load(uuidArg('id', id)) : ctx.loaders.providerBySlug.load(slug!);
  },

  async providers(_root, args, ctx) {
    return listConnection(ctx.db, args, (tx, { skip, take }) => [
      tx.provider.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], skip, take }),
      tx.provider.count(),
    ]);
  },

  searchModels: (_root, args, ctx) => searchModels(ctx, args),

  compareModels: (_root, { slugs, suites }, ctx) => compareModels(ctx, slugs, suites),

  benchmarkSuites(_root, { category }, ctx) {
    return ctx.db.run((tx) => tx.benchmarkSuite.findMany({ where: category ? { category } : {}, orderBy: [{ category: 'asc' }, { slug: 'asc' }] }));
  },

  benchmarkSuite(_root, { id, slug }, ctx) {
    oneOf('benchmarkSuite', id, slug);
    return id ? ctx.loaders.suiteById.load(uuidArg('id', id)) : ctx.loaders.suiteBySlug.load(slug!);
  },

  async news(_root, { tag, category, ...args }, ctx) {
    const where = { ...published(), ...(tag ? { tags: { has: tag } } : {}), ...(category ? { category } : {}) };
    return listConnection(ctx.db, args, (tx, { skip, take }) => [
      tx.newsArticle.findMany({ where, orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }], skip, take }),
      tx.newsArticle.count({ where }),
    ]);
  },

  newsArticle(_root, { slug }, ctx) {
    return ctx.db.run((tx) => tx.newsArticle.findFirst({ where: { slug, ...published() } }));
  },

  async modelListings(_root, { providerSlug, ...args }, ctx) {
    const page = pageRequest(args);
    const { listings, totalCount } = await listModelListings(ctx, page, providerSlug);
    return toConnection(listings, page, totalCount);
  },

  async aiModels(_root, { minContextLength, orderBy, ...args }, ctx) {
    const page = pageRequest(args);
    const { models, totalCount } = pageOfAiModels(await ctx.services.aiModels.list(), page, { minContextLength, orderBy });
    return toConnection(models, page, totalCount);
  },

  async myPreferences(_root, _args, ctx) {
    if (ctx.identity.kind === 'anonymous') return null;
    const userId = requireUser(ctx.identity);
    return (await ctx.loaders.preferencesByUser.load(userId)) ?? defaultPreferences(userId);
  },
};

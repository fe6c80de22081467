import { pageRequest, pickLocale, toConnection } from '@sixfold/kit';
import type { BenchmarkSuiteResolvers } from '../generated/graphql.js';

export const BenchmarkSuite: BenchmarkSuiteResolvers = {
  __resolveReference(ref, ctx) {
    return 'id' in ref ? ctx.loaders.suiteById.load(ref.id) : ctx.loaders.suiteBySlug.load(ref.slug);
  },
  description: (suite, { locale }) => pickLocale(suite.description, locale),
  async leaderboard(suite, args, ctx) {
    const page = pageRequest(args);
    const { rows, totalCount } = await ctx.loaders.leaderboardBySuite(page).load(suite.id);
    return toConnection(rows, page, totalCount);
  },
};

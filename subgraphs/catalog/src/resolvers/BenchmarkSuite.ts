import { childConnection, pickLocale } from '@sixfold/kit';
import type { BenchmarkSuiteResolvers } from '../generated/graphql.js';

export const BenchmarkSuite: BenchmarkSuiteResolvers = {
  __resolveReference(ref, ctx) {
    return 'id' in ref ? ctx.loaders.suiteById.load(ref.id) : ctx.loaders.suiteBySlug.load(ref.slug);
  },
  description: (suite, { locale }) => pickLocale(suite.description, locale),
  leaderboard: (suite, args, ctx) => childConnection(ctx.loaders.leaderboardBySuite, suite.id, args),
};

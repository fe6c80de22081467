import type { ResolverTypesConfig } from '../../packages/kit/src/codegen/generate-resolver-types.js';

const prisma = (type: string) => `./prisma/client.js#${type}`;

const config: ResolverTypesConfig = {
  contextType: '../context.js#CatalogContext',
  mappers: {
    Provider: `${prisma('Provider')} as ProviderRow`,
    Model: `${prisma('Model')} as ModelRow`,
    ModelEndpoint: `${prisma('ModelEndpoint')} as ModelEndpointRow`,
    Price: `${prisma('Pricing')} as PricingRow`,
    BenchmarkSuite: `${prisma('BenchmarkSuite')} as BenchmarkSuiteRow`,
    BenchmarkScore: `${prisma('BenchmarkScore')} as BenchmarkScoreRow`,
    Documentation: `${prisma('Documentation')} as DocumentationRow`,
    NewsArticle: `${prisma('NewsArticle')} as NewsArticleRow`,
    NewsMention: `${prisma('NewsModelMention')} as NewsMentionRow`,
    ModelListing: `${prisma('ModelListing')} as ModelListingRow`,
    AiModel: `${prisma('AiModel')} as AiModelRow`,
    UserPreferences: `${prisma('UserPreferences')} as UserPreferencesRow`,
    User: '../resolvers/User.js#UserReference',
    ModelSearchResult: '../directory/search.js#SearchHit',
    BenchmarkComparison: '../directory/comparison.js#Comparison',
    BenchmarkComparisonRow: '../directory/comparison.js#ComparisonRow',
  },
};
export default config;

import type { ResolverTypesConfig } from '../../packages/kit/src/codegen/generate-resolver-types.js';

const config: ResolverTypesConfig = {
  contextType: '../context.js#MediaContext',
  mappers: {
    User: '../rows.js#UserRef',
    MediaFile: '../rows.js#MediaFileRow',
    MediaEmbedding: '../rows.js#MediaEmbeddingRow',
    ProcessingJob: '../rows.js#ProcessingJobRow',
    MediaUsage: '../rows.js#MediaUsageRow',
    MediaUsageTier: '../rows.js#UsageTierRow',
    MediaMonthlyCost: '../rows.js#MonthlyCostGroup',
    MediaServiceCost: '../rows.js#MonthlyCostRow',
    MediaDailySearchActivity: '../rows.js#DailySearchRow',
    MediaSearchResult: '../rows.js#SearchResult',
    MediaSearchHit: '../rows.js#SearchHit',
    MediaSearch: '../rows.js#SearchRow',
    MediaAuditEntry: '../rows.js#AuditRow',
  },
};
export default config;

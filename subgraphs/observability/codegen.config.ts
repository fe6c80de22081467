import type { ResolverTypesConfig } from '../../packages/kit/src/codegen/generate-resolver-types.js';

const config: ResolverTypesConfig = {
  contextType: '../context.js#ObservabilityContext',
  mappers: {
    Model: '../entities.js#EntityRef',
    Provider: '../entities.js#EntityRef',
    ModelStatus: '../status/current.js#CurrentStatus',
    StatusPoint: '../status/series.js#StatusPoint as StatusPointRow',
    ModelRanking: '../status/rankings.js#RankedModel',
    TrendingModel: '../analytics/trending.js#TrendingEntry',
    Incident: './prisma/client.js#Incident as IncidentRow',
    IncidentUpdate: './prisma/client.js#IncidentUpdate as IncidentUpdateRow',
    Region: './prisma/client.js#Region as RegionRow',
    DatabaseHealth: '../health.js#DatabaseHealthRoot',
    ConnectionStat: '../health.js#ConnectionStatRow',
    TableSize: '../health.js#TableSizeRow',
    SlowQuery: './prisma/client.js#SlowQuery as SlowQueryRow',
    AnalyticsDailyStat: '../analytics/daily-stats.js#DailyStatRow',
  },
};
export default config;

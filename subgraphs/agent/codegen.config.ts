import type { ResolverTypesConfig } from '../../packages/kit/src/codegen/generate-resolver-types.js';

const row = (model: string, alias = `${model}Row`) => `./prisma/client.js#${model} as ${alias}`;

const config: ResolverTypesConfig = {
  contextType: '../context.js#AgentContext',
  mappers: {
    User: '../references.js#UserRef',
    Provider: '../references.js#ProviderRef',
    LlmProvider: row('LlmProvider'),
    McpServer: row('McpServer'),
    LspServer: row('LspServer'),
    ConversationSession: row('ConversationSession'),
    LlmRequest: row('LlmRequest'),
    LlmResponse: row('LlmResponse'),
    DebateSession: row('DebateSession'),
    DebateTurn: row('DebateTurn'),
    CodeVersion: row('CodeVersion'),
    BackgroundTask: row('BackgroundTask'),
    DeadLetterEntry: row('DeadLetterEntry'),
    Memory: row('CogneeMemory'),
    VectorMemory: row('DistributedMemory'),
    AnalyticsEvent: row('AnalyticsEvent'),
    ProviderPerformance: '../analytics.js#ProviderPerformanceRow',
    DailyStats: '../analytics.js#DailyStatsRow',
    LlmDailyUsage: '../analytics.js#DailyUsageRow',
    StreamingLatency: '../analytics.js#StreamingLatencyRow',
    StreamSummary: '../analytics.js#StreamSummaryRow',
    TaskQueueStat: '../analytics.js#TaskQueueStatRow',
  },
};
export default config;

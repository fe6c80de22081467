import { isAgentAdmin } from '../access.js';
import type { HealthStatus, McpServerResolvers } from '../generated/graphql.js';
import { stringList, toGraphEnum } from '../values.js';

export const McpServer: McpServerResolvers = {
  capabilities: (server) => stringList(server.capabilities),
  // Like provider settings: they may hold credentials.
  config: (server, _args, ctx) => (isAgentAdmin(ctx.identity) ? server.config : null),
  healthStatus: (server) => toGraphEnum<HealthStatus>(server.healthStatus),
};

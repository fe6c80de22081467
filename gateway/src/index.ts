export { startGateway, anonymousOnly, type Authenticator, type GatewayOptions, type RunningGateway } from './server.js';
export { loadSupergraph, supergraphPath, subgraphUrlsOf } from './supergraph.js';
export { composeSupergraph, type SubgraphSdl } from './compose.js';
export { listSubgraphs, DEFAULT_SUPERGRAPH_PATH } from './subgraphs.js';
export { createAuthentication, DEFAULT_RATE_LIMITS, type AuthenticationOptions, type GatewayAuthentication, type RateLimits } from './auth/index.js';

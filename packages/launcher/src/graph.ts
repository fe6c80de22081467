import { createEventBus, startSubgraph, type EventBus, type Logger, type RunningSubgraph } from '@sixfold/kit';
import { createAuthentication, startGateway, type GatewayAuthentication, type GatewayOptions, type RateLimits, type RunningGateway } from '@sixfold/gateway';
import { SUBGRAPHS } from './subgraphs.js';

export interface GraphOptions {
  databaseUrl: string;
  /** A read replica for the subgraphs' queries (DATABASE_READ_URL). */
  databaseReadUrl?: string | undefined;
  redisUrl?: string | undefined;
  redisPrefix: string;
  identitySecret: string;
  logger: Logger;
  supergraphSdl: string;
  /** Gateway port; subgraphs use their own fixed ports unless `ephemeralPorts` is set. */
  port: number;
  /** Let the OS pick every port (tests run beside other graphs). */
  ephemeralPorts?: boolean;
  /** Start only these subgraphs (the others answer SUBGRAPH_UNAVAILABLE). */
  only?: string[];
  poolMax?: number;
  connectTimeoutMs?: number;
  transactionTimeoutMs?: number;
  /** Observes every SQL statement of every subgraph. */
  onQuery?: (subgraph: string, sql: string) => void;
  /** Gateway rate limits (defaults: DEFAULT_RATE_LIMITS). */
  rateLimits?: Partial<RateLimits>;
  /** How long the gateway trusts a verified credential without asking tenancy again. */
  authCacheTtlMs?: number;
  gateway?: Partial<GatewayOptions>;
}

export interface RunningGraph {
  gateway: RunningGateway;
  subgraphs: RunningSubgraph[];
  bus: EventBus;
  stop(): Promise<void>;
}

/** Every subgraph in this process, sharing one event bus, behind one gateway. */
export async function startGraph(options: GraphOptions): Promise<RunningGraph> {
  const bus = createEventBus({ redisUrl: options.redisUrl, prefix: options.redisPrefix, logger: options.logger });
  const subgraphs: RunningSubgraph[] = [];
  let authenticator: GatewayAuthentication | undefined;
  let gateway: RunningGateway | undefined;
  const stop = async () => {
    // The gateway closes its authenticator; close it here only when the gateway never started.
    if (gateway) await gateway.stop();
    else await authenticator?.close();
    await Promise.all(subgraphs.map((s) => s.stop()));
    await bus.close();
  };
  try {
    for (const definition of SUBGRAPHS.filter((d) => !options.only || options.only.includes(d.name))) {
      subgraphs.push(
        await startSubgraph(definition, {
          port: options.ephemeralPorts ? 0 : definition.defaultPort,
          databaseUrl: options.databaseUrl,
          databaseReadUrl: options.databaseReadUrl,
          redisUrl: options.redisUrl,
          redisPrefix: options.redisPrefix,
          identitySecret: options.identitySecret,
          bus,
          logger: options.logger,
          poolMax: options.poolMax ?? 5,
          connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
          transactionTimeoutMs: options.transactionTimeoutMs ?? 15_000,
          ...(options.onQuery ? { onQuery: (sql: string) => options.onQuery!(definition.name, sql) } : {}),
        }),
      );
    }
    // Subgraphs not started still get a URL (a closed port) so that they fail as "unavailable".
    const urls = Object.fromEntries(SUBGRAPHS.map((d) => [d.name, 'http://127.0.0.1:9/graphql']));
    for (const s of subgraphs) urls[s.name] = s.url;
    // Bearer tokens are verified by tenancy (a closed port when it is not started: such requests
    // then fail as unavailable, anonymous ones still work).
    authenticator = await createAuthentication({
      tenancyUrl: urls.tenancy ?? 'http://127.0.0.1:9',
      identitySecret: options.identitySecret,
      redisUrl: options.redisUrl,
      redisPrefix: options.redisPrefix,
      bus,
      logger: options.logger,
      rateLimits: options.rateLimits,
      cacheTtlMs: options.authCacheTtlMs,
    });
    gateway = await startGateway({
      supergraphSdl: options.supergraphSdl,
      subgraphUrls: options.ephemeralPorts || options.only ? urls : Object.fromEntries(subgraphs.map((s) => [s.name, s.url])),
      identitySecret: options.identitySecret,
      logger: options.logger,
      port: options.port,
      authenticator,
      ...options.gateway,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { gateway, subgraphs, bus, stop };
}

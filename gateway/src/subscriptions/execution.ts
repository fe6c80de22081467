import { randomUUID } from 'node:crypto';
import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import type { ExecutionResult, FormattedExecutionResult } from 'graphql';
import type { Identity, Logger } from '@sixfold/kit';
import type { GatewayContext } from '../context.js';
import type { IdentitySigner } from './identity.js';
import type { PreparedSubscription, SubscriptionPlanner } from './planning.js';

type RequestContext = Parameters<typeof executeQueryPlan>[2];
type ProcessOptions = Parameters<GraphQLDataSource['process']>[0];

/** `GraphQLDataSourceRequestKind.INCOMING_OPERATION`; @apollo/gateway does not export the enum. */
export const INCOMING_OPERATION = 'incoming operation';

export interface EventExecutorOptions {
  planner: SubscriptionPlanner;
  /** The gateway's data sources: entity fetches go out exactly as they do for HTTP requests. */
  dataSources: ServiceMap;
  signer: IdentitySigner;
  logger: Logger;
}

/**
 * Turns one event of a primary subscription into the client's result: the whole plan runs with
 * the gateway's own executor, the primary fetch answered by the event itself, so fields owned by
 * other subgraphs are fetched (as the subscriber) and the result is shaped like any response.
 */
export function createEventExecutor({ planner, dataSources, signer, logger }: EventExecutorOptions) {
  return async function executeEvent(prepared: PreparedSubscription, event: FormattedExecutionResult, identity: Identity): Promise<ExecutionResult> {
    const { plan, variables } = prepared;
    const { primary, rest, operationContext } = plan;
    const owner = dataSources[primary.serviceName];
    if (!owner) throw new Error(`No data source for subgraph "${primary.serviceName}"`);
    // The executor merges fetched entities into the data it is given; the event may be shared.
    const data = structuredClone(event);
    const replay: GraphQLDataSource = {
      process: (options: ProcessOptions) =>
        options.kind === INCOMING_OPERATION && options.request.query === primary.operation ? Promise.resolve(data as never) : owner.process(options),
    };
    const queryPlan: QueryPlan = { kind: 'QueryPlan', node: rest ? { kind: 'Sequence', nodes: [primary, rest] } : primary };
    const context: GatewayContext = { requestId: randomUUID(), identity, signedIdentity: await signer.token(identity) };
    const requestContext = {
      request: { variables },
      context,
      logger,
      metrics: {},
      schema: planner.schema,
      operation: operationContext.operation,
      operationName: operationContext.operation.name?.value ?? null,
      // What executeQueryPlan and the data sources read; the rest of a request context (caches,
      // hashes) belongs to Apollo Server's HTTP pipeline, which subscriptions do not go through.
    } as unknown as RequestContext;
    return executeQueryPlan(
      queryPlan,
      { ...dataSources, [primary.serviceName]: replay },
      requestContext,
      operationContext,
      planner.supergraphSchema,
      planner.apiSchema,
    );
  };
}

export type EventExecutor = ReturnType<typeof createEventExecutor>;

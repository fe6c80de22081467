import { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode } from '@apollo/query-planner';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { ErrorCode } from '@sixfold/kit';
import { checkQueryCost } from '../plugins/query-limits.js';

export type OperationContext = ReturnType<typeof buildOperationContext>;

/**
 * How the gateway runs one subscription document: the primary fetch opens a subscription on the
 * subgraph that owns the root field; the rest (entity fetches to other subgraphs, if any) runs for
 * each event the primary delivers.
 */
export interface SubscriptionPlan {
  /** The document and operation name: equal keys and equal variables give equal results. */
  key: string;
  document: DocumentNode;
  operationContext: OperationContext;
  primary: FetchNode;
  rest: PlanNode | undefined;
}

export interface SubscriptionRequest {
  query: string;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
}

export interface PreparedSubscription {
  plan: SubscriptionPlan;
  /** As the client sent them (the gateway's executor coerces them itself, as for HTTP requests). */
  variables: Record<string, unknown>;
}

/**
 * Validates subscription documents against the gateway's API schema and plans them with the
 * gateway's own query planner (which plans subscriptions even though @apollo/gateway refuses to
 * execute them). Plans are cached per document, as the gateway caches its query plans.
 */
export class SubscriptionPlanner {
  /** The API schema clients see (what documents are validated against). */
  readonly schema: GraphQLSchema;
  /** The supergraph schema, which the executor needs to build entity representations. */
  readonly supergraphSchema: GraphQLSchema;
  readonly apiSchema: Schema;
  readonly #planner: QueryPlanner;
  readonly #rules: readonly ValidationRule[];
  readonly #maxCost: number;
  readonly #plans = new LRUCache<string, SubscriptionPlan>({ max: 500 });

  constructor(supergraphSdl: string, validationRules: readonly ValidationRule[] = [], maxCost = Number.POSITIVE_INFINITY) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.apiSchema = supergraph.apiSchema();
    this.schema = this.apiSchema.toGraphQLJSSchema();
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.#planner = new QueryPlanner(supergraph);
    this.#rules = [...specifiedRules, ...validationRules];
    this.#maxCost = maxCost;
  }

  /** A plan and the variables to run it with, or the errors to answer the client with. */
  prepare(request: SubscriptionRequest): PreparedSubscription | GraphQLError[] {
    const planned = this.#plan(request.query, request.operationName ?? undefined);
    if (Array.isArray(planned)) return planned;
    const variables = request.variables ?? {};
    const coerced = getVariableValues(this.schema, planned.operationContext.operation.variableDefinitions ?? [], variables);
    if (coerced.errors) {
      return coerced.errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: ErrorCode.BAD_USER_INPUT } }));
    }
    // Each event answers the whole selection: the same cost limit as an HTTP query.
    const tooCostly = checkQueryCost(this.schema, planned.document, variables, request.operationName ?? undefined, this.#maxCost);
    if (tooCostly) return [tooCostly];
    return { plan: planned, variables };
  }

  #plan(query: string, operationName: string | undefined): SubscriptionPlan | GraphQLError[] {
    const key = `${operationName ?? ''}\n${query}`;
    const cached = this.#plans.get(key);
    if (cached) return cached;

    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return [withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
    }
    const invalid = validate(this.schema, document, this.#rules);
    if (invalid.length > 0) return invalid.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
    const operation = getOperationAST(document, operationName);
    if (!operation) {
      const message = operationName ? `Unknown operation named "${operationName}"` : 'Must provide operation name if query contains multiple operations';
      return [new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
    }
    if (operation.operation !== 'subscription') {
      return [
        new GraphQLError(`Only subscriptions are served over WebSocket; send a ${operation.operation} over HTTP`, {
          nodes: [operation],
          extensions: { code: 'BAD_REQUEST' },
        }),
      ];
    }

    const operationContext = buildOperationContext({ schema: this.schema, operationDocument: document, ...(operationName ? { operationName } : {}) });
    const queryPlan = this.#planner.buildQueryPlan(operationFromDocument(this.apiSchema, document, operationName ? { operationName } : {}));
    if (queryPlan.node?.kind !== 'Subscription') {
      throw new Error(`Expected a subscription plan, got ${queryPlan.node?.kind ?? 'an empty plan'}`);
    }
    const plan: SubscriptionPlan = { key, document, operationContext, primary: queryPlan.node.primary, rest: queryPlan.node.rest };
    this.#plans.set(key, plan);
    return plan;
  }
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}

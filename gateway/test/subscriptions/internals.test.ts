/**
 * Subscriptions rest on @apollo internals that are exported but not documented: QueryPlanner,
 * executeQueryPlan, buildOperationContext, Supergraph and operationFromDocument. Their versions
 * are pinned exactly; these tests fail loudly, naming what changed, if an upgrade changes them.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import { buildOperationContext, executeQueryPlan, type GraphQLDataSource } from '@apollo/gateway';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type FlattenNode, type QueryPlan, type SequenceNode } from '@apollo/query-planner';
import { parse } from 'graphql';
import { INCOMING_OPERATION } from '../../src/subscriptions/execution.js';
import { QUOTED, SUPERGRAPH_SDL } from './supergraph.js';

const require = createRequire(import.meta.url);
const manifest = require('../../package.json') as { dependencies: Record<string, string> };
const INTERNALS = ['@apollo/gateway', '@apollo/query-planner', '@apollo/federation-internals', '@apollo/composition'];

const supergraph = Supergraph.build(SUPERGRAPH_SDL);
const apiSchema = supergraph.apiSchema();
const document = parse(QUOTED);

function planQuoted(): QueryPlan {
  return new QueryPlanner(supergraph).buildQueryPlan(operationFromDocument(apiSchema, document, { operationName: 'Quotes' }));
}

describe('versions', () => {
  it.each(INTERNALS)('%s is pinned to an exact version, and that version is installed', (name) => {
    const pinned = manifest.dependencies[name]!;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect((require(`${name}/package.json`) as { version: string }).version).toBe(pinned);
  });

  it('pins all of them to the same version (they are released together)', () => {
    expect(new Set(INTERNALS.map((name) => manifest.dependencies[name])).size).toBe(1);
  });
});

describe('the query planner', () => {
  it('plans a subscription as a primary fetch to the owning subgraph and the rest as entity fetches', () => {
    const plan = planQuoted();
    expect(plan.node?.kind).toBe('Subscription');
    if (plan.node?.kind !== 'Subscription') return;
    const { primary, rest } = plan.node;
    expect(primary).toMatchObject({ kind: 'Fetch', serviceName: 'quotes', operationKind: 'subscription', variableUsages: ['symbols'] });
    expect(primary.operation).toMatch(/^subscription Quotes__quotes__0\(\$symbols:\[ID!\]\)\{quoted\(symbols:\$symbols\)\{price stock\{__typename symbol\}\}\}$/);
    expect(primary.requires).toBeUndefined();
    expect(rest).toMatchObject({ kind: 'Sequence', nodes: [{ kind: 'Flatten', path: ['quoted', 'stock'], node: { kind: 'Fetch', serviceName: 'stocks', operationKind: 'query' } }] });
    expect((((rest as SequenceNode).nodes[0] as FlattenNode).node as FetchNode).requires).toBeDefined();
  });
});

describe('buildOperationContext', () => {
  it('picks the operation and its fragments out of a document', () => {
    const context = buildOperationContext({ schema: apiSchema.toGraphQLJSSchema(), operationDocument: document, operationName: 'Quotes' });
    expect(context.operation.name?.value).toBe('Quotes');
    expect(context.operation.operation).toBe('subscription');
    expect(context.fragments).toEqual({});
  });
});

describe('executeQueryPlan', () => {
  const run = async (queryPlan: QueryPlan, dataSources: Record<string, GraphQLDataSource>) => {
    const context = buildOperationContext({ schema: apiSchema.toGraphQLJSSchema(), operationDocument: document, operationName: 'Quotes' });
    const requestContext = { request: { variables: {} }, context: {}, logger: console, metrics: {} } as never;
    return executeQueryPlan(queryPlan, dataSources, requestContext, context, supergraph.schema.toGraphQLJSSchema(), apiSchema);
  };

  it('takes the plan, data sources, request and operation contexts, schemas and telemetry options', () => {
    expect(executeQueryPlan).toHaveLength(7);
  });

  it('still refuses subscription plans (if it starts executing them, our own path may be retired)', async () => {
    await expect(run(planQuoted(), {})).rejects.toThrow('Execution of subscriptions not supported by gateway');
  });

  it('runs a primary fetch and its entity fetches in sequence, calling data sources with the incoming-operation kind', async () => {
    const plan = planQuoted();
    if (plan.node?.kind !== 'Subscription') throw new Error('expected a subscription plan');
    const kinds: string[] = [];
    const source = (answer: (variables: Record<string, any>) => Record<string, unknown>): GraphQLDataSource => ({
      process: async (options) => {
        kinds.push(options.kind);
        return { data: answer(options.request.variables ?? {}) };
      },
    });
    const result = await run({ kind: 'QueryPlan', node: { kind: 'Sequence', nodes: [plan.node.primary, plan.node.rest!] } }, {
      quotes: source(() => ({ quoted: { price: 7, stock: { __typename: 'Stock', symbol: 'ACME' } } })),
      stocks: source(({ representations }) => ({ _entities: representations.map((r: { symbol: string }) => ({ name: `${r.symbol} Corp.` })) })),
    });
    expect(result).toEqual({ data: { quoted: { price: 7, stock: { symbol: 'ACME', name: 'ACME Corp.' } } } });
    expect(kinds).toEqual([INCOMING_OPERATION, INCOMING_OPERATION]);
  });

  it('names the incoming-operation request kind as the (unexported) enum does', () => {
    const { GraphQLDataSourceRequestKind } = require('@apollo/gateway/dist/datasources/types.js') as { GraphQLDataSourceRequestKind: Record<string, string> };
    expect(GraphQLDataSourceRequestKind.INCOMING_OPERATION).toBe(INCOMING_OPERATION);
  });
});

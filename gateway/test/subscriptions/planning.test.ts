import { describe, expect, it } from '@jest/globals';
import type { GraphQLError } from 'graphql';
import { queryLimitCode, queryShapeLimits } from '../../src/plugins/query-limits.js';
import { SubscriptionPlanner, type PreparedSubscription } from '../../src/subscriptions/planning.js';
import { QUOTED, SUPERGRAPH_SDL } from './supergraph.js';

const planner = new SubscriptionPlanner(SUPERGRAPH_SDL, queryShapeLimits({ maxDepth: 12, maxCost: 20_000, maxAliases: 1 }).validationRules, 20_000);
const codes = (result: PreparedSubscription | GraphQLError[]) => (Array.isArray(result) ? result.map((e) => e.extensions.code) : 'planned');

describe('preparing a subscription', () => {
  it('plans a valid document, once per document', () => {
    const first = planner.prepare({ query: QUOTED, operationName: 'Quotes', variables: { symbols: ['ACME'] } });
    const second = planner.prepare({ query: QUOTED, operationName: 'Quotes', variables: { symbols: ['XYZ'] } });
    expect(codes(first)).toBe('planned');
    expect((first as PreparedSubscription).plan).toBe((second as PreparedSubscription).plan);
    expect((second as PreparedSubscription).variables).toEqual({ symbols: ['XYZ'] });
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED', () => {
    expect(codes(planner.prepare({ query: 'subscription { quoted {' }))).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('answers an unknown field with GRAPHQL_VALIDATION_FAILED', () => {
    expect(codes(planner.prepare({ query: 'subscription { quoted { nope } }' }))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('applies the HTTP endpoint’s query limits, which answer QUERY_TOO_COMPLEX once formatted', () => {
    const result = planner.prepare({ query: 'subscription { quoted { a: price b: price } }' });
    expect(codes(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const [error] = result as GraphQLError[];
    expect(error!.message).toMatch(/aliases limit/i);
    expect(queryLimitCode(error!.toJSON()).extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('answers wrongly typed variables with BAD_USER_INPUT', () => {
    expect(codes(planner.prepare({ query: QUOTED, variables: { symbols: [{ not: 'an id' }] } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('answers an operation name the document lacks with OPERATION_RESOLUTION_FAILURE', () => {
    expect(codes(planner.prepare({ query: QUOTED, operationName: 'Other' }))).toEqual(['OPERATION_RESOLUTION_FAILURE']);
  });

  it('sends queries and mutations back to HTTP with BAD_REQUEST', () => {
    expect(codes(planner.prepare({ query: '{ stock(symbol: "ACME") { name } }' }))).toEqual(['BAD_REQUEST']);
  });

  it('refuses more than one root field, as GraphQL requires of subscriptions', () => {
    expect(codes(planner.prepare({ query: 'subscription { quoted { price } again: quoted { price } }' }))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

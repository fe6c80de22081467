import { describe, expect, it } from '@jest/globals';
import type { GraphQLDataSource } from '@apollo/gateway';
import { createLogger, verifyIdentity, type Identity } from '@sixfold/kit';
import type { GatewayContext } from '../../src/context.js';
import { createEventExecutor } from '../../src/subscriptions/execution.js';
import { IdentitySigner } from '../../src/subscriptions/identity.js';
import { SubscriptionPlanner, type PreparedSubscription } from '../../src/subscriptions/planning.js';
import { QUOTED, SUPERGRAPH_SDL } from './supergraph.js';

const SECRET = 'execution-test-secret-of-enough-length';
const ALICE: Identity = { kind: 'user', userId: 'alice', organizationIds: [], roles: [], scopes: [] };
const planner = new SubscriptionPlanner(SUPERGRAPH_SDL);

function setup() {
  const calls: Array<{ subgraph: string; query: string; context: GatewayContext }> = [];
  const source = (subgraph: string): GraphQLDataSource<GatewayContext> => ({
    process: async ({ request, context }) => {
      calls.push({ subgraph, query: request.query!, context: context as GatewayContext });
      const representations = (request.variables?.representations ?? []) as Array<{ symbol: string }>;
      return { data: { _entities: representations.map((r) => ({ name: `${r.symbol} Corp.` })) } };
    },
  });
  const executeEvent = createEventExecutor({
    planner,
    dataSources: { quotes: source('quotes'), stocks: source('stocks') },
    signer: new IdentitySigner(SECRET),
    logger: createLogger('silent'),
  });
  const prepared = planner.prepare({ query: QUOTED, variables: { symbols: ['ACME'] } }) as PreparedSubscription;
  return { calls, executeEvent, prepared };
}

describe('executing one event', () => {
  it('answers the primary fetch with the event and fetches the other subgraphs’ fields as the subscriber', async () => {
    const { calls, executeEvent, prepared } = setup();
    const result = await executeEvent(prepared, { data: { quoted: { price: 7, stock: { __typename: 'Stock', symbol: 'ACME' } } } }, ALICE);
    expect(result).toEqual({ data: { quoted: { price: 7, stock: { symbol: 'ACME', name: 'ACME Corp.' } } } });
    expect(calls.map((c) => c.subgraph)).toEqual(['stocks']);
    expect(await verifyIdentity(calls[0]!.context.signedIdentity, SECRET)).toMatchObject({ kind: 'user', userId: 'alice' });
  });

  it('leaves the event it was given untouched (one event feeds several documents)', async () => {
    const { executeEvent, prepared } = setup();
    const event = { data: { quoted: { price: 7, stock: { __typename: 'Stock', symbol: 'ACME' } } } };
    const copy = structuredClone(event);
    await executeEvent(prepared, event, ALICE);
    expect(event).toEqual(copy);
  });

  it('passes on the errors the event carried, with their codes', async () => {
    const { executeEvent, prepared } = setup();
    const result = await executeEvent(prepared, { data: null, errors: [{ message: 'Quote feed stalled', path: ['quoted'], extensions: { code: 'UPSTREAM_UNAVAILABLE' } }] }, ALICE);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]).toMatchObject({ message: 'Quote feed stalled', extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
  });
});

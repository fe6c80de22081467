/**
 * Subscriptions through the gateway, against the ticker fixture subgraph (whose events need
 * fields from catalog): federated events, identity, protocol errors, shared upstreams,
 * unsubscribing, and a subgraph restarting under live subscriptions.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { ANONYMOUS, unauthenticated, type Identity } from '@sixfold/kit';
import type { Authenticator } from '@sixfold/gateway';
import { eventually, httpQuery, startTickerStage, subscribe, subscriptionGauges, type Stage, type TickerReplica } from '../support/subscriptions.js';

const ALICE: Identity = { kind: 'user', userId: '00000000-0000-4000-8000-00000000a11c', organizationIds: [], roles: [], scopes: [] };
const BOB: Identity = { kind: 'user', userId: '00000000-0000-4000-8000-000000000b0b', organizationIds: [], roles: [], scopes: [] };
/** Stands in for tenancy's authenticator: two known tokens, anonymous without one. */
const authenticator: Authenticator = {
  authenticate: async ({ authorization }) => {
    if (!authorization) return ANONYMOUS;
    if (authorization === 'Bearer alice') return ALICE;
    if (authorization === 'Bearer bob') return BOB;
    throw unauthenticated('Invalid token');
  },
};

const TICKED = `subscription Ticked($modelIds: [ID!]) {
  ticked(modelIds: $modelIds) { price subscriber model { id name provider { name tickerViewer } } }
}`;

interface Ticked {
  ticked: { price: number; subscriber: string; model: { id: string; name: string; provider: { name: string; tickerViewer: string } } };
}

let stage: Stage<TickerReplica>;
let url: string;
let models: Array<{ id: string; name: string; provider: { name: string } }>;
const replica = () => stage.replicas[0]!;
/** Publishes `price` for `modelId` until `received` resolves (the upstream may still be subscribing). */
const publishUntil = <T>(modelId: string, price: number, received: () => Promise<T>) =>
  eventually(async () => {
    await replica().publish({ modelId, price });
    return received();
  });
let nextPrice = 1;
const uniquePrice = () => nextPrice++;

beforeAll(async () => {
  stage = await startTickerStage({ gateway: { authenticator } });
  url = stage.gateways[0]!.url;
  const res = await httpQuery<{ models: { edges: Array<{ node: (typeof models)[number] }> } }>(url, '{ models(first: 2) { edges { node { id name provider { name } } } } }');
  models = res.data!.models.edges.map((e) => e.node);
});
afterAll(() => stage?.stop());

describe('federated events', () => {
  it('carry fields owned by other subgraphs, resolved for each event', async () => {
    const [model] = models;
    const sub = subscribe<Ticked>(url, TICKED, { variables: { modelIds: [model!.id] } });
    try {
      const price = uniquePrice();
      const event = await publishUntil(model!.id, price, () => sub.waitFor((e) => e.data?.ticked.price === price, 150));
      expect(event).toEqual({
        data: { ticked: { price, subscriber: 'anonymous:', model: { id: model!.id, name: model!.name, provider: { name: model!.provider.name, tickerViewer: 'anonymous:' } } } },
      });
    } finally {
      sub.unsubscribe();
    }
  });

  it('respect the subscription’s arguments', async () => {
    const [wanted, other] = models;
    const sub = subscribe<Ticked>(url, TICKED, { variables: { modelIds: [wanted!.id] } });
    try {
      await publishUntil(wanted!.id, uniquePrice(), () => sub.waitFor(undefined, 150));
      await replica().publish({ modelId: other!.id, price: uniquePrice() });
      const last = uniquePrice();
      await replica().publish({ modelId: wanted!.id, price: last });
      await sub.waitFor((e) => e.data?.ticked.price === last);
      expect(sub.events.every((e) => e.data?.ticked.model.id === wanted!.id)).toBe(true);
    } finally {
      sub.unsubscribe();
    }
  });

  it('follow a mutation sent through the gateway', async () => {
    const [model] = models;
    const sub = subscribe<Ticked>(url, TICKED);
    try {
      const price = uniquePrice();
      await eventually(async () => {
        await httpQuery(url, 'mutation ($id: ID!, $price: Int!) { tick(modelId: $id, price: $price) { price } }', { id: model!.id, price });
        await sub.waitFor((e) => e.data?.ticked.price === price, 300);
      });
    } finally {
      sub.unsubscribe();
    }
  });
});

describe('identity', () => {
  it('reaches the owning subgraph and every entity fetch of an event', async () => {
    const [model] = models;
    const sub = subscribe<Ticked>(url, TICKED, { authorization: 'Bearer alice' });
    try {
      const price = uniquePrice();
      const event = await publishUntil(model!.id, price, () => sub.waitFor((e) => e.data?.ticked.price === price, 150));
      expect(event.data?.ticked.subscriber).toBe(`user:${ALICE.userId}`);
      expect(event.data?.ticked.model.provider.tickerViewer).toBe(`user:${ALICE.userId}`);
    } finally {
      sub.unsubscribe();
    }
  });

  it('may come in the upgrade request’s Authorization header instead', async () => {
    const [model] = models;
    const sub = subscribe<Ticked>(url, TICKED, { headers: { authorization: 'Bearer alice' } });
    try {
      const price = uniquePrice();
      const event = await publishUntil(model!.id, price, () => sub.waitFor((e) => e.data?.ticked.price === price, 150));
      expect(event.data?.ticked.subscriber).toBe(`user:${ALICE.userId}`);
    } finally {
      sub.unsubscribe();
    }
  });

  it('closes the connection with 4403 Forbidden when connection_init carries bad credentials', async () => {
    const sub = subscribe(url, TICKED, { authorization: 'Bearer forged' });
    await expect(sub.ended).resolves.toEqual({ kind: 'closed', code: 4403, reason: 'Forbidden' });
  });
});

describe('protocol errors', () => {
  const errorOf = async (query: string, variables?: Record<string, unknown>) => {
    const sub = subscribe(url, query, variables ? { variables } : {});
    const outcome = await sub.ended;
    await sub.close();
    if (outcome.kind !== 'error') throw new Error(`expected an error message, got ${JSON.stringify(outcome)}`);
    return outcome.errors[0]!;
  };

  it('answer an invalid document with an error message coded GRAPHQL_VALIDATION_FAILED', async () => {
    expect((await errorOf('subscription { ticked { nope } }')).extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('answer a syntax error with GRAPHQL_PARSE_FAILED', async () => {
    expect((await errorOf('subscription { ticked {')).extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answer wrongly typed variables with BAD_USER_INPUT', async () => {
    expect((await errorOf(TICKED, { modelIds: { not: 'a list of ids' } })).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answer a document over the limits with QUERY_TOO_COMPLEX, as over HTTP', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `p${i}: price`).join(' ');
    expect((await errorOf(`subscription { ticked { ${aliases} } }`)).extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('send queries back to HTTP with BAD_REQUEST', async () => {
    expect((await errorOf('{ models(first: 1) { totalCount } }')).extensions?.code).toBe('BAD_REQUEST');
  });

  it('pass on a subgraph’s refusal with its code, then complete', async () => {
    const sub = subscribe(url, TICKED, { variables: { modelIds: [] } });
    await expect(sub.ended).resolves.toEqual({ kind: 'complete' });
    expect(sub.events).toEqual([{ data: null, errors: [expect.objectContaining({ message: 'modelIds: must name at least one model', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'modelIds' }) })] }]);
  });

  it('close with graphql-ws close codes: 4401 for subscribing before connection_init', async () => {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: TICKED } }));
    const [code] = await new Promise<[number, string]>((resolve) => socket.once('close', (c, r) => resolve([c, String(r)])));
    expect(code).toBe(4401);
  });
});

describe('sharing upstream subscriptions', () => {
  it('gives identical subscriptions one upstream, and separate ones per variables and per identity', async () => {
    const [model] = models;
    const anonymous = Array.from({ length: 5 }, () => subscribe<Ticked>(url, TICKED, { variables: { modelIds: [model!.id] } }));
    const otherVariables = subscribe<Ticked>(url, TICKED);
    const alice = [subscribe<Ticked>(url, TICKED, { authorization: 'Bearer alice', variables: { modelIds: [model!.id] } }), subscribe<Ticked>(url, TICKED, { authorization: 'Bearer alice', variables: { modelIds: [model!.id] } })];
    const all = [...anonymous, otherVariables, ...alice];
    try {
      const price = uniquePrice();
      await publishUntil(model!.id, price, () => Promise.all(all.map((s) => s.waitFor((e) => e.data?.ticked.price === price, 150))));
      expect(replica().fixture.activeSubscriptions()).toBe(3);
      expect(await subscriptionGauges(url)).toEqual({ client: 8, feed: 3, upstream: 3, connection: 2 });
      expect(alice[0]!.events.at(-1)?.data?.ticked.subscriber).toBe(`user:${ALICE.userId}`);
      expect(anonymous[4]!.events.at(-1)?.data?.ticked.subscriber).toBe('anonymous:');
    } finally {
      for (const s of all) s.unsubscribe();
    }
    await eventually(async () => expect(await subscriptionGauges(url)).toEqual({ client: 0, feed: 0, upstream: 0, connection: 0 }));
  });

  it('gives different documents with the same primary fetch one upstream, each executed for its own fields', async () => {
    const [model] = models;
    const byName = subscribe<{ ticked: { price: number; model: { name: string } } }>(url, 'subscription Feed { ticked { price model { name } } }');
    const byProvider = subscribe<{ ticked: { price: number; model: { provider: { name: string } } } }>(url, 'subscription Feed { ticked { price model { provider { name } } } }');
    try {
      const price = uniquePrice();
      await publishUntil(model!.id, price, () => Promise.all([byName, byProvider].map((s) => s.waitFor((e) => e.data?.ticked.price === price, 150))));
      expect(byName.events.at(-1)).toEqual({ data: { ticked: { price, model: { name: model!.name } } } });
      expect(byProvider.events.at(-1)).toEqual({ data: { ticked: { price, model: { provider: { name: model!.provider.name } } } } });
      expect(await subscriptionGauges(url)).toMatchObject({ feed: 2, upstream: 1 });
    } finally {
      byName.unsubscribe();
      byProvider.unsubscribe();
    }
  });
});

describe('unsubscribing', () => {
  const subscribed = async () => {
    const [model] = models;
    const sub = subscribe<Ticked>(url, TICKED);
    await publishUntil(model!.id, uniquePrice(), () => sub.waitFor(undefined, 150));
    expect(replica().fixture.activeSubscriptions()).toBe(1);
    return sub;
  };

  it('with a complete message ends the upstream subscription at the subgraph at once', async () => {
    const sub = await subscribed();
    sub.unsubscribe();
    // No event is published: the subgraph must see the end without waiting for one.
    await eventually(() => expect(replica().fixture.activeSubscriptions()).toBe(0), 1_000, 10);
    await sub.close();
  });

  it('by closing the socket ends it at once too, and frees the upstream connection', async () => {
    const sub = await subscribed();
    await sub.close();
    await eventually(() => expect(replica().fixture.activeSubscriptions()).toBe(0), 1_000, 10);
    await eventually(async () => expect(await subscriptionGauges(url)).toEqual({ client: 0, feed: 0, upstream: 0, connection: 0 }), 1_000);
  });

  it('keeps a shared upstream for the clients that stay', async () => {
    const [model] = models;
    const staying = subscribe<Ticked>(url, TICKED);
    const leaving = subscribe<Ticked>(url, TICKED);
    try {
      await publishUntil(model!.id, uniquePrice(), () => Promise.all([staying, leaving].map((s) => s.waitFor(undefined, 150))));
      leaving.unsubscribe();
      await eventually(async () => expect((await subscriptionGauges(url)).client).toBe(1));
      const price = uniquePrice();
      await replica().publish({ modelId: model!.id, price });
      await staying.waitFor((e) => e.data?.ticked.price === price);
      expect(replica().fixture.activeSubscriptions()).toBe(1);
    } finally {
      staying.unsubscribe();
      await leaving.close();
    }
  });
});

describe('a subgraph restarting under live subscriptions', () => {
  it('is reconnected and resubscribed while clients stay subscribed', async () => {
    const [model] = models;
    const sub = subscribe<Ticked>(url, TICKED, { authorization: 'Bearer bob' });
    let ended = false;
    void sub.ended.then(() => (ended = true));
    try {
      await publishUntil(model!.id, uniquePrice(), () => sub.waitFor(undefined, 150));
      await replica().stop();
      expect(replica().fixture.activeSubscriptions()).toBe(0);
      await replica().restart();
      const price = uniquePrice();
      const event = await publishUntil(model!.id, price, () => sub.waitFor((e) => e.data?.ticked.price === price, 150));
      expect(event.data?.ticked).toMatchObject({ subscriber: `user:${BOB.userId}`, model: { name: model!.name } });
      expect(ended).toBe(false);
      expect(replica().fixture.activeSubscriptions()).toBe(1);
    } finally {
      sub.unsubscribe();
    }
  });
});

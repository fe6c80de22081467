/**
 * Scale-out: events published on any subgraph replica reach subscribers on every gateway, through
 * Redis. Two gateways, each in front of its own ticker replica, over one Redis.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { eventually, httpQuery, startTickerStage, subscribe, subscriptionGauges, type Stage, type TickerReplica } from '../support/subscriptions.js';

const TICKED = 'subscription Ticked { ticked { price publishedBy model { id name provider { name } } } }';
type Ticked = { ticked: { price: number; publishedBy: string; model: { id: string; name: string; provider: { name: string } } } };

let stage: Stage<TickerReplica>;
beforeAll(async () => {
  stage = await startTickerStage({ replicas: 2, gateways: 2, redisUrl: process.env.REDIS_URL! });
});
afterAll(() => stage?.stop());

it('delivers an event published on either replica to subscribers on both gateways, with catalog fields', async () => {
  const [first, second] = stage.gateways.map((g) => g.url) as [string, string];
  const model = (await httpQuery<{ models: { edges: Array<{ node: { id: string; name: string } }> } }>(first, '{ models(first: 1) { edges { node { id name } } } }')).data!.models.edges[0]!.node;
  const subscribers = [first, first, second, second, second].map((url) => subscribe<Ticked>(url, TICKED));
  const tick = (gatewayUrl: string, price: number) =>
    httpQuery(gatewayUrl, 'mutation ($id: ID!, $price: Int!) { tick(modelId: $id, price: $price) { price } }', { id: model.id, price });
  const everyoneGot = (price: number, timeoutMs?: number) => Promise.all(subscribers.map((s) => s.waitFor((e) => e.data?.ticked.price === price, timeoutMs)));
  try {
    // Until every upstream is subscribed (and Redis has confirmed it), early ticks may go unseen.
    await eventually(async () => {
      await tick(first, 1);
      await everyoneGot(1, 200);
    });

    await tick(first, 2); // gateway 1 → replica 1 → Redis → replica 2 → gateway 2
    const viaFirst = await everyoneGot(2);
    await tick(second, 3); // and the other way round
    const viaSecond = await everyoneGot(3);

    for (const event of viaFirst) expect(event.data?.ticked).toEqual({ price: 2, publishedBy: 'replica-1', model: { id: model.id, name: model.name, provider: expect.anything() } });
    for (const event of viaSecond) expect(event.data?.ticked.publishedBy).toBe('replica-2');
    // Each gateway holds one upstream subscription for its clients, each on its own replica.
    expect(stage.replicas.map((r) => r.fixture.activeSubscriptions())).toEqual([1, 1]);
    expect((await subscriptionGauges(first)).upstream).toBe(1);
    expect((await subscriptionGauges(second)).upstream).toBe(1);
  } finally {
    for (const s of subscribers) await s.close();
  }
});

/**
 * Redis going away: nothing crashes, publishing keeps answering, live subscriptions stay open,
 * and events flow again when Redis returns. Two gateways and two ticker replicas over a Redis
 * server of the test's own, stopped and restarted on the same port.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startRedisServer, type TestRedisServer } from '@sixfold/kit/testing';
import { eventually, httpQuery, startTickerStage, subscribe, type TestSubscription, type Stage, type TickerReplica } from '../support/subscriptions.js';

const TICKED = 'subscription Ticked { ticked { price publishedBy model { name } } }';
type Ticked = { ticked: { price: number; publishedBy: string; model: { name: string } } };

let redis: TestRedisServer;
let stage: Stage<TickerReplica>;
beforeAll(async () => {
  redis = await startRedisServer();
  stage = await startTickerStage({ replicas: 2, gateways: 2, redisUrl: redis.url });
});
afterAll(async () => {
  await stage?.stop();
  redis?.stop();
});

it('survives Redis going away and resumes delivering when it returns', async () => {
  const gateways = stage.gateways.map((g) => g.url);
  const modelId = (await httpQuery<{ models: { edges: Array<{ node: { id: string } }> } }>(gateways[0]!, '{ models(first: 1) { edges { node { id } } } }')).data!.models.edges[0]!.node.id;
  const tick = (gatewayUrl: string, price: number) => httpQuery(gatewayUrl, 'mutation ($id: ID!, $price: Int!) { tick(modelId: $id, price: $price) { price } }', { id: modelId, price });
  const got = (subs: TestSubscription<Ticked>[], price: number, timeoutMs?: number) => Promise.all(subs.map((s) => s.waitFor((e) => e.data?.ticked.price === price, timeoutMs)));
  // Replica 2 (behind gateway 2) has no bus subscription until Redis is gone.
  const before = [subscribe<Ticked>(gateways[0]!, TICKED)];
  const ended: unknown[] = [];
  for (const s of before) void s.ended.then((outcome) => ended.push(outcome));
  let during: TestSubscription<Ticked>[] = [];
  try {
    await eventually(async () => {
      await tick(gateways[0]!, 1);
      await got(before, 1, 200);
    });

    redis.stop();
    // Publishing fails quietly (logged): the mutation itself still answers.
    const res = await tick(gateways[1]!, 2);
    expect(res).toEqual({ data: { tick: { price: 2 } } });
    // Clients may subscribe while Redis is away, on either gateway; their bus subscriptions wait for it.
    during = gateways.map((url) => subscribe<Ticked>(url, TICKED));
    await eventually(() => expect(stage.replicas.map((r) => r.fixture.activeSubscriptions())).toEqual([1, 1]));
    // Long enough for several reconnection attempts to fail.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    await redis.start();
    await eventually(async () => {
      await tick(gateways[0]!, 3);
      await got([...before, ...during], 3, 200);
    }, 20_000);
    expect(ended).toEqual([]);
  } finally {
    for (const s of [...before, ...during]) await s.close();
  }
});

/**
 * Scale out: two gateways, each in front of its own observability replica, over one Redis. A probe
 * reported to either replica reaches StatusFeed subscribers on both gateways, with catalog's fields
 * resolved per event.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { IDENTITY_HEADER, signIdentity } from '@sixfold/kit';
import { ADMIN } from '@sixfold/kit/testing';
import { catalog } from '@sixfold/catalog';
import { observability } from '@sixfold/observability';
import { DEFAULT_SUPERGRAPH_PATH, loadSupergraph } from '@sixfold/gateway';
import { contractOperation, env } from '../support/graph.js';
import { eventually, httpQuery, startStage, subscribe, subscriptionGauges, type Stage } from '../support/subscriptions.js';

let stage: Stage;
beforeAll(async () => {
  stage = await startStage({
    subgraphs: [catalog as never],
    replica: () => observability as never,
    replicas: 2,
    gateways: 2,
    redisUrl: process.env.REDIS_URL!,
    supergraphSdl: loadSupergraph(DEFAULT_SUPERGRAPH_PATH),
  });
});
afterAll(() => stage.stop());

/** Reports one probe straight to a replica, as a probe agent behind a load balancer would. */
async function reportTo(replicaUrl: string, modelId: string, time: Date) {
  const response = await fetch(replicaUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await signIdentity(ADMIN, env().identitySecret) },
    body: JSON.stringify({
      query: contractOperation('ReportProbes'),
      variables: { probes: [{ modelId, region: 'eu-west', location: 'fanout-test', time: time.toISOString(), availability: 97.5, latencyP95: 900, errorRate: 0.5 }] },
    }),
  });
  const body = (await response.json()) as { errors?: unknown };
  expect(body.errors).toBeUndefined();
}

it('delivers a probe reported to either replica to subscribers on both gateways', async () => {
  const [first, second] = stage.gateways.map((g) => g.url) as [string, string];
  const models = await httpQuery<{ model: { id: string } }>(first, '{ model(slug: "claude-sonnet-4") { id } }');
  const modelId = models.data!.model.id;
  const feeds = [first, second].map((url) => subscribe<any>(url, contractOperation('StatusFeed'), { variables: { modelIds: [modelId], regions: ['eu-west'] } }));
  try {
    for (const url of [first, second]) await eventually(async () => expect((await subscriptionGauges(url)).upstream).toBe(1));
    // The event carries the model's current status (rolled up over recent probes), updated as of the probe.
    const since = (time: Date) => (e: any) => new Date(e.data?.modelStatusChanged.updatedAt).getTime() >= time.getTime();
    for (const replica of stage.replicas) {
      const reported = new Date();
      // Subscribing upstream can trail the gauge by a moment: report until the first event arrives.
      await eventually(async () => {
        await reportTo(replica.url, modelId, new Date());
        await feeds[0]!.waitFor(since(reported), 500);
      });
      for (const feed of feeds) {
        const event = await feed.waitFor(since(reported));
        expect(event.data!.modelStatusChanged).toMatchObject({ region: 'eu-west', model: { id: modelId, slug: 'claude-sonnet-4', name: expect.stringMatching(/Claude/) } });
      }
    }
  } finally {
    await Promise.all(feeds.map((f) => f.close()));
  }
});

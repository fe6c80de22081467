/**
 * Observability validates probes against the models catalog publishes, kept locally from
 * `catalog.modelChanged`: no foreign key, no query into another domain's schema.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { observability } from '../src/subgraph.js';
import { Topic } from '../src/topics.js';
import { PROBE_AGENT, REPORT_PROBES, probe, sql } from './support.js';

let subgraph: TestSubgraph;
beforeAll(async () => {
  // A bus of its own: the catalog events published here must not reach other tests' subgraphs.
  const prefix = process.env.REDIS_PREFIX;
  process.env.REDIS_PREFIX = `${prefix}catalog-sync:`;
  try {
    subgraph = await startTestSubgraph(observability);
  } finally {
    process.env.REDIS_PREFIX = prefix;
  }
});
afterAll(() => subgraph.stop());

/** Publishes until the change is recorded (the subgraph subscribes to the bus asynchronously at start). */
async function publishUntilRecorded(event: { id: string; slug: string; providerId: string; isActive: boolean; name: string }) {
  for (let attempt = 0; attempt < 50; attempt++) {
    await subgraph.bus.publish(Topic.catalogModelChanged, event);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [row] = await sql('SELECT slug, is_active FROM observability.monitored_models WHERE id = $1', [event.id]);
    if (row && row.slug === event.slug && row.is_active === event.isActive) return;
  }
  throw new Error('the catalog change was never recorded');
}

describe('following catalog.modelChanged', () => {
  it('starts accepting probes for a model catalog adds, and stops when catalog deactivates it', async () => {
    const model = { id: randomUUID(), slug: `sync-${randomUUID().slice(0, 8)}`, providerId: randomUUID(), isActive: true, name: 'Sync Test' };
    expect((await subgraph.query<any>(REPORT_PROBES, { probes: [probe(model.id)] }, PROBE_AGENT)).errors?.[0]?.extensions?.field).toBe('probes[0].modelId');

    await publishUntilRecorded(model);
    expect((await subgraph.query<any>(REPORT_PROBES, { probes: [probe(model.id)] }, PROBE_AGENT)).data.reportStatusProbes.accepted).toBe(1);

    await publishUntilRecorded({ ...model, slug: `${model.slug}-renamed`, isActive: false });
    const rejected = await subgraph.query<any>(REPORT_PROBES, { probes: [probe(model.id, { location: 'later' })] }, PROBE_AGENT);
    expect(rejected.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'probes[0].modelId' });
  });

  it('ignores malformed events and keeps following', async () => {
    await subgraph.bus.publish(Topic.catalogModelChanged, { id: 'not-a-uuid', slug: 42 });
    const model = { id: randomUUID(), slug: `sync-${randomUUID().slice(0, 8)}`, providerId: randomUUID(), isActive: true, name: 'After a bad event' };
    await publishUntilRecorded(model);
  });
});

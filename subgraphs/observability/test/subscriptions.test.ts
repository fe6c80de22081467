/**
 * Live subscriptions, served by the subgraph over graphql-ws as the gateway consumes them: the
 * identity signed in the connection parameters, events carrying the entity keys the gateway
 * needs, filters applied here. Two replicas share events through Redis.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import type { Client } from 'graphql-ws';
import { observability } from '../src/subgraph.js';
import { Topic } from '../src/topics.js';
import { PROBE_AGENT, REPORT_PROBES, STATUS_EDITOR, collect, freshModels, probe, quietFor, wsClient } from './support.js';

const STATUS_FEED = `subscription ($modelIds: [ID!], $regions: [String!]) {
  modelStatusChanged(modelIds: $modelIds, regions: $regions) { region availability latencyP95 errorRate updatedAt model { id } }
}`;
const INCIDENT_FEED = `subscription ($severities: [IncidentSeverity!]) {
  incidentChanged(severities: $severities) { id severity status title startedAt resolvedAt model { id } provider { id } updates { status } }
}`;

let ingest: TestSubgraph;
let serve: TestSubgraph;
let client: Client;
beforeAll(async () => {
  // Two replicas, each with its own connection to Redis: probes reach one, subscribers the other.
  [ingest, serve] = await Promise.all([startTestSubgraph(observability), startTestSubgraph(observability)]);
  client = await wsClient(serve.url);
});
afterAll(async () => {
  await client.dispose();
  await Promise.all([ingest.stop(), serve.stop()]);
});

/** A status event for `modelId` straight onto the bus, to learn when a subscription is live. */
const statusSentinel = (modelId: string, region = 'us-east') => () =>
  ingest.bus.publish(Topic.modelStatusChanged, { modelId, region, availability: 0, latencyP50: null, latencyP95: null, latencyP99: null, errorRate: 0, requestsPerMinute: null, tokensPerMinute: null, probeCount: 1, updatedAt: new Date().toISOString() });

describe('modelStatusChanged', () => {
  it('delivers the new status of probes reported to another replica, with the model key', async () => {
    const [modelId] = (await freshModels(1)) as [string];
    const feed = collect(client, STATUS_FEED, { modelIds: [modelId] });
    await feed.ready(statusSentinel(modelId));
    await ingest.query(REPORT_PROBES, { probes: [probe(modelId, { region: 'eu-west', availability: 97.5, latencyP95: 800, latencyP99: 900, errorRate: 2.5 })] }, PROBE_AGENT);
    const [event] = await feed.next(1);
    expect(event.modelStatusChanged).toMatchObject({ region: 'eu-west', availability: 97.5, latencyP95: 800, errorRate: 2.5, model: { id: modelId } });
    expect(Date.parse(event.modelStatusChanged.updatedAt)).not.toBeNaN();
    feed.dispose();
  });

  it('sends one event per model and region of a batch, filtered by model and region', async () => {
    const [watched, other] = (await freshModels(2)) as [string, string];
    const feed = collect(client, STATUS_FEED, { modelIds: [watched.toUpperCase()], regions: ['us-east', 'asia-east'] });
    await feed.ready(statusSentinel(watched));
    await ingest.query(
      REPORT_PROBES,
      {
        probes: [
          probe(watched, { region: 'us-east' }),
          probe(watched, { region: 'us-east', location: 'agent-b' }),
          probe(watched, { region: 'asia-east' }),
          probe(watched, { region: 'eu-west' }),
          probe(other, { region: 'us-east' }),
        ],
      },
      PROBE_AGENT,
    );
    const events = await feed.next(2);
    await quietFor();
    expect(feed.events).toHaveLength(2);
    expect(events.map((e) => e.modelStatusChanged.region).sort()).toEqual(['asia-east', 'us-east']);
    expect(events.every((e) => e.modelStatusChanged.model.id === watched)).toBe(true);
    feed.dispose();
  });

  it('stays silent for duplicates', async () => {
    const [modelId] = (await freshModels(1)) as [string];
    const sent = probe(modelId);
    await ingest.query(REPORT_PROBES, { probes: [sent] }, PROBE_AGENT);
    const feed = collect(client, STATUS_FEED, { modelIds: [modelId] });
    await feed.ready(statusSentinel(modelId));
    await ingest.query(REPORT_PROBES, { probes: [sent] }, PROBE_AGENT);
    await quietFor();
    expect(feed.events).toHaveLength(0);
    feed.dispose();
  });
});

describe('incidentChanged', () => {
  const OPEN = 'mutation ($input: OpenIncidentInput!) { openIncident(input: $input) { id } }';
  const UPDATE = 'mutation ($id: ID!, $status: IncidentStatus!) { updateIncident(id: $id, status: $status) { id } }';
  const incidentSentinel = (severity: 'minor' | 'critical') => () =>
    ingest.bus.publish(Topic.incidentChanged, {
      id: randomUUID(), modelId: null, providerId: randomUUID(), regions: [], severity: severity.toUpperCase(), status: 'INVESTIGATING', title: 'sentinel',
      description: null, impactDescription: null, startedAt: new Date().toISOString(), identifiedAt: null, monitoringAt: null, resolvedAt: null,
      postmortemUrl: null, metadata: {}, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(),
    });

  it('delivers opened and updated incidents of the chosen severities, with model and provider keys', async () => {
    const providerId = randomUUID();
    const [modelId] = (await freshModels(1, providerId)) as [string];
    const feed = collect(client, INCIDENT_FEED, { severities: ['CRITICAL'] });
    await feed.ready(incidentSentinel('critical'));

    await ingest.query(OPEN, { input: { modelId, severity: 'MINOR', title: 'Slow' } }, STATUS_EDITOR);
    const opened = await ingest.query<any>(OPEN, { input: { modelId, severity: 'CRITICAL', title: 'Down' } }, STATUS_EDITOR);
    const id = opened.data.openIncident.id;
    await ingest.query(UPDATE, { id, status: 'RESOLVED' }, STATUS_EDITOR);

    const [open, resolved] = await feed.next(2);
    await quietFor();
    expect(feed.events).toHaveLength(2);
    expect(open.incidentChanged).toMatchObject({ id, severity: 'CRITICAL', status: 'INVESTIGATING', title: 'Down', resolvedAt: null, model: { id: modelId }, provider: { id: providerId } });
    expect(resolved.incidentChanged).toMatchObject({ id, status: 'RESOLVED', model: { id: modelId } });
    expect(Date.parse(resolved.incidentChanged.resolvedAt)).not.toBeNaN();
    // Each event is resolved afresh, not from the first event's DataLoader cache.
    expect(resolved.incidentChanged.updates.map((u: any) => u.status)).toEqual(['INVESTIGATING', 'RESOLVED']);
    feed.dispose();
  });

  it('publishes nothing for a change that was rolled back', async () => {
    const feed = collect(client, INCIDENT_FEED, {});
    await feed.ready(incidentSentinel('minor'));
    const res = await ingest.query<any>(OPEN, { input: { modelId: randomUUID(), severity: 'MINOR', title: 'Unknown model' } }, STATUS_EDITOR);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await quietFor();
    expect(feed.events).toHaveLength(0);
    feed.dispose();
  });
});

describe('connections', () => {
  it('are refused without a signed identity', async () => {
    const { createClient } = await import('graphql-ws');
    const { default: WebSocket } = await import('ws');
    const unsigned = createClient({ url: serve.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    const closed = await new Promise<{ code: number }>((resolve) => {
      unsigned.subscribe({ query: STATUS_FEED }, { next: () => {}, complete: () => {}, error: (error) => resolve(error as { code: number }) });
    });
    expect(closed.code).toBe(4403);
    await unsigned.dispose();
  });
});

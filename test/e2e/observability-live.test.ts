/**
 * The live contract through the gateway: StatusFeed and IncidentFeed, fed by ReportProbes and
 * IncidentLifecycle sent as the demo admin, each event carrying catalog's fields.
 *
 * Needs the gateway's authentication (tenancy seeds the demo admin key) and its subscription
 * execution; a graph without them skips this file.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { bootGraph, contractOperation, seedSecrets, type TestGraph } from '../support/graph.js';

const adminKey = seedSecrets().demoAdminKey;
const describeLive = adminKey ? describe : describe.skip;

let graph: TestGraph;
let client: Client;
beforeAll(async () => {
  if (!adminKey) return;
  graph = await bootGraph();
  client = createClient({ url: graph.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
});
afterAll(async () => {
  await client?.dispose();
  await graph?.stop();
});

/** Sends one operation (named, when its contract file holds several) as the demo admin. */
async function asAdmin(file: string, variables: Record<string, unknown>, operationName?: string) {
  const response = await fetch(graph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
    body: JSON.stringify({ query: contractOperation(file), variables, ...(operationName ? { operationName } : {}) }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

/** Subscribes through the gateway (as an anonymous client: status and incidents are public). */
function feed(file: string, variables: Record<string, unknown>) {
  const events: any[] = [];
  const dispose = client.subscribe({ query: contractOperation(file), variables }, { next: (value) => void events.push(value), error: (error) => void events.push({ error }), complete: () => {} });
  const waitFor = async (accept: (event: any) => boolean, timeoutMs: number) => {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
      const event = events.find(accept);
      if (event) return event;
    }
    return undefined;
  };
  return {
    dispose,
    waitFor: async (accept: (event: any) => boolean) => (await waitFor(accept, 10_000)) ?? Promise.reject(new Error(`no such event: ${JSON.stringify(events)}`)),
    /** Repeats `act` until an event arrives: the subscription goes live upstream asynchronously. */
    async liveAfter(act: () => Promise<unknown>): Promise<any> {
      for (let attempt = 0; attempt < 20; attempt++) {
        await act();
        const event = await waitFor(() => true, 500);
        if (event) return event;
      }
      throw new Error(`no event: ${JSON.stringify(events)}`);
    },
  };
}

describeLive('live status and incidents through the gateway', () => {
  it('StatusFeed delivers probes reported through the gateway, with the model’s catalog fields', async () => {
    const { model } = (await graph.query<any>('{ model(slug: "gpt-4o") { id } }')).data!;
    const status = feed('StatusFeed', { modelIds: [model.id], regions: ['eu-west'] });
    let minute = 0;
    const report = () =>
      asAdmin('ReportProbes', {
        probes: [{ modelId: model.id, region: 'eu-west', location: 'e2e-live', time: new Date(Date.now() - 60_000 * minute++).toISOString(), availability: 88.5, latencyP95: 200, errorRate: 11.5 }],
      });
    const event = await status.liveAfter(report);
    status.dispose();
    expect(event.data.modelStatusChanged).toMatchObject({ region: 'eu-west', model: { id: model.id, slug: 'gpt-4o', name: 'GPT-4o' } });
  });

  it('IncidentFeed delivers opened and resolved incidents of the chosen severity, with model and provider', async () => {
    const { model } = (await graph.query<any>('{ model(slug: "gpt-4o") { id } }')).data!;
    const incidents = feed('IncidentFeed', { severities: ['CRITICAL'] });
    const opened: string[] = [];
    const open = async () => opened.push((await asAdmin('IncidentLifecycle', { input: { modelId: model.id, severity: 'CRITICAL', title: 'e2e live outage' } }, 'OpenIncident')).openIncident.id);
    try {
      const first = await incidents.liveAfter(open);
      expect(first.data.incidentChanged).toMatchObject({ severity: 'CRITICAL', status: 'INVESTIGATING', resolvedAt: null, model: { slug: 'gpt-4o', provider: { slug: 'openai', name: 'OpenAI' } } });
      const id = first.data.incidentChanged.id;
      await asAdmin('IncidentLifecycle', { id, status: 'RESOLVED', note: 'Recovered' }, 'UpdateIncident');
      const resolved = await incidents.waitFor((event) => event.data?.incidentChanged?.id === id && event.data.incidentChanged.status === 'RESOLVED');
      expect(Date.parse(resolved.data.incidentChanged.resolvedAt)).not.toBeNaN();
    } finally {
      incidents.dispose();
      // Leave no open incident behind (more than one opens when the feed took a moment to go
      // live); the one resolved above answers BAD_USER_INPUT, which is fine.
      for (const id of opened) await graph.query('mutation ($id: ID!) { updateIncident(id: $id, status: RESOLVED) { id } }', { id }, { token: adminKey! });
    }
  });
});

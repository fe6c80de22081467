/**
 * Observability's writes through the gateway. The gateway authenticates nobody yet (every caller
 * is anonymous), so the contract's mutations must answer UNAUTHENTICATED and write nothing; the
 * authorized paths are tested against the subgraph (subgraphs/observability/test).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bootGraph, contractOperation, type TestGraph } from '../support/graph.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await bootGraph();
});
afterAll(() => graph.stop());

/** Sends one named operation of a contract file that holds several. */
async function operation(file: string, operationName: string, variables: Record<string, unknown>) {
  const response = await fetch(graph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: contractOperation(file), operationName, variables }),
  });
  return (await response.json()) as { data?: any; errors?: Array<{ extensions?: Record<string, any> }> };
}

async function modelId(slug: string): Promise<string> {
  return (await graph.query<any>('query ($slug: String!) { model(slug: $slug) { id } }', { slug })).data.model.id;
}

describe('ReportProbes (contract)', () => {
  it('answers UNAUTHENTICATED to anonymous callers and stores nothing', async () => {
    const probe = { modelId: await modelId('gpt-4o'), region: 'us-east', location: 'e2e', time: new Date().toISOString(), availability: 99, errorRate: 1 };
    const res = await graph.query<any>(contractOperation('ReportProbes'), { probes: [probe] });
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('still validates the input shape first (BAD_USER_INPUT for a malformed probe)', async () => {
    const res = await graph.query<any>(contractOperation('ReportProbes'), { probes: [{ modelId: 'x', region: 'us-east' }] });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('IncidentLifecycle (contract)', () => {
  it('answers UNAUTHENTICATED to anonymous callers for both operations', async () => {
    const open = await operation('IncidentLifecycle', 'OpenIncident', { input: { modelId: await modelId('gpt-4o'), severity: 'MINOR', title: 'e2e' } });
    expect(open.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const incidents = await graph.query<any>('{ incidents(filter: { open: true }, first: 1) { edges { node { id } } } }');
    const id = incidents.data.incidents.edges[0].node.id;
    const update = await operation('IncidentLifecycle', 'UpdateIncident', { id, status: 'RESOLVED' });
    expect(update.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const after = await graph.query<any>('query ($id: ID!) { incident(id: $id) { status } }', { id });
    expect(after.data.incident.status).not.toBe('RESOLVED');
  });

  it('rejects an unknown status with BAD_USER_INPUT', async () => {
    const res = await operation('IncidentLifecycle', 'UpdateIncident', { id: '00000000-0000-4000-8000-000000000000', status: 'REOPENED' });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('admin-only reads', () => {
  it('answer UNAUTHENTICATED to anonymous callers', async () => {
    const res = await graph.query<any>('{ databaseHealth { connections { database } } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

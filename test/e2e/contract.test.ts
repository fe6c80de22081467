/**
 * The public contract (test/contract, a copy of the shared contract): every operation is valid
 * against the running graph, and the HTTP ones answer with the demo seed's real data, walking
 * several subgraphs in one request.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildClientSchema, getIntrospectionQuery, parse, validate, type GraphQLSchema } from 'graphql';
import { bootGraph, contractOperation, seedSecrets, type TestGraph } from '../support/graph.js';

const CONTRACT_DIR = new URL('../contract/', import.meta.url);
/** The team's shared copy, when this checkout sits beside it. */
const SHARED_CONTRACT_DIR = new URL('../../../shared/contract/', import.meta.url);
const operations = readdirSync(CONTRACT_DIR).filter((f) => f.endsWith('.graphql')).sort();

let graph: TestGraph;
let schema: GraphQLSchema;
const admin = { token: seedSecrets().demoAdminKey! };

beforeAll(async () => {
  graph = await bootGraph();
  schema = buildClientSchema((await graph.query(getIntrospectionQuery())).data as never);
});
afterAll(() => graph.stop());

describe('the contract', () => {
  (existsSync(SHARED_CONTRACT_DIR) ? it : it.skip)('is the shared contract, unchanged', () => {
    const shared = readdirSync(SHARED_CONTRACT_DIR).filter((f) => f.endsWith('.graphql')).sort();
    expect(operations).toEqual(shared);
    for (const file of shared) expect([file, readFileSync(new URL(file, CONTRACT_DIR), 'utf8')]).toEqual([file, readFileSync(new URL(file, SHARED_CONTRACT_DIR), 'utf8')]);
  });

  it.each(operations)('%s is valid against the running graph', (file) => {
    expect(validate(schema, parse(readFileSync(new URL(file, CONTRACT_DIR), 'utf8'))).map((e) => e.message)).toEqual([]);
  });
});

describe('answers with seeded data', () => {
  it('UserOverview: one user across tenancy, media, agent and fsm', async () => {
    // A field operator: they have service projects (fsm) besides their media and LLM requests.
    const projects = await graph.query<any>('{ serviceProjects(first: 1) { edges { node { responsibleOperator { id } } } } }', {}, admin);
    const userId = projects.data.serviceProjects.edges[0].node.responsibleOperator.id;
    const res = await graph.query<any>(contractOperation('UserOverview'), { id: userId }, admin);
    expect(res.errors).toBeUndefined();
    const user = res.data.user;
    expect(user.email).toMatch(/@(acme|globex)\.example$/);
    expect(user.displayName).toMatch(/^\S+ \S+/);
    expect(user.organizations.map((o: any) => o.slug)).toEqual(expect.arrayContaining([expect.stringMatching(/^(acme|globex)$/)]));
    expect(user.mediaFiles.totalCount).toBeGreaterThan(0);
    expect(user.mediaFiles.edges[0].node).toMatchObject({ filename: expect.any(String), fileType: expect.stringMatching(/^(IMAGE|VIDEO)$/) });
    expect(user.llmRequests.totalCount).toBeGreaterThan(0);
    expect(user.serviceProjects.length).toBeGreaterThan(0);
    expect(user.serviceProjects[0]).toMatchObject({ projectName: expect.any(String), status: expect.any(String) });
  });

  it('ServiceOrders: Spanish orders with their store, business unit, sales system and operator', async () => {
    const res = await graph.query<any>(contractOperation('ServiceOrders'), { country: 'ES', first: 20 }, admin);
    expect(res.errors).toBeUndefined();
    const { totalCount, edges } = res.data.serviceOrders;
    expect(totalCount).toBeGreaterThan(20);
    expect(edges).toHaveLength(20);
    for (const { node } of edges) {
      expect(node.businessUnit.code).toMatch(/_ES$/);
      expect(node.store.name).toBeTruthy();
      expect(['PYXIS', 'TEMPO', 'SAP_COMMERCE']).toContain(node.salesSystem.code);
    }
    // The operator's email comes from tenancy, through the gateway.
    const withOperator = edges.find((e: any) => e.node.project?.responsibleOperator);
    expect(withOperator.node.project.responsibleOperator.email).toMatch(/@(acme|globex)\.example$/);
  });

  it('models with their provider and open incidents, across catalog and observability, even anonymously', async () => {
    const res = await graph.query<any>('{ models(first: 100) { totalCount edges { node { id slug name provider { name } openIncidents { id severity } } } } }');
    expect(res.errors).toBeUndefined();
    const bySlug = new Map(res.data.models.edges.map((e: any) => [e.node.slug, e.node]));
    expect(bySlug.get('gpt-4o')).toMatchObject({ name: 'GPT-4o', provider: { name: 'OpenAI' } });
    expect((bySlug.get('gpt-4o') as any).openIncidents.length).toBeGreaterThan(0);
  });

  it('ModelDirectory: the dashboard page, with live status', async () => {
    const res = await graph.query<any>(contractOperation('ModelDirectory'), { first: 20, region: 'us-east' });
    expect(res.errors).toBeUndefined();
    const nodes = res.data.models.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(20);
    expect(nodes.some((n: any) => n.pricing.length > 0 && n.status.length > 0 && n.latestBenchmarks.length > 0)).toBe(true);
  });

  it('StatusSeries: five-minute buckets for the last hours', async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 3 * 3600_000);
    const res = await graph.query<any>(contractOperation('StatusSeries'), { modelSlug: 'gpt-4o', from: from.toISOString(), to: to.toISOString() });
    expect(res.errors).toBeUndefined();
    expect(res.data.model.statusSeries.length).toBeGreaterThan(10);
    expect(res.data.model.statusSeries[0]).toMatchObject({ probeCount: expect.any(Number), avgAvailability: expect.any(Number) });
  });
});

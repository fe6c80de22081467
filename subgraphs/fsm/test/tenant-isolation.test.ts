/**
 * Row-level security, end to end: two members of two organizations each see their own
 * organization's field service data and nothing of the other's, through every way the graph
 * reaches it; anonymous callers see none of it; admins see all of it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ANONYMOUS, type Identity } from '@sixfold/kit';
import { ADMIN, startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { fsm } from '../src/subgraph.js';
import { memberOf, nodes, rows, seededTenants, type Tenant } from './support.js';

let subgraph: TestSubgraph;
let a: Tenant;
let b: Tenant;
let memberA: Identity;
let memberB: Identity;
beforeAll(async () => {
  subgraph = await startTestSubgraph(fsm);
  [a, b] = await seededTenants();
  memberA = memberOf(a);
  memberB = memberOf(b);
});
afterAll(() => subgraph.stop());

const ask = async (query: string, variables: Record<string, unknown>, identity: Identity) => {
  const res = await subgraph.query<any>(query, variables, identity);
  expect(res.errors).toBeUndefined();
  return res.data;
};

/** Every list of tenant data, with the path from a row to what says whose it is. */
const LISTS: Array<{ field: string; selection: string; owner: (node: any) => string; connection?: boolean }> = [
  { field: 'serviceOrders', selection: 'businessUnit { id }', owner: (n) => n.businessUnit.id },
  { field: 'businessUnits', selection: 'id', owner: (n) => n.id },
  { field: 'stores', selection: 'businessUnit { id }', owner: (n) => n.businessUnit.id },
  { field: 'serviceProjects', selection: 'businessUnit { id }', owner: (n) => n.businessUnit.id },
  { field: 'projectOwnershipHistory', selection: 'project { businessUnit { id } }', owner: (n) => n.project.businessUnit.id },
  { field: 'salesChannelConfigurations', selection: 'businessUnit { id }', owner: (n) => n.businessUnit.id },
  { field: 'integrationEvents', selection: 'businessUnit { id }', owner: (n) => n.businessUnit.id },
  { field: 'operatorWorkloads', selection: 'organizationId', owner: (n) => n.organizationId },
  { field: 'salesPreEstimations', selection: 'businessUnit { id }', owner: (n) => n.businessUnit.id },
  { field: 'riskAssessments', selection: 'serviceOrder { businessUnit { id } }', owner: (n) => n.serviceOrder.businessUnit.id },
  { field: 'salesPotentialAssessments', selection: 'serviceOrder { businessUnit { id } }', owner: (n) => n.serviceOrder.businessUnit.id },
];
const owns = (tenant: Tenant, owner: string) => owner === tenant.organizationId || tenant.businessUnitIds.includes(owner);

describe.each(LISTS.map((l) => [l.field, l] as const))('%s', (_field, list) => {
  const query = `{ ${list.field}(first: 100) { totalCount edges { node { ${list.selection} } } } }`;

  it("shows each member only their organization's rows, anonymous none, admins all", async () => {
    const [ofA, ofB, ofAnonymous, ofAdmin] = await Promise.all([memberA, memberB, ANONYMOUS, ADMIN].map((identity) => ask(query, {}, identity)));
    const connection = (data: any) => data[list.field];
    expect(connection(ofA).totalCount).toBeGreaterThan(0);
    expect(connection(ofB).totalCount).toBeGreaterThan(0);
    expect(nodes(connection(ofA)).every((n) => owns(a, list.owner(n)))).toBe(true);
    expect(nodes(connection(ofB)).every((n) => owns(b, list.owner(n)))).toBe(true);
    expect(connection(ofAnonymous)).toEqual({ totalCount: 0, edges: [] });
    expect(connection(ofAdmin).totalCount).toBeGreaterThanOrEqual(connection(ofA).totalCount + connection(ofB).totalCount);
  });
});

describe('aggregates and nested lists', () => {
  it('channel performance counts only the caller’s orders', async () => {
    const query = '{ salesChannelPerformance(filter: { orderedAfter: "2000-01-01T00:00:00Z" }) { orderCount businessUnit { id } } }';
    const [ofA, ofB, ofAnonymous] = await Promise.all([memberA, memberB, ANONYMOUS].map((identity) => ask(query, {}, identity)));
    expect(ofA.salesChannelPerformance.every((r: any) => owns(a, r.businessUnit.id))).toBe(true);
    expect(ofB.salesChannelPerformance.every((r: any) => owns(b, r.businessUnit.id))).toBe(true);
    expect(ofAnonymous.salesChannelPerformance).toEqual([]);
    const [ordersOfA] = await rows<{ n: number }>('SELECT count(*)::int AS n FROM fsm.service_orders WHERE organization_id = $1', [a.organizationId]);
    expect(ofA.salesChannelPerformance.reduce((n: number, r: any) => n + r.orderCount, 0)).toBe(ordersOfA!.n);
  });

  it("a country's business units are the caller's", async () => {
    const query = '{ countries { code businessUnits { id } } }';
    const [ofA, ofB, ofAnonymous] = await Promise.all([memberA, memberB, ANONYMOUS].map((identity) => ask(query, {}, identity)));
    const units = (data: any) => data.countries.flatMap((c: any) => c.businessUnits.map((u: any) => u.id));
    expect(units(ofA).sort()).toEqual([...a.businessUnitIds].sort());
    expect(units(ofB).sort()).toEqual([...b.businessUnitIds].sort());
    expect(units(ofAnonymous)).toEqual([]);
  });
});

describe("another organization's rows", () => {
  let ofB: { order: any; project: any; unit: any; store: any; preEstimation: any; salesOrderRef: any; operatorId: string };
  beforeAll(async () => {
    const data = await ask(
      `{ serviceOrders(first: 1, filter: { hasProject: true }) { edges { node { id externalReferences { systemSource referenceType referenceId } project { id } businessUnit { id code } store { id } } } }
         salesPreEstimations(first: 1) { edges { node { id } } } }`,
      {},
      memberB,
    );
    const order = nodes<any>(data.serviceOrders)[0];
    ofB = {
      order,
      project: order.project,
      unit: order.businessUnit,
      store: order.store,
      preEstimation: nodes<any>(data.salesPreEstimations)[0],
      salesOrderRef: order.externalReferences.find((r: any) => r.referenceType === 'SALES_ORDER'),
      operatorId: b.operatorIds[0]!,
    };
  });

  it('are not found by id or code', async () => {
    const query = `query ($order: ID!, $project: ID!, $unit: ID, $code: String, $store: ID!, $estimate: ID!) {
      serviceOrder(id: $order) { id } serviceProject(id: $project) { id } businessUnit(id: $unit) { id } byCode: businessUnit(code: $code) { id }
      store(id: $store) { id } salesPreEstimation(id: $estimate) { id } }`;
    const variables = { order: ofB.order.id, project: ofB.project.id, unit: ofB.unit.id, code: ofB.unit.code, store: ofB.store.id, estimate: ofB.preEstimation.id };
    const seenByB = await ask(query, variables, memberB);
    expect(Object.values(seenByB).every((v) => v !== null)).toBe(true);
    for (const stranger of [memberA, ANONYMOUS]) {
      const seen = await ask(query, variables, stranger);
      expect(seen).toEqual({ serviceOrder: null, serviceProject: null, businessUnit: null, byCode: null, store: null, salesPreEstimation: null });
    }
  });

  it('resolve to null as entity references (what the gateway asks for)', async () => {
    const representations = [
      { __typename: 'ServiceOrder', id: ofB.order.id },
      { __typename: 'ServiceProject', id: ofB.project.id },
      { __typename: 'BusinessUnit', id: ofB.unit.id },
      { __typename: 'Store', id: ofB.store.id },
    ];
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on ServiceOrder { id } ... on ServiceProject { id } ... on BusinessUnit { id } ... on Store { id } } }';
    expect((await ask(query, { r: representations }, memberB))._entities.every((e: any) => e !== null)).toBe(true);
    expect((await ask(query, { r: representations }, memberA))._entities).toEqual([null, null, null, null]);
    expect((await ask(query, { r: representations }, ANONYMOUS))._entities).toEqual([null, null, null, null]);
  });

  it("leave a user's projects and workload empty (User.serviceProjects, User.serviceWorkload)", async () => {
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { serviceProjects { id } serviceWorkload { totalProjects } } } }';
    const r = [{ __typename: 'User', id: ofB.operatorId }];
    const ownView = (await ask(query, { r }, memberB))._entities[0];
    expect(ownView.serviceProjects.length).toBeGreaterThan(0);
    expect(ownView.serviceWorkload).toHaveLength(1);
    for (const stranger of [memberA, ANONYMOUS]) expect((await ask(query, { r }, stranger))._entities[0]).toEqual({ serviceProjects: [], serviceWorkload: [] });
  });

  it('are not found through their external references', async () => {
    const query = 'query ($s: String!, $id: String!) { externalReferences(systemSource: $s, referenceType: SALES_ORDER, referenceId: $id) { entity { __typename } } }';
    const variables = { s: ofB.salesOrderRef.systemSource, id: ofB.salesOrderRef.referenceId };
    expect((await ask(query, variables, memberB)).externalReferences).toHaveLength(1);
    expect((await ask(query, variables, memberA)).externalReferences).toEqual([]);
    expect((await ask('query ($e: String!) { serviceOrders(filter: { externalSalesOrderId: $e }) { totalCount } }', { e: ofB.salesOrderRef.referenceId }, memberA)).serviceOrders.totalCount).toBe(0);
  });

  it('are filtered out of nested lists and filters that name them', async () => {
    expect((await ask('query ($u: ID) { serviceOrders(filter: { businessUnitId: $u }) { totalCount } }', { u: ofB.unit.id }, memberA)).serviceOrders.totalCount).toBe(0);
    expect((await ask('query ($p: ID) { projectOwnershipHistory(filter: { projectId: $p }) { totalCount } }', { p: ofB.project.id }, memberA)).projectOwnershipHistory.totalCount).toBe(0);
    expect((await ask('query ($o: ID) { operatorWorkloads(filter: { operatorId: $o }) { totalCount } }', { o: ofB.operatorId }, memberA)).operatorWorkloads.totalCount).toBe(0);
  });
});

describe('the database', () => {
  it('enables and forces row-level security on every table of the fsm schema', async () => {
    const tables = await rows<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; policies: number }>(`
      SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'fsm' AND c.relkind IN ('r', 'p') ORDER BY 1`);
    expect(tables.length).toBe(14);
    expect(tables.filter((t) => !t.relrowsecurity || !t.relforcerowsecurity || t.policies === 0)).toEqual([]);
  });

  it('lets the subgraph role read operator workload only through the filtering view', async () => {
    const denied = await rows<{ allowed: boolean }>("SELECT has_table_privilege('sixfold_fsm', 'fsm.operator_workload', 'SELECT') AS allowed");
    expect(denied[0]!.allowed).toBe(false);
    const viaView = await rows<{ allowed: boolean }>("SELECT has_table_privilege('sixfold_fsm', 'fsm.visible_operator_workload', 'SELECT') AS allowed");
    expect(viaView[0]!.allowed).toBe(true);
  });
});

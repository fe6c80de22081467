import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN, startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { fsm } from '../src/subgraph.js';
import { memberOf, nodes, rows, tenantOf, type Tenant } from './support.js';

let subgraph: TestSubgraph;
let tenant: Tenant;
beforeAll(async () => {
  subgraph = await startTestSubgraph(fsm);
  tenant = await tenantOf('LM_ES');
});
afterAll(() => subgraph.stop());

/** The contract operation (test/contract/ServiceOrders.graphql) as the subgraph sees it: User.email is tenancy's. */
const CONTRACT_AT_SUBGRAPH = `query ServiceOrders($country: String!, $first: Int = 20) {
  serviceOrders(filter: { countryCode: $country }, first: $first) {
    totalCount
    edges { node {
      id salesOrderId salesChannel status scheduledDate riskLevel salesPotential
      store { id name } businessUnit { id code name } salesSystem { id code name }
      project { id projectName responsibleOperator { id } }
    } }
  }
}`;

const ORDER_FIELDS = 'id countryCode salesChannel status scheduledDate orderDate riskLevel salesPotential serviceType priority riskScore';
const list = async (filter: Record<string, unknown>, extra = '', identity = ADMIN) => {
  const res = await subgraph.query<any>(`query ($filter: ServiceOrderFilter) { serviceOrders(filter: $filter, first: 100 ${extra}) { totalCount edges { node { ${ORDER_FIELDS} businessUnit { id } store { id } salesSystem { code } } } } }`, { filter }, identity);
  expect(res.errors).toBeUndefined();
  return { total: res.data.serviceOrders.totalCount as number, orders: nodes<any>(res.data.serviceOrders) };
};

describe('the ServiceOrders contract operation', () => {
  it('returns a member the orders of a country with their sales context', async () => {
    const res = await subgraph.query<any>(CONTRACT_AT_SUBGRAPH, { country: 'ES', first: 10 }, memberOf(tenant));
    expect(res.errors).toBeUndefined();
    const connection = res.data.serviceOrders;
    expect(connection.totalCount).toBeGreaterThan(10);
    expect(connection.edges).toHaveLength(10);
    for (const { node } of connection.edges) {
      expect(node).toMatchObject({
        salesOrderId: expect.any(String),
        salesChannel: expect.stringMatching(/^(IN_STORE|ONLINE|PHONE|PARTNER|B2B|MOBILE_APP)$/),
        riskLevel: expect.stringMatching(/^(LOW|MEDIUM|HIGH|CRITICAL)$/),
        salesPotential: expect.stringMatching(/^(LOW|MEDIUM|HIGH)$/),
        store: { id: expect.any(String), name: expect.any(String) },
        businessUnit: { code: expect.stringMatching(/_ES$/) },
        salesSystem: { code: expect.stringMatching(/^(PYXIS|TEMPO|SAP_COMMERCE)$/) },
      });
      if (node.scheduledDate) expect(node.scheduledDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(connection.edges.some((e: any) => e.node.project?.responsibleOperator?.id)).toBe(true);
  });

  it('costs the same number of statements for 5 orders as for 50', async () => {
    // Orders of one organization, which no other test changes meanwhile.
    const query = CONTRACT_AT_SUBGRAPH.replace('($country: String!, $first: Int = 20)', '($first: Int = 20)').replace('filter: { countryCode: $country }', 'filter: { hasProject: true }');
    subgraph.statements.reset();
    expect((await subgraph.query<any>(query, { first: 5 }, memberOf(tenant))).errors).toBeUndefined();
    const few = subgraph.statements.count();
    subgraph.statements.reset();
    const many = await subgraph.query<any>(query, { first: 50 }, memberOf(tenant));
    expect(many.data.serviceOrders.edges).toHaveLength(50);
    expect(subgraph.statements.count()).toBe(few);
  });
});

describe('every relation of a service order', () => {
  const SELECTION = `
    id country { code currency } currency orderValue allowedTransitions serviceAddress { city }
    store { id name address { city } businessUnit { code } }
    businessUnit { id code country { name } salesSystems { isPrimary salesSystem { code } } primarySalesSystem { code } salesChannelConfigurations { salesChannel } stores(first: 2) { totalCount edges { node { id } } } }
    salesSystem { id code name }
    project { id projectName responsibleOperator { id } businessUnit { code } serviceOrders(first: 3) { totalCount edges { node { id status } } } ownershipHistory(first: 2) { totalCount edges { node { changedAt newOperator { id } project { id } } } } externalReferences { referenceId } }
    salesPreEstimation { id estimatedValue salesSystem { code } businessUnit { code } serviceOrders { id } }
    latestRiskAssessment { riskLevel riskFactors { code } serviceOrder { id } }
    riskAssessments(first: 3) { totalCount edges { node { riskScore triggeredBy } } }
    latestSalesPotentialAssessment { potentialLevel serviceOrder { id } }
    salesPotentialAssessments(first: 2) { totalCount }
    integrationEvents(first: 3) { totalCount edges { node { eventType status salesSystem { code } businessUnit { code } serviceOrder { id } } } }
    externalReferences { systemSource referenceType referenceId entity { __typename ... on ServiceOrder { id } } }
    riskAcknowledgedBy { id }`;
  const entities = (ids: string[]) =>
    subgraph.query<any>(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on ServiceOrder { ${SELECTION} } } }`, { r: ids.map((id) => ({ __typename: 'ServiceOrder', id })) }, memberOf(tenant));

  it('costs the same number of statements for 5 orders as for 50 (resolved as entity references)', async () => {
    const listed = await subgraph.query<any>(
      `{ serviceOrders(first: 100, filter: { serviceType: [TV, QUOTATION, INSTALLATION] }) { edges { node { id project { id } salesPreEstimation { id } riskAcknowledgedBy { id } latestRiskAssessment { id } latestSalesPotentialAssessment { id } integrationEvents(first: 1) { totalCount } } } } }`,
      {},
      memberOf(tenant),
    );
    const orders = nodes<any>(listed.data.serviceOrders);
    // Five orders that between them have every optional relation, so both requests walk the same paths.
    const covering = [
      orders.find((o) => o.project),
      orders.find((o) => o.salesPreEstimation),
      orders.find((o) => o.riskAcknowledgedBy),
      orders.find((o) => o.latestRiskAssessment),
      orders.find((o) => o.latestSalesPotentialAssessment && o.integrationEvents.totalCount > 0),
    ].map((o) => {
      expect(o).toBeDefined();
      return o.id as string;
    });
    const fifty = [...new Set([...covering, ...orders.map((o) => o.id as string)])].slice(0, 50);

    subgraph.statements.reset();
    const few = await entities(covering);
    expect(few.errors).toBeUndefined();
    const fewCount = subgraph.statements.count();
    subgraph.statements.reset();
    const many = await entities(fifty);
    expect(many.errors).toBeUndefined();
    expect(many.data._entities).toHaveLength(50);
    expect(subgraph.statements.count()).toBe(fewCount);
  });
});

describe('filters', () => {
  it('narrow by country, business unit, store and sales system (id or code)', async () => {
    const { orders: all } = await list({ countryCode: 'FR' });
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((o) => o.countryCode === 'FR')).toBe(true);

    const sample = all[0]!;
    const byUnit = await list({ businessUnitId: sample.businessUnit.id });
    expect(byUnit.orders.every((o) => o.businessUnit.id === sample.businessUnit.id)).toBe(true);
    const byStore = await list({ storeId: sample.store.id });
    expect(byStore.orders.length).toBeGreaterThan(0);
    expect(byStore.orders.every((o) => o.store.id === sample.store.id)).toBe(true);

    const pyxis = await list({ countryCode: 'ES', salesSystemCode: 'PYXIS', salesChannel: ['ONLINE'] });
    expect(pyxis.orders.every((o) => o.salesSystem.code === 'PYXIS' && o.salesChannel === 'ONLINE' && o.countryCode === 'ES')).toBe(true);
    expect((await list({ salesSystemCode: 'NO_SUCH_SYSTEM' })).total).toBe(0);
  });

  it('narrow by status, risk level, sales potential, service type and priority (any of the listed values)', async () => {
    const { orders } = await list({ status: ['SCHEDULED', 'DISPATCHED'], riskLevel: ['LOW', 'MEDIUM'] });
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((o) => ['SCHEDULED', 'DISPATCHED'].includes(o.status) && ['LOW', 'MEDIUM'].includes(o.riskLevel))).toBe(true);
    const leads = await list({ serviceType: ['TV', 'QUOTATION'], salesPotential: ['HIGH'] });
    expect(leads.orders.length).toBeGreaterThan(0);
    expect(leads.orders.every((o) => ['TV', 'QUOTATION'].includes(o.serviceType) && o.salesPotential === 'HIGH')).toBe(true);
    const urgent = await list({ priority: 'P1' });
    expect(urgent.orders.every((o) => o.priority === 'P1')).toBe(true);
  });

  it('narrow by scheduled day range and order date', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const { orders } = await list({ scheduledFrom: today, scheduledTo: inAWeek });
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((o) => o.scheduledDate >= today && o.scheduledDate <= inAWeek)).toBe(true);
    const since = new Date(Date.now() - 5 * 86_400_000).toISOString();
    const recent = await list({ orderedAfter: since });
    expect(recent.orders.every((o) => o.orderDate >= since)).toBe(true);
  });

  it('finds an order by its external sales-system references', async () => {
    const { orders } = await list({ countryCode: 'IT' });
    const res = await subgraph.query<any>(`query ($id: ID!) { serviceOrder(id: $id) { externalSystemSource externalSalesOrderId } }`, { id: orders[0]!.id }, ADMIN);
    const { externalSystemSource, externalSalesOrderId } = res.data.serviceOrder;
    const found = await list({ externalSystemSource, externalSalesOrderId });
    expect(found.orders.map((o) => o.id)).toContain(orders[0]!.id);
  });

  it('finds an order and its project by ids written in upper case', async () => {
    const [order] = await rows<{ id: string; project_id: string }>('SELECT id::text, project_id::text FROM fsm.service_orders WHERE project_id IS NOT NULL ORDER BY id LIMIT 1');
    const res = await subgraph.query<any>('query ($o: ID!, $p: ID!) { serviceOrder(id: $o) { id } serviceProject(id: $p) { id } }', { o: order!.id.toUpperCase(), p: order!.project_id.toUpperCase() }, ADMIN);
    expect(res.data).toEqual({ serviceOrder: { id: order!.id }, serviceProject: { id: order!.project_id } });
  });

  it('find unacknowledged high risks', async () => {
    const res = await subgraph.query<any>('{ serviceOrders(filter: { unacknowledgedRisk: true }, first: 100) { totalCount edges { node { riskLevel riskAcknowledgedAt } } } }', {}, ADMIN);
    expect(res.data.serviceOrders.totalCount).toBeGreaterThan(0);
    for (const { node } of res.data.serviceOrders.edges) {
      expect(['HIGH', 'CRITICAL']).toContain(node.riskLevel);
      expect(node.riskAcknowledgedAt).toBeNull();
    }
  });

  it('answer malformed values with BAD_USER_INPUT naming the field', async () => {
    const badId = await subgraph.query<any>('{ serviceOrders(filter: { businessUnitId: "nope" }) { totalCount } }', {}, ADMIN);
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.businessUnitId' });
    const badCountry = await subgraph.query<any>('{ serviceOrders(filter: { countryCode: "spain" }) { totalCount } }', {}, ADMIN);
    expect(badCountry.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.countryCode' });
    const tooMany = await subgraph.query<any>('{ serviceOrders(first: 101) { totalCount } }', {}, ADMIN);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badLookup = await subgraph.query<any>('{ serviceOrder(id: "123") { id } }', {}, ADMIN);
    expect(badLookup.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('pagination and order', () => {
  it('walks every order exactly once, page after page', async () => {
    const filter = { countryCode: 'PT' };
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let pages = 0; pages < 20; pages++) {
      const res: any = await subgraph.query<any>(
        'query ($filter: ServiceOrderFilter, $after: String) { serviceOrders(filter: $filter, first: 7, after: $after, orderBy: { field: SCHEDULED_DATE, direction: ASC }) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }',
        { filter, after },
        ADMIN,
      );
      expect(res.errors).toBeUndefined();
      total = res.data.serviceOrders.totalCount;
      seen.push(...nodes<any>(res.data.serviceOrders).map((o) => o.id));
      if (!res.data.serviceOrders.pageInfo.hasNextPage) break;
      after = res.data.serviceOrders.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('sorts by the requested field with undated orders last, ties broken by id', async () => {
    const { orders } = await list({ countryCode: 'ES' }, ', orderBy: { field: SCHEDULED_DATE, direction: DESC }');
    const dated = orders.filter((o) => o.scheduledDate);
    expect(orders.slice(0, dated.length).every((o) => o.scheduledDate)).toBe(true);
    expect(dated.map((o) => o.scheduledDate)).toEqual([...dated.map((o) => o.scheduledDate)].sort().reverse());
    const byRisk = await list({ riskLevel: ['HIGH', 'CRITICAL'] }, ', orderBy: { field: RISK_SCORE, direction: DESC }');
    const scores = byRisk.orders.map((o) => Number(o.riskScore));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});

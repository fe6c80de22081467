import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ANONYMOUS } from '@sixfold/kit';
import { ADMIN, startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { fsm } from '../src/subgraph.js';
import { memberOf, nodes, tenantOf, type Tenant } from './support.js';

let subgraph: TestSubgraph;
let tenant: Tenant;
beforeAll(async () => {
  subgraph = await startTestSubgraph(fsm);
  tenant = await tenantOf('LM_ES');
});
afterAll(() => subgraph.stop());

/**
 * Tests of other files change Brico Dépôt's organization's orders and projects while these run;
 * checks that compare related rows read the other organization's, which nothing changes.
 */
const unchanged = () => memberOf(tenant);

const ask = async (query: string, variables: Record<string, unknown> = {}, identity = ADMIN) => {
  const res = await subgraph.query<any>(query, variables, identity);
  expect(res.errors).toBeUndefined();
  return res.data;
};

describe('master data', () => {
  it('countries and sales systems are public, business units are not', async () => {
    const data = await ask('{ countries { code currency timezone } salesSystems { code supportedCountries } businessUnits { totalCount } }', {}, ANONYMOUS);
    expect(data.countries.map((c: any) => c.code)).toEqual(['ES', 'FR', 'IT', 'PL', 'PT']);
    expect(data.countries.find((c: any) => c.code === 'PL')).toMatchObject({ currency: 'PLN', timezone: 'Europe/Warsaw' });
    expect(data.salesSystems.map((s: any) => s.code)).toEqual(['PYXIS', 'SAP_COMMERCE', 'TEMPO']);
    expect(data.businessUnits.totalCount).toBe(0);
  });

  it('looks a sales system up by id or code, and refuses both or neither', async () => {
    const { salesSystem } = await ask('{ salesSystem(code: "PYXIS") { id code } }');
    expect((await ask('query ($id: ID) { salesSystem(id: $id) { code } }', { id: salesSystem.id })).salesSystem.code).toBe('PYXIS');
    const both = await subgraph.query<any>('{ salesSystem(id: "x", code: "PYXIS") { code } }');
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('business units', () => {
  it('come with their country, stores and sales systems (the primary first, then by priority)', async () => {
    const data = await ask(`{ businessUnits(filter: { countryCode: "ES" }) { totalCount edges { node {
      code name organizationId country { code } primarySalesSystem { code }
      salesSystems { isPrimary priority salesSystem { code } }
      stores(first: 2) { totalCount edges { node { storeCode name address { city countryCode } } } }
      salesChannelConfigurations { salesChannel slaP1Hours discountPercentage notificationLanguage }
    } } } }`);
    const units = nodes<any>(data.businessUnits);
    expect(units.map((u) => u.code).sort()).toEqual(['BD_ES', 'LM_ES']);
    for (const unit of units) {
      expect(unit.salesSystems[0]).toMatchObject({ isPrimary: true });
      expect(unit.salesSystems.map((s: any) => s.priority)).toEqual([...unit.salesSystems.map((s: any) => s.priority)].sort((a: number, b: number) => a - b));
      expect(unit.primarySalesSystem.code).toBe(unit.salesSystems[0].salesSystem.code);
      expect(unit.stores.edges).toHaveLength(2);
      expect(unit.stores.edges[0].node.address.countryCode).toBe('ES');
      expect(unit.salesChannelConfigurations[0].notificationLanguage).toBe('es-ES');
    }
    expect(units.find((u) => u.code === 'LM_ES').primarySalesSystem.code).toBe('PYXIS');
    expect(units.find((u) => u.code === 'BD_ES').primarySalesSystem.code).toBe('TEMPO');
  });

  it('are found by code, and stores by the words of their name or city', async () => {
    const { businessUnit } = await ask('{ businessUnit(code: "LM_FR") { id name country { name } } }');
    expect(businessUnit).toMatchObject({ name: 'Leroy Merlin France', country: { name: 'France' } });
    const { stores } = await ask('{ stores(filter: { search: "lyon" }) { totalCount edges { node { name address { city } } } } }');
    expect(stores.totalCount).toBeGreaterThan(0);
    expect(nodes<any>(stores).every((s) => s.address.city === 'Lyon')).toBe(true);
    const inPoland = await ask('{ stores(filter: { countryCode: "PL" }) { totalCount edges { node { businessUnit { code } } } } }');
    expect(nodes<any>(inPoland.stores).every((s) => s.businessUnit.code === 'LM_PL')).toBe(true);
  });

  it('combine store filters in one statement, sending no list of matches back to the database', async () => {
    const all = await ask('{ stores(filter: { countryCode: "FR" }, first: 100) { totalCount edges { node { id name isActive address { city } } } } }');
    const inLyon = nodes<any>(all.stores).filter((s) => s.address.city === 'Lyon' && s.isActive);
    expect(inLyon.length).toBeGreaterThan(0);
    subgraph.statements.reset();
    const { stores } = await ask('{ stores(filter: { countryCode: "FR", search: "lyon", activeOnly: true }, first: 1) { totalCount edges { node { id } } pageInfo { hasNextPage } } }');
    expect(stores.totalCount).toBe(inLyon.length);
    expect(stores.pageInfo.hasNextPage).toBe(inLyon.length > 1);
    expect(inLyon.map((s) => s.id)).toContain(nodes<any>(stores)[0].id);
    // Page and count, then the page's rows through the loader: no statement carries an id list.
    const statements = subgraph.statements.list().filter((q) => /stores/.test(q));
    expect(statements.length).toBeLessThanOrEqual(3);
    const elsewhere = await ask('{ stores(filter: { countryCode: "PL", search: "lyon" }) { totalCount edges { node { id } } } }');
    expect(elsewhere.stores).toEqual({ totalCount: 0, edges: [] });
  });

  it('have sales channel configurations to filter by channel', async () => {
    const { salesChannelConfigurations } = await ask('{ salesChannelConfigurations(filter: { salesChannel: ONLINE }, first: 50) { totalCount edges { node { salesChannel autoAssign businessUnit { code } } } } }');
    expect(salesChannelConfigurations.totalCount).toBe(8);
    expect(nodes<any>(salesChannelConfigurations).every((c) => c.salesChannel === 'ONLINE' && c.autoAssign)).toBe(true);
  });
});

describe('integration events', () => {
  it('filter by status and type, including failures that never became an order', async () => {
    const { integrationEvents } = await ask('{ integrationEvents(filter: { eventType: [SYNC_ERROR], status: [FAILURE, RETRY] }, first: 100) { totalCount edges { node { eventType status errorMessage retryCount serviceOrder { id } salesSystem { code } } } } }');
    const events = nodes<any>(integrationEvents);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.eventType === 'SYNC_ERROR' && ['FAILURE', 'RETRY'].includes(e.status) && e.errorMessage && e.retryCount > 0)).toBe(true);
    expect(events.some((e) => e.serviceOrder === null)).toBe(true);
  });

  it('of one order, most recent first', async () => {
    const data = await ask('{ serviceOrders(first: 1, filter: { status: [CANCELLED] }) { edges { node { id integrationEvents { totalCount edges { node { eventType createdAt } } } } } } }', {}, unchanged());
    const order = nodes<any>(data.serviceOrders)[0];
    const events = nodes<any>(order.integrationEvents);
    expect(events.map((e) => e.eventType)).toContain('ORDER_CANCELLED');
    expect(events.map((e) => e.createdAt)).toEqual([...events.map((e) => e.createdAt)].sort().reverse());
    const filtered = await ask('query ($id: ID) { integrationEvents(filter: { serviceOrderId: $id }) { totalCount } }', { id: order.id }, unchanged());
    expect(filtered.integrationEvents.totalCount).toBe(order.integrationEvents.totalCount);
  });
});

describe('projects and operators', () => {
  it('list with their responsible operator and ownership history', async () => {
    const { serviceProjects } = await ask(`{ serviceProjects(filter: { unassigned: false, status: [IN_PROGRESS] }, first: 50) { totalCount edges { node {
      id status assignmentMode responsibleOperator { id } ownershipHistory { totalCount edges { node { previousOperator { id } newOperator { id } changedBy reason } } }
    } } } }`, {}, unchanged());
    const projects = nodes<any>(serviceProjects);
    expect(projects.length).toBeGreaterThan(0);
    for (const project of projects) {
      expect(project.status).toBe('IN_PROGRESS');
      expect(project.responsibleOperator.id).toBeTruthy();
      // The latest change names the operator responsible now.
      expect(project.ownershipHistory.edges[0].node.newOperator.id).toBe(project.responsibleOperator.id);
    }
    const reassigned = projects.find((p) => p.ownershipHistory.totalCount > 1);
    expect(reassigned.ownershipHistory.edges[0].node.previousOperator.id).toBe(reassigned.ownershipHistory.edges[1].node.newOperator.id);
  });

  it("an operator's ownership changes, and their projects and workload as a User", async () => {
    const operatorId = tenant.operatorIds[0]!;
    const { projectOwnershipHistory } = await ask('query ($op: ID) { projectOwnershipHistory(filter: { operatorId: $op }, first: 100) { totalCount edges { node { previousOperator { id } newOperator { id } } } } }', { op: operatorId });
    expect(nodes<any>(projectOwnershipHistory).every((c) => c.previousOperator?.id === operatorId || c.newOperator?.id === operatorId)).toBe(true);

    const data = await ask(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id serviceProjects(first: 100) { id status responsibleOperator { id } } openOnly: serviceProjects(status: [PLANNED, IN_PROGRESS, ON_HOLD]) { status } serviceWorkload { organizationId totalProjects totalServiceOrders totalWorkloadMinutes totalWorkloadHours refreshedAt } } } }`,
      { r: [{ __typename: 'User', id: operatorId }] },
      memberOf(tenant),
    );
    const user = data._entities[0];
    expect(user.serviceProjects.length).toBeGreaterThan(0);
    expect(user.serviceProjects.every((p: any) => p.responsibleOperator.id === operatorId)).toBe(true);
    expect(user.openOnly.every((p: any) => ['PLANNED', 'IN_PROGRESS', 'ON_HOLD'].includes(p.status))).toBe(true);
    expect(user.serviceWorkload).toHaveLength(1);
    const [workload] = user.serviceWorkload;
    expect(workload.organizationId).toBe(tenant.organizationId);
    expect(workload.totalProjects).toBe(user.openOnly.length);
    expect(Number(workload.totalWorkloadHours)).toBeCloseTo(workload.totalWorkloadMinutes / 60, 1);
  });

  it('operator workloads, heaviest first', async () => {
    const { operatorWorkloads } = await ask('{ operatorWorkloads(first: 50) { totalCount edges { node { operator { id } organizationId totalWorkloadMinutes totalWorkloadHours } } } }');
    const rows = nodes<any>(operatorWorkloads);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.map((r) => r.totalWorkloadMinutes)).toEqual([...rows.map((r) => r.totalWorkloadMinutes)].sort((a, b) => b - a));
    const heavy = await ask('query ($h: Decimal) { operatorWorkloads(filter: { minWorkloadHours: $h }) { edges { node { totalWorkloadHours } } } }', { h: rows[0].totalWorkloadHours });
    expect(nodes<any>(heavy.operatorWorkloads).every((r) => Number(r.totalWorkloadHours) >= Number(rows[0].totalWorkloadHours))).toBe(true);
  });
});

describe('pre-estimations and assessments', () => {
  it('pre-estimations link to the orders that refer to them', async () => {
    const { salesPreEstimations } = await ask('{ salesPreEstimations(filter: { confidenceLevel: [HIGH] }, first: 5) { totalCount edges { node { id estimatedValue currency productCategories confidenceLevel salesSystem { code } serviceOrders { salesPreEstimationValue } } } } }');
    const estimates = nodes<any>(salesPreEstimations);
    expect(estimates.length).toBeGreaterThan(0);
    for (const estimate of estimates) {
      expect(estimate.estimatedValue).toMatch(/^\d+(\.\d+)?$/);
      expect(estimate.serviceOrders[0].salesPreEstimationValue).toBe(estimate.estimatedValue);
    }
    const one = await ask('query ($id: ID!) { salesPreEstimation(id: $id) { id } }', { id: estimates[0].id });
    expect(one.salesPreEstimation.id).toBe(estimates[0].id);
  });

  it("an order's latest assessment is the first of its history, and sets its current level", async () => {
    const data = await ask(`{ serviceOrders(first: 20, filter: { riskLevel: [HIGH, CRITICAL] }) { edges { node {
      riskLevel riskScore riskFactors { code weight }
      latestRiskAssessment { id riskLevel riskScore riskFactors { code } }
      riskAssessments { totalCount edges { node { id assessedAt } } }
    } } } }`, {}, unchanged());
    for (const order of nodes<any>(data.serviceOrders)) {
      expect(order.latestRiskAssessment).toMatchObject({ riskLevel: order.riskLevel, riskScore: order.riskScore });
      expect(order.riskAssessments.edges[0].node.id).toBe(order.latestRiskAssessment.id);
      expect(order.riskFactors.length).toBeGreaterThan(0);
    }
    const { riskAssessments } = await ask('{ riskAssessments(filter: { riskLevel: [CRITICAL], triggeredBy: "BATCH_JOB" }, first: 100) { edges { node { riskLevel triggeredBy } } } }');
    expect(nodes<any>(riskAssessments).every((a) => a.riskLevel === 'CRITICAL' && a.triggeredBy === 'BATCH_JOB')).toBe(true);
    const { salesPotentialAssessments } = await ask('{ salesPotentialAssessments(filter: { potentialLevel: [HIGH] }, first: 5) { totalCount edges { node { potentialLevel serviceOrder { serviceType salesPotential } } } } }');
    expect(nodes<any>(salesPotentialAssessments).every((a) => ['TV', 'QUOTATION'].includes(a.serviceOrder.serviceType))).toBe(true);
  });
});

describe('external references', () => {
  it('find the FSM entity behind a sales-system reference', async () => {
    const data = await ask('{ serviceOrders(first: 1, filter: { hasProject: true }) { edges { node { id externalReferences { systemSource referenceType referenceId } project { id externalReferences { systemSource referenceType referenceId } } } } } }');
    const order = nodes<any>(data.serviceOrders)[0];
    const salesOrder = order.externalReferences.find((r: any) => r.referenceType === 'SALES_ORDER');
    const found = await ask('query ($s: String!, $t: ExternalReferenceType!, $id: String!) { externalReferences(systemSource: $s, referenceType: $t, referenceId: $id) { entityType entity { __typename ... on ServiceOrder { id } } } }', {
      s: salesOrder.systemSource,
      t: 'SALES_ORDER',
      id: salesOrder.referenceId,
    });
    expect(found.externalReferences).toEqual([{ entityType: 'SERVICE_ORDER', entity: { __typename: 'ServiceOrder', id: order.id } }]);

    const projectRef = order.project.externalReferences.find((r: any) => r.referenceType === 'PROJECT');
    const project = await ask('query ($s: String!, $id: String!) { externalReferences(systemSource: $s, referenceType: PROJECT, referenceId: $id) { entity { ... on ServiceProject { id } } } }', { s: projectRef.systemSource, id: projectRef.referenceId });
    expect(project.externalReferences[0].entity.id).toBe(order.project.id);
  });
});

describe('sales channel performance', () => {
  it("reports the seed's metrics per channel and business unit, most orders first", async () => {
    const since = new Date(Date.now() - 90 * 86_400_000).toISOString();
    const { salesChannelPerformance: rows } = await ask('query ($since: DateTime) { salesChannelPerformance(filter: { orderedAfter: $since }) { salesChannel businessUnit { code } orderCount completedCount completionRatePct avgSchedulingHours } }', { since });
    expect(rows.length).toBeGreaterThan(8);
    expect(rows.map((r: any) => r.orderCount)).toEqual([...rows.map((r: any) => r.orderCount)].sort((a: number, b: number) => b - a));
    for (const row of rows) {
      expect(Number(row.completionRatePct)).toBeCloseTo((100 * row.completedCount) / row.orderCount, 1);
      if (row.avgSchedulingHours !== null) expect(Number(row.avgSchedulingHours)).toBeGreaterThan(0);
    }
    const total = rows.reduce((n: number, r: any) => n + r.orderCount, 0);
    const { serviceOrders } = await ask('query ($since: DateTime) { serviceOrders(filter: { orderedAfter: $since }) { totalCount } }', { since });
    expect(total).toBe(serviceOrders.totalCount);

    const spain = await ask('{ salesChannelPerformance(filter: { countryCode: "ES" }) { businessUnit { code } } }');
    expect(spain.salesChannelPerformance.every((r: any) => r.businessUnit.code.endsWith('_ES'))).toBe(true);
  });
});

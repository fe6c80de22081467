/**
 * The ServiceOrders contract operation through the gateway. Service orders are private to their
 * organization: an anonymous caller gets an empty connection (no error); a signed-in admin gets
 * the orders with their sales context, the responsible operator's email coming from tenancy.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bootGraph, contractOperation, seedSecrets, type TestGraph } from '../support/graph.js';

const SERVICE_ORDERS = contractOperation('ServiceOrders');

let graph: TestGraph;
beforeAll(async () => {
  graph = await bootGraph();
});
afterAll(() => graph.stop());

describe('the ServiceOrders contract operation', () => {
  it('gives an anonymous caller an empty connection, not an error', async () => {
    const res = await graph.query(SERVICE_ORDERS, { country: 'ES', first: 20 });
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ serviceOrders: { totalCount: 0, edges: [] } });
  });

  it('answers a page larger than the maximum with BAD_USER_INPUT', async () => {
    const res = await graph.query(SERVICE_ORDERS, { country: 'ES', first: 500 });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('gives an admin the orders of the country with their sales context', async () => {
    const res = await graph.query(SERVICE_ORDERS, { country: 'ES', first: 20 }, { token: seedSecrets().demoAdminKey! });
    expect(res.errors).toBeUndefined();
    const connection = res.data!.serviceOrders;
    expect(connection.totalCount).toBeGreaterThan(20);
    expect(connection.edges).toHaveLength(20);
    for (const { node } of connection.edges) {
      expect(node.businessUnit.code).toMatch(/_ES$/);
      expect(node.store.name).toEqual(expect.any(String));
      expect(node.salesSystem.code).toMatch(/^(PYXIS|TEMPO|SAP_COMMERCE)$/);
    }
    const operators = connection.edges.map((e: any) => e.node.project?.responsibleOperator).filter(Boolean);
    expect(operators.length).toBeGreaterThan(0);
    expect(operators.some((o: any) => /@/.test(o.email))).toBe(true);
  });
});

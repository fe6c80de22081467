/**
 * Writes: validation before anything is written, authorization, all-or-nothing requests.
 * These tests change data of Brico Dépôt's organization only, and never of Brico Depot Portugal
 * (the subscription tests' unit), so tests of other files see none of their changes half-way.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ANONYMOUS, type Identity } from '@sixfold/kit';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { fsm } from '../src/subgraph.js';
import { memberOf, rows, seededTenants, tenantOf, type Tenant } from './support.js';

let subgraph: TestSubgraph;
let tenant: Tenant & { businessUnitId: string };
/** The units whose data these tests may change. */
let units: string[];
let stranger: Tenant;
let member: Identity;
let dispatcher: Identity;
beforeAll(async () => {
  subgraph = await startTestSubgraph(fsm);
  tenant = await tenantOf('BD_FR');
  units = (await rows<{ id: string }>("SELECT id::text FROM fsm.business_units WHERE organization_id = $1 AND code <> 'BD_PT'", [tenant.organizationId])).map((u) => u.id);
  stranger = (await seededTenants()).find((t) => t.organizationId !== tenant.organizationId)!;
  member = memberOf(tenant);
  dispatcher = memberOf(tenant, { roles: ['dispatcher'] });
});
afterAll(() => subgraph.stop());

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
/** One order of the test's units per call, never the same twice, matching `where`. */
const used = new Set<string>();
async function order(where: string): Promise<{ id: string; status: string; scheduled_date: Date | null; risk_level: string }> {
  const found = await rows<any>(`SELECT id::text, status, scheduled_date, risk_level FROM fsm.service_orders WHERE business_unit_id = ANY($1::uuid[]) AND ${where} ORDER BY id`, [units]);
  const next = found.find((o) => !used.has(o.id));
  if (!next) throw new Error(`no unused order with ${where}`);
  used.add(next.id);
  return next;
}
/** An open order arranged (as the database owner) into the risk state a test needs. */
async function riskyOrder(acknowledgedBy: string | null) {
  const target = await order("status NOT IN ('CLOSED', 'CANCELLED')");
  await rows(
    "UPDATE fsm.service_orders SET risk_level = 'HIGH', risk_score = 72, risk_acknowledged_by = $2, risk_acknowledged_at = CASE WHEN $2::uuid IS NULL THEN NULL ELSE now() END WHERE id = $1",
    [target.id, acknowledgedBy],
  );
  return target;
}
const orderRow = async (id: string) => (await rows<any>('SELECT * FROM fsm.service_orders WHERE id = $1', [id]))[0];

const UPDATE_STATUS = `mutation ($input: UpdateServiceOrderStatusInput!) { updateServiceOrderStatus(input: $input) { id status scheduledDate allowedTransitions } }`;
const errorOf = (res: { errors?: Array<{ extensions?: Record<string, any> }> }) => res.errors?.[0]?.extensions;

describe('updateServiceOrderStatus', () => {
  it('moves an order along its lifecycle', async () => {
    const created = await order("status = 'CREATED'");
    const res = await subgraph.query<any>(UPDATE_STATUS, { input: { serviceOrderId: created.id, status: 'SCHEDULED', scheduledDate: day(3) } }, member);
    expect(res.errors).toBeUndefined();
    expect(res.data.updateServiceOrderStatus).toEqual({ id: created.id, status: 'SCHEDULED', scheduledDate: day(3), allowedTransitions: ['DISPATCHED', 'ON_HOLD', 'CANCELLED'] });
    expect((await orderRow(created.id)).status).toBe('SCHEDULED');
  });

  it('refuses a transition the lifecycle does not allow, naming what is allowed, and writes nothing', async () => {
    const scheduled = await order("status = 'SCHEDULED'");
    const before = await orderRow(scheduled.id);
    const res = await subgraph.query<any>(UPDATE_STATUS, { input: { serviceOrderId: scheduled.id, status: 'COMPLETED' } }, member);
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
    expect(res.errors![0]!.message).toMatch(/allowed: DISPATCHED, ON_HOLD, CANCELLED/);
    expect(await orderRow(scheduled.id)).toEqual(before);
  });

  it('refuses to leave a final status', async () => {
    const closed = await order("status = 'CLOSED'");
    const res = await subgraph.query<any>(UPDATE_STATUS, { input: { serviceOrderId: closed.id, status: 'SCHEDULED', scheduledDate: day(2) } }, member);
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.status' });
  });

  it('needs a scheduled day to schedule, in the future, and only when scheduling', async () => {
    const created = await order("status = 'CREATED' AND scheduled_date IS NULL");
    const missing = await subgraph.query<any>(UPDATE_STATUS, { input: { serviceOrderId: created.id, status: 'SCHEDULED' } }, member);
    expect(errorOf(missing)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scheduledDate' });
    const past = await subgraph.query<any>(UPDATE_STATUS, { input: { serviceOrderId: created.id, status: 'SCHEDULED', scheduledDate: day(-2) } }, member);
    expect(errorOf(past)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scheduledDate' });
    const cancelWithDate = await subgraph.query<any>(UPDATE_STATUS, { input: { serviceOrderId: created.id, status: 'CANCELLED', scheduledDate: day(2) } }, member);
    expect(errorOf(cancelWithDate)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scheduledDate' });
    expect((await orderRow(created.id)).status).toBe('CREATED');
  });

  it('resumes an order on hold for a day still ahead only', async () => {
    const held = await order("status = 'SCHEDULED'");
    await rows("UPDATE fsm.service_orders SET status = 'ON_HOLD', scheduled_date = current_date - 3 WHERE id = $1", [held.id]);
    const stale = await subgraph.query<any>(UPDATE_STATUS, { input: { serviceOrderId: held.id, status: 'SCHEDULED' } }, member);
    expect(errorOf(stale)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scheduledDate' });
    const resumed = await subgraph.query<any>(UPDATE_STATUS, { input: { serviceOrderId: held.id, status: 'SCHEDULED', scheduledDate: day(4) } }, member);
    expect(resumed.data.updateServiceOrderStatus).toMatchObject({ status: 'SCHEDULED', scheduledDate: day(4) });
  });

  it('rolls the whole request back when any part of it fails', async () => {
    const first = await order("status = 'SCHEDULED'");
    const second = await order("status = 'SCHEDULED'");
    const res = await subgraph.query<any>(
      `mutation ($a: ID!, $b: ID!) {
        ok: updateServiceOrderStatus(input: { serviceOrderId: $a, status: ON_HOLD }) { status }
        bad: updateServiceOrderStatus(input: { serviceOrderId: $b, status: CLOSED }) { status }
      }`,
      { a: first.id, b: second.id },
      member,
    );
    expect(errorOf(res)?.code).toBe('BAD_USER_INPUT');
    expect((await orderRow(first.id)).status).toBe('SCHEDULED');
    expect((await orderRow(second.id)).status).toBe('SCHEDULED');
  });

  it('answers UNAUTHENTICATED to anonymous callers, FORBIDDEN to read-only keys, NOT_FOUND to other organizations', async () => {
    const scheduled = await order("status = 'SCHEDULED'");
    const input = { serviceOrderId: scheduled.id, status: 'ON_HOLD' };
    expect(errorOf(await subgraph.query<any>(UPDATE_STATUS, { input }, ANONYMOUS))?.code).toBe('UNAUTHENTICATED');
    expect(errorOf(await subgraph.query<any>(UPDATE_STATUS, { input }, memberOf(tenant, { scopes: ['read'] })))?.code).toBe('FORBIDDEN');
    expect(errorOf(await subgraph.query<any>(UPDATE_STATUS, { input }, memberOf(stranger)))?.code).toBe('NOT_FOUND');
    expect((await orderRow(scheduled.id)).status).toBe('SCHEDULED');
    const withScope = await subgraph.query<any>(UPDATE_STATUS, { input }, memberOf(tenant, { kind: 'service', userId: null, scopes: ['fsm:write'] }));
    expect(withScope.data.updateServiceOrderStatus.status).toBe('ON_HOLD');
    // A member's key that may write everywhere writes here too, as in the other domains.
    const withGenericWrite = await subgraph.query<any>(UPDATE_STATUS, { input: { ...input, status: 'CANCELLED' } }, memberOf(tenant, { scopes: ['read', 'write'] }));
    expect(withGenericWrite.data.updateServiceOrderStatus.status).toBe('CANCELLED');
  });

  it('rejects a malformed id before touching the database', async () => {
    subgraph.statements.reset();
    const res = await subgraph.query<any>(UPDATE_STATUS, { input: { serviceOrderId: 'nope', status: 'CANCELLED' } }, member);
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.serviceOrderId' });
    expect(subgraph.statements.count()).toBe(0);
  });
});

const ASSIGN = `mutation ($input: AssignProjectOperatorInput!) { assignProjectOperator(input: $input) {
  id responsibleOperator { id } assignmentMode assignedBy
  ownershipHistory(first: 5) { totalCount edges { node { previousOperator { id } newOperator { id } changedBy reason } } }
} }`;

describe('assignProjectOperator', () => {
  const project = async (where = 'true') => {
    const found = await rows<any>(
      `SELECT id::text, responsible_operator_id::text AS operator FROM fsm.projects WHERE business_unit_id = ANY($1::uuid[]) AND status IN ('PLANNED', 'IN_PROGRESS') AND ${where} ORDER BY id`,
      [units],
    );
    const next = found.find((p) => !used.has(p.id))!;
    used.add(next.id);
    return next as { id: string; operator: string | null };
  };
  const historyOf = async (id: string) => rows<any>('SELECT previous_operator_id::text AS previous, new_operator_id::text AS next, changed_by, reason FROM fsm.project_ownership_history WHERE project_id = $1 ORDER BY changed_at DESC, id', [id]);

  it('assigns, reassigns and unassigns, recording each change in the ownership history', async () => {
    const target = await project('responsible_operator_id IS NOT NULL');
    const next = tenant.operatorIds.find((o) => o !== target.operator)!;
    const before = (await historyOf(target.id)).length;

    const reassigned = await subgraph.query<any>(ASSIGN, { input: { projectId: target.id, operatorId: next, reason: 'Workload balancing' } }, dispatcher);
    expect(reassigned.errors).toBeUndefined();
    expect(reassigned.data.assignProjectOperator).toMatchObject({ responsibleOperator: { id: next }, assignmentMode: 'MANUAL', assignedBy: dispatcher.userId });
    expect(reassigned.data.assignProjectOperator.ownershipHistory.edges[0].node).toEqual({
      previousOperator: { id: target.operator },
      newOperator: { id: next },
      changedBy: dispatcher.userId,
      reason: 'Workload balancing',
    });

    const unassigned = await subgraph.query<any>(ASSIGN, { input: { projectId: target.id, operatorId: null } }, dispatcher);
    expect(unassigned.data.assignProjectOperator).toMatchObject({ responsibleOperator: null, assignmentMode: null, assignedBy: null });
    const history = await historyOf(target.id);
    expect(history).toHaveLength(before + 2);
    expect(history[0]).toMatchObject({ previous: next, next: null });
  });

  it('needs the dispatcher role or the fsm:write scope', async () => {
    const target = await project('responsible_operator_id IS NOT NULL');
    await rows('UPDATE fsm.projects SET responsible_operator_id = NULL, assignment_mode = NULL, assigned_at = NULL, assigned_by = NULL WHERE id = $1', [target.id]);
    const before = await historyOf(target.id);
    const input = { projectId: target.id, operatorId: tenant.operatorIds[0] };
    expect(errorOf(await subgraph.query<any>(ASSIGN, { input }, member))?.code).toBe('FORBIDDEN');
    expect(errorOf(await subgraph.query<any>(ASSIGN, { input }, memberOf(tenant, { roles: ['dispatcher'], scopes: ['read'] })))?.code).toBe('FORBIDDEN');
    expect(errorOf(await subgraph.query<any>(ASSIGN, { input }, memberOf(stranger, { roles: ['dispatcher'] })))?.code).toBe('NOT_FOUND');
    expect(await historyOf(target.id)).toEqual(before);
    const byKey = await subgraph.query<any>(ASSIGN, { input: { ...input, assignmentMode: 'AUTO' } }, memberOf(tenant, { kind: 'service', userId: null, scopes: ['fsm:write'] }));
    expect(byKey.data.assignProjectOperator).toMatchObject({ responsibleOperator: { id: tenant.operatorIds[0] }, assignmentMode: 'AUTO', assignedBy: 'SYSTEM' });
  });

  it('refuses a change that changes nothing', async () => {
    const target = await project('responsible_operator_id IS NOT NULL');
    const res = await subgraph.query<any>(ASSIGN, { input: { projectId: target.id, operatorId: target.operator } }, dispatcher);
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.operatorId' });
  });

  it('writes neither the project nor its history when the request fails later', async () => {
    const target = await project('responsible_operator_id IS NOT NULL');
    const next = tenant.operatorIds.find((o) => o !== target.operator)!;
    const before = await historyOf(target.id);
    const res = await subgraph.query<any>(
      `mutation ($p: ID!, $op: ID) {
        assignProjectOperator(input: { projectId: $p, operatorId: $op }) { id }
        updateServiceOrderStatus(input: { serviceOrderId: "00000000-0000-4000-8000-000000000000", status: CANCELLED }) { id }
      }`,
      { p: target.id, op: next },
      dispatcher,
    );
    expect(errorOf(res)?.code).toBe('NOT_FOUND');
    expect(await historyOf(target.id)).toEqual(before);
    expect((await rows<any>('SELECT responsible_operator_id::text AS op FROM fsm.projects WHERE id = $1', [target.id]))[0].op).toBe(target.operator);
  });
});

describe('assessments', () => {
  const RISK = `mutation ($input: RecordRiskAssessmentInput!) { recordRiskAssessment(input: $input) {
    id riskLevel riskScore triggeredBy riskFactors { code weight }
    serviceOrder { riskLevel riskScore riskAcknowledgedBy { id } riskFactors { code } latestRiskAssessment { id } }
  } }`;
  const riskInput = (serviceOrderId: string, extra: Record<string, unknown> = {}) => ({
    serviceOrderId,
    riskLevel: 'MEDIUM',
    riskScore: '45.50',
    modelVersion: 'risk-2025.02',
    inputFeatures: { previousClaims: 1 },
    riskFactors: [{ code: 'RESCHEDULED_TWICE', description: 'Rescheduled twice', weight: '0.6' }],
    triggeredBy: 'EVENT_RESCHEDULE',
    ...extra,
  });

  it("a risk assessment becomes the order's current risk, and a new level needs acknowledging again", async () => {
    const target = await riskyOrder(member.userId);
    const res = await subgraph.query<any>(RISK, { input: riskInput(target.id) }, member);
    expect(res.errors).toBeUndefined();
    const assessment = res.data.recordRiskAssessment;
    expect(assessment).toMatchObject({ riskLevel: 'MEDIUM', riskScore: '45.5', triggeredBy: 'EVENT_RESCHEDULE', riskFactors: [{ code: 'RESCHEDULED_TWICE', weight: '0.6' }] });
    expect(assessment.serviceOrder).toEqual({ riskLevel: 'MEDIUM', riskScore: '45.5', riskAcknowledgedBy: null, riskFactors: [{ code: 'RESCHEDULED_TWICE' }], latestRiskAssessment: { id: assessment.id } });
  });

  it('validates scores, codes and JSON before writing', async () => {
    const target = await order("status = 'SCHEDULED'");
    const before = await rows('SELECT count(*)::int AS n FROM fsm.risk_assessments WHERE service_order_id = $1', [target.id]);
    for (const [extra, field] of [
      [{ riskScore: '101' }, 'input.riskScore'],
      [{ riskScore: '12.345' }, 'input.riskScore'],
      [{ triggeredBy: 'batch job' }, 'input.triggeredBy'],
      [{ inputFeatures: [1, 2] }, 'input.inputFeatures'],
      [{ riskFactors: [{ code: 'bad code' }] }, 'input.riskFactors.0.code'],
      [{ riskFactors: [{ code: 'OK', weight: '1.5' }] }, 'input.riskFactors.0.weight'],
    ] as const) {
      const res = await subgraph.query<any>(RISK, { input: riskInput(target.id, extra) }, member);
      expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await rows('SELECT count(*)::int AS n FROM fsm.risk_assessments WHERE service_order_id = $1', [target.id])).toEqual(before);
  });

  it('sales potential is assessed for technical visits and quotations only', async () => {
    const POTENTIAL = `mutation ($input: RecordSalesPotentialAssessmentInput!) { recordSalesPotentialAssessment(input: $input) { potentialLevel potentialScore serviceOrder { salesPotential salesPotentialScore latestSalesPotentialAssessment { potentialLevel } } } }`;
    const input = (serviceOrderId: string) => ({ serviceOrderId, potentialLevel: 'HIGH', potentialScore: '88', modelVersion: 'potential-2025.02', inputFeatures: { notesSentiment: 0.8 }, contributingFactors: [{ factor: 'PRE_ESTIMATION_VALUE', weight: 0.5 }] });
    const installation = await order("service_type = 'INSTALLATION' AND status NOT IN ('CLOSED', 'CANCELLED')");
    expect(errorOf(await subgraph.query<any>(POTENTIAL, { input: input(installation.id) }, member))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.serviceOrderId' });
    const visit = await order("service_type IN ('TV', 'QUOTATION') AND sales_potential <> 'HIGH' AND status NOT IN ('CLOSED', 'CANCELLED')");
    const res = await subgraph.query<any>(POTENTIAL, { input: input(visit.id) }, member);
    expect(res.errors).toBeUndefined();
    expect(res.data.recordSalesPotentialAssessment).toEqual({
      potentialLevel: 'HIGH',
      potentialScore: '88',
      serviceOrder: { salesPotential: 'HIGH', salesPotentialScore: '88', latestSalesPotentialAssessment: { potentialLevel: 'HIGH' } },
    });
  });

  it('a HIGH or CRITICAL risk is acknowledged once, by a user', async () => {
    const ACK = 'mutation ($id: ID!) { acknowledgeRisk(input: { serviceOrderId: $id }) { riskAcknowledgedBy { id } riskAcknowledgedAt } }';
    const risky = await riskyOrder(null);
    const res = await subgraph.query<any>(ACK, { id: risky.id }, member);
    expect(res.errors).toBeUndefined();
    expect(res.data.acknowledgeRisk.riskAcknowledgedBy).toEqual({ id: member.userId });
    expect(errorOf(await subgraph.query<any>(ACK, { id: risky.id }, member))).toMatchObject({ code: 'BAD_USER_INPUT' });
    const calm = await order("risk_level = 'LOW'");
    expect(errorOf(await subgraph.query<any>(ACK, { id: calm.id }, member))).toMatchObject({ code: 'BAD_USER_INPUT' });
    const other = await riskyOrder(null);
    expect(errorOf(await subgraph.query<any>(ACK, { id: other.id }, memberOf(tenant, { kind: 'service', userId: null, scopes: ['fsm:write'] })))?.code).toBe('FORBIDDEN');
  });
});

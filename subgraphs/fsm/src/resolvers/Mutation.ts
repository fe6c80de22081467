import { badInput, conflict, forbidden, notFound, parseInput } from '@sixfold/kit';
import { requireDispatcher, requireWriter } from '../access.js';
import type { FsmContext, FsmTx } from '../context.js';
import { SERVICE_ORDER_STATUS_CHANGED, type ServiceOrderStatusChanged } from '../events.js';
import type { MutationResolvers, ServiceOrderStatus } from '../generated/graphql.js';
import type { Project as ProjectRow, ServiceOrder as ServiceOrderRow } from '../generated/prisma/client.js';
import {
  ACKNOWLEDGEABLE_RISK_LEVELS,
  allowedTransitions,
  canTransition,
  FINAL_STATUSES,
  NEEDS_SCHEDULED_DATE,
  SALES_POTENTIAL_SERVICE_TYPES,
} from '../lifecycle.js';
import { inputs } from '../validation.js';

/**
 * Every mutation validates its input first, reads the row it changes through row-level security
 * (a row of another organization is NOT_FOUND), and writes conditionally on what it read (a
 * concurrent change is a CONFLICT, not a lost update). The request transaction makes each
 * all-or-nothing; events leave only after it commits.
 */

async function loadOrder(tx: FsmTx, id: string) {
  const order = await tx.serviceOrder.findUnique({ where: { id } });
  if (!order) throw notFound('Service order');
  return order;
}

/** Today in a time zone, as YYYY-MM-DD (en-CA formats dates that way). */
const todayIn = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

// Later reads in the same request (the mutation's selection) must see the rows as written: each
// mutation replaces what the request's loaders may have cached.
const rememberOrder = (ctx: FsmContext, order: ServiceOrderRow) => (ctx.loaders.serviceOrderById.clear(order.id).prime(order.id, order), order);
const rememberProject = (ctx: FsmContext, project: ProjectRow) => (ctx.loaders.projectById.clear(project.id).prime(project.id, project), project);

export const Mutation: MutationResolvers = {
  async updateServiceOrderStatus(_root, { input }, ctx) {
    requireWriter(ctx.identity);
    const { serviceOrderId } = parseInput(inputs.updateStatus, input, 'input');
    const scheduledDate = (input.scheduledDate as Date | null | undefined) ?? null;
    if (scheduledDate && input.status !== 'SCHEDULED') throw badInput('input.scheduledDate', 'can only be set when scheduling (status SCHEDULED)');

    const { order, updated } = await ctx.db.run(async (tx) => {
      const order = await loadOrder(tx, serviceOrderId);
      if (!canTransition(order.status, input.status)) {
        const allowed = allowedTransitions(order.status);
        throw badInput('input.status', `a ${order.status} order cannot become ${input.status} (allowed: ${allowed.length ? allowed.join(', ') : 'none, the status is final'})`);
      }
      if (NEEDS_SCHEDULED_DATE.includes(input.status) && !scheduledDate && !order.scheduledDate) {
        throw badInput('input.scheduledDate', `is required: the order has no scheduled date and ${input.status} needs one`);
      }
      // (Re)scheduling is for a day still ahead, in the order's country.
      const day = scheduledDate ?? order.scheduledDate;
      if (input.status === 'SCHEDULED' && day) {
        const country = await ctx.loaders.countryByCode.load(order.countryCode);
        if (country && isoDay(day) < todayIn(country.timezone)) {
          throw badInput('input.scheduledDate', scheduledDate ? 'is in the past' : 'is required: the order’s scheduled day has passed');
        }
      }
      const { count } = await tx.serviceOrder.updateMany({
        where: { id: order.id, status: order.status },
        data: { status: input.status, ...(scheduledDate ? { scheduledDate } : {}) },
      });
      if (count === 0) throw conflict('input.serviceOrderId', 'the order changed meanwhile; read it again and retry');
      return { order, updated: await tx.serviceOrder.findUniqueOrThrow({ where: { id: order.id } }) };
    });

    const event: ServiceOrderStatusChanged = {
      serviceOrderId: updated.id,
      organizationId: updated.organizationId,
      countryCode: updated.countryCode,
      businessUnitId: updated.businessUnitId,
      previousStatus: order.status as ServiceOrderStatus,
      status: input.status,
      changedAt: updated.updatedAt.toISOString(),
      // Null for a credential that acts for no user (a service's API key).
      changedBy: ctx.identity.userId,
    };
    ctx.db.afterCommit(() => ctx.bus.publish(SERVICE_ORDER_STATUS_CHANGED, event));
    return rememberOrder(ctx, updated);
  },

  async assignProjectOperator(_root, { input }, ctx) {
    requireDispatcher(ctx.identity);
    const { projectId, operatorId = null, reason = null } = parseInput(inputs.assignOperator, input, 'input');
    const changedBy = ctx.identity.userId ?? 'SYSTEM';

    const updated = await ctx.db.run(async (tx) => {
      const project = await tx.project.findUnique({ where: { id: projectId } });
      if (!project) throw notFound('Service project');
      if (project.status === 'COMPLETED' || project.status === 'CANCELLED') throw badInput('input.projectId', `the project is ${project.status}`);
      if (project.responsibleOperatorId === operatorId) {
        throw badInput('input.operatorId', operatorId ? 'is already the responsible operator' : 'the project has no responsible operator to remove');
      }
      const changedAt = new Date();
      const { count } = await tx.project.updateMany({
        where: { id: project.id, responsibleOperatorId: project.responsibleOperatorId },
        data: operatorId
          ? { responsibleOperatorId: operatorId, assignmentMode: input.assignmentMode ?? 'MANUAL', assignedAt: changedAt, assignedBy: changedBy }
          : { responsibleOperatorId: null, assignmentMode: null, assignedAt: null, assignedBy: null },
      });
      if (count === 0) throw conflict('input.projectId', 'the project was reassigned meanwhile; read it again and retry');
      await tx.projectOwnershipChange.create({
        data: {
          projectId: project.id,
          organizationId: project.organizationId,
          previousOperatorId: project.responsibleOperatorId,
          newOperatorId: operatorId,
          changedAt,
          changedBy,
          reason,
        },
      });
      return tx.project.findUniqueOrThrow({ where: { id: project.id } });
    });
    return rememberProject(ctx, updated);
  },

  async recordRiskAssessment(_root, { input }, ctx) {
    requireWriter(ctx.identity);
    const valid = parseInput(inputs.riskAssessment, input, 'input');
    const riskFactors = valid.riskFactors.map((f) => ({
      code: f.code,
      ...(f.description ? { description: f.description } : {}),
      ...(f.weight ? { weight: Number(f.weight) } : {}),
    }));

    return ctx.db.run(async (tx) => {
      const order = await loadOrder(tx, valid.serviceOrderId);
      if (FINAL_STATUSES.includes(order.status as ServiceOrderStatus)) throw badInput('input.serviceOrderId', `the order is ${order.status}`);
      const assessment = await tx.riskAssessment.create({
        data: {
          serviceOrderId: order.id,
          organizationId: order.organizationId,
          riskLevel: input.riskLevel,
          riskScore: valid.riskScore,
          modelVersion: valid.modelVersion,
          inputFeatures: valid.inputFeatures as object,
          riskFactors,
          triggeredBy: valid.triggeredBy,
        },
      });
      // A different level is a new risk: whoever acknowledged the old one has not seen it.
      const levelChanged = order.riskLevel !== input.riskLevel;
      const updated = await tx.serviceOrder.update({
        where: { id: order.id },
        data: {
          riskLevel: input.riskLevel,
          riskScore: valid.riskScore,
          riskAssessedAt: assessment.assessedAt,
          riskFactors,
          ...(levelChanged ? { riskAcknowledgedBy: null, riskAcknowledgedAt: null } : {}),
        },
      });
      rememberOrder(ctx, updated);
      return assessment;
    });
  },

  async recordSalesPotentialAssessment(_root, { input }, ctx) {
    requireWriter(ctx.identity);
    const valid = parseInput(inputs.potentialAssessment, input, 'input');

    return ctx.db.run(async (tx) => {
      const order = await loadOrder(tx, valid.serviceOrderId);
      if (!(SALES_POTENTIAL_SERVICE_TYPES as readonly string[]).includes(order.serviceType)) {
        throw badInput('input.serviceOrderId', `sales potential is assessed for technical visits and quotations only, not ${order.serviceType}`);
      }
      if (FINAL_STATUSES.includes(order.status as ServiceOrderStatus)) throw badInput('input.serviceOrderId', `the order is ${order.status}`);
      const assessment = await tx.salesPotentialAssessment.create({
        data: {
          serviceOrderId: order.id,
          organizationId: order.organizationId,
          potentialLevel: input.potentialLevel,
          potentialScore: valid.potentialScore,
          modelVersion: valid.modelVersion,
          inputFeatures: valid.inputFeatures as object,
          contributingFactors: valid.contributingFactors as object,
        },
      });
      const updated = await tx.serviceOrder.update({
        where: { id: order.id },
        data: { salesPotential: input.potentialLevel, salesPotentialScore: valid.potentialScore, salesPotentialUpdatedAt: assessment.assessedAt },
      });
      rememberOrder(ctx, updated);
      return assessment;
    });
  },

  async acknowledgeRisk(_root, { input }, ctx) {
    requireWriter(ctx.identity);
    const userId = ctx.identity.userId;
    if (!userId) throw forbidden('Acknowledging a risk needs a user: it records who saw it');
    const { serviceOrderId } = parseInput(inputs.acknowledgeRisk, input, 'input');

    const updated = await ctx.db.run(async (tx) => {
      const order = await loadOrder(tx, serviceOrderId);
      if (!(ACKNOWLEDGEABLE_RISK_LEVELS as readonly string[]).includes(order.riskLevel)) {
        throw badInput('input.serviceOrderId', `only HIGH or CRITICAL risks are acknowledged; this one is ${order.riskLevel}`);
      }
      if (order.riskAcknowledgedAt) throw badInput('input.serviceOrderId', 'the risk is already acknowledged');
      const { count } = await tx.serviceOrder.updateMany({
        where: { id: order.id, riskLevel: order.riskLevel, riskAcknowledgedAt: null },
        data: { riskAcknowledgedBy: userId, riskAcknowledgedAt: new Date() },
      });
      if (count === 0) throw conflict('input.serviceOrderId', 'the risk changed meanwhile; read it again and retry');
      return tx.serviceOrder.findUniqueOrThrow({ where: { id: order.id } });
    });
    return rememberOrder(ctx, updated);
  },
};

import type { ServiceOrderStatus } from './generated/graphql.js';

/**
 * Where a service order may go from each status. An order is created when its sales system sends
 * it, scheduled for a day, dispatched to a technician, worked on, completed, then closed once
 * invoiced. Before work starts it can be cancelled; a dispatched visit that cannot happen goes
 * back to SCHEDULED (on another day); anything in flight can be put ON_HOLD (waiting for parts or
 * the customer) and resumes by being scheduled again. CLOSED and CANCELLED are final.
 */
export const STATUS_TRANSITIONS: Readonly<Record<ServiceOrderStatus, readonly ServiceOrderStatus[]>> = {
  CREATED: ['SCHEDULED', 'CANCELLED'],
  SCHEDULED: ['DISPATCHED', 'ON_HOLD', 'CANCELLED'],
  DISPATCHED: ['IN_PROGRESS', 'SCHEDULED', 'ON_HOLD', 'CANCELLED'],
  IN_PROGRESS: ['COMPLETED', 'ON_HOLD'],
  ON_HOLD: ['SCHEDULED', 'CANCELLED'],
  COMPLETED: ['CLOSED'],
  CLOSED: [],
  CANCELLED: [],
};

export const allowedTransitions = (from: string): readonly ServiceOrderStatus[] => STATUS_TRANSITIONS[from as ServiceOrderStatus] ?? [];

export const canTransition = (from: string, to: ServiceOrderStatus): boolean => allowedTransitions(from).includes(to);

/** Statuses in which the order has a day it happens on (the database checks it too). */
export const NEEDS_SCHEDULED_DATE: readonly ServiceOrderStatus[] = ['SCHEDULED', 'DISPATCHED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED'];

/** No more work will be done: assessments no longer make sense. */
export const FINAL_STATUSES: readonly ServiceOrderStatus[] = ['CLOSED', 'CANCELLED'];

/** Levels that call for a person to acknowledge the risk. */
export const ACKNOWLEDGEABLE_RISK_LEVELS = ['HIGH', 'CRITICAL'] as const;

/** Service types sales potential is assessed for (seed 001: "TV/Quotation only"). */
export const SALES_POTENTIAL_SERVICE_TYPES = ['TV', 'QUOTATION'] as const;

import type { ServiceOrderStatus } from './generated/graphql.js';

/** FSM's live event: published after a status change commits. */
export const SERVICE_ORDER_STATUS_CHANGED = 'fsm.serviceOrderStatusChanged';

/**
 * The event's payload on the bus. It carries the order's organization so each subscriber's
 * filter can apply the same rule row-level security applies to the order itself.
 */
export interface ServiceOrderStatusChanged {
  serviceOrderId: string;
  organizationId: string;
  countryCode: string;
  businessUnitId: string;
  previousStatus: ServiceOrderStatus;
  status: ServiceOrderStatus;
  /** ISO-8601. */
  changedAt: string;
  /** The user who changed it; null for the system. */
  changedBy: string | null;
}

import { isAdmin, isUuid, type Identity } from '@sixfold/kit';
import type { MediaTx } from './db.js';

export interface AuditEvent {
  eventType: string;
  category: 'auth' | 'upload' | 'search' | 'billing' | 'admin' | 'security';
  action: string;
  /** Whose media this is about: the entry is visible to them (row-level security) and admins. */
  subjectUserId: string;
  target?: { type: string; id: string };
  description?: string;
  oldValues?: unknown;
  newValues?: unknown;
  riskLevel?: 'low' | 'medium' | 'high' | 'critical';
}

/** Values as stored JSON (bigints and dates as strings); absent stays SQL NULL. */
const asJson = (value: unknown) =>
  value === undefined || value === null ? undefined : (JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as object);

const actorTypeOf = (identity: Identity) => (identity.kind === 'service' ? 'service' : isAdmin(identity) ? 'admin' : 'user');

/**
 * Appends to media.audit_logs in the caller's transaction, so the entry exists exactly when the
 * change does. `user_id` is the user the action concerns (so they can read it); the actor, who
 * may be an admin or a service acting on their media, is in actor_type and actor_identifier.
 */
export async function audit(tx: MediaTx, identity: Identity, requestId: string, event: AuditEvent): Promise<void> {
  await tx.auditLog.create({
    data: {
      eventType: event.eventType,
      eventCategory: event.category,
      userId: event.subjectUserId,
      actorType: actorTypeOf(identity),
      actorIdentifier: identity.userId ?? identity.credentialId ?? null,
      targetType: event.target?.type ?? null,
      targetId: event.target?.id ?? null,
      action: event.action,
      description: event.description ?? null,
      requestId: isUuid(requestId) ? requestId : null,
      oldValues: asJson(event.oldValues),
      newValues: asJson(event.newValues),
      riskLevel: event.riskLevel ?? 'low',
    },
  });
}

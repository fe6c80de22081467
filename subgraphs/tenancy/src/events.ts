import { randomUUID } from 'node:crypto';
import { CREDENTIALS_REVOKED_TOPIC, type CredentialsRevoked } from '@sixfold/kit';
import type { TenancyContext } from './context.js';
import type { Notification } from './generated/prisma/client.js';

export const NOTIFICATION_CREATED_TOPIC = 'tenancy.notificationCreated';

export interface NewNotification {
  userId: string;
  type: string;
  title: string;
  message?: string | null;
  link?: string | null;
  metadata?: Record<string, unknown>;
}

/** Inserts notifications in the request's transaction; each reaches its owner's subscriptions once committed. */
export async function notify(ctx: TenancyContext, notifications: NewNotification[]): Promise<Notification[]> {
  if (notifications.length === 0) return [];
  // Built here rather than read back: the notifications belong to others, whose rows the caller
  // may create (row-level security) but not read.
  const createdAt = new Date();
  const rows: Notification[] = notifications.map((n) => ({
    id: randomUUID(),
    userId: n.userId,
    type: n.type,
    title: n.title,
    message: n.message ?? null,
    link: n.link ?? null,
    metadata: (n.metadata ?? {}) as Notification['metadata'],
    isRead: false,
    readAt: null,
    createdAt,
  }));
  await ctx.db.run((tx) => tx.notification.createMany({ data: rows.map((row) => ({ ...row, metadata: row.metadata as never })) }));
  ctx.db.afterCommit(() => Promise.all(rows.map((row) => ctx.bus.publish(NOTIFICATION_CREATED_TOPIC, row))));
  return rows;
}

/** Tells every gateway, once the change is committed, to forget cached verifications it affects. */
export function revokeCredentials(ctx: TenancyContext, revoked: CredentialsRevoked): void {
  ctx.db.afterCommit(() => ctx.bus.publish<CredentialsRevoked>(CREDENTIALS_REVOKED_TOPIC, revoked));
}

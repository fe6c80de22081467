import { PrismaPg } from '@prisma/adapter-pg';
import type { Logger } from '../logger.js';

export interface PrismaOptions {
  url: string;
  /** Pool size per process. The pg default (10) is implicit; we always say it. */
  poolMax: number;
  /** pg waits forever for a connection by default; a stuck database must fail fast instead. */
  connectTimeoutMs: number;
  applicationName: string;
  logger?: Logger;
  /** Called with every SQL statement sent; tests use it to prove statement counts stay flat. */
  onQuery?: (sql: string) => void;
}

/** The part of a generated Prisma client this kit relies on. */
export interface PrismaLike {
  $transaction<R>(fn: (tx: never) => Promise<R>, options?: { maxWait?: number; timeout?: number }): Promise<R>;
  $disconnect(): Promise<void>;
}

type ClientClass<C> = new (options: { adapter: PrismaPg; log?: Array<{ emit: 'event'; level: 'query' | 'warn' | 'error' }> }) => C;

/** Builds a domain's generated Prisma client on the pg driver adapter with explicit pool limits. */
export function createPrismaClient<C>(Client: ClientClass<C>, options: PrismaOptions): C {
  const adapter = new PrismaPg({
    connectionString: options.url,
    max: options.poolMax,
    connectionTimeoutMillis: options.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName,
  });
  const client = new Client({
    adapter,
    log: [
      ...(options.onQuery ? [{ emit: 'event' as const, level: 'query' as const }] : []),
      { emit: 'event', level: 'warn' },
      { emit: 'event', level: 'error' },
    ],
  });
  const events = client as unknown as { $on(event: string, cb: (e: { query?: string; message?: string }) => void): void };
  if (options.onQuery) events.$on('query', (e) => options.onQuery!(e.query ?? ''));
  events.$on('warn', (e) => options.logger?.warn({ prisma: e.message }, 'prisma warning'));
  events.$on('error', (e) => options.logger?.error({ prisma: e.message }, 'prisma error'));
  return client;
}

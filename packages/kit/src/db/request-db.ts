import type { Identity } from '../identity.js';
import { isAdmin } from '../identity.js';
import type { Logger } from '../logger.js';

/** Thrown inside the transaction callback to make Prisma roll back; never escapes. */
class Rollback extends Error {}

interface TransactionRunner<Tx> {
  $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: { maxWait?: number; timeout?: number }): Promise<R>;
}

export interface RequestDbOptions {
  /** Database role the subgraph's queries run as: it owns no tables and cannot bypass row-level security. */
  role: string;
  identity: Identity;
  /** Longest the transaction may stay open. */
  timeoutMs: number;
  /** How long to wait for a pooled connection. */
  maxWaitMs?: number;
  /** Where after-commit work that failed is reported (default: stderr). */
  logger?: Pick<Logger, 'error'>;
}

/**
 * The statements that make row-level security see the caller. `set_config(..., true)` scopes
 * each setting to the transaction, so nothing leaks to the next user of the pooled connection.
 */
export function sessionSettings(options: Pick<RequestDbOptions, 'role' | 'identity'>): Array<[string, string]> {
  const { identity } = options;
  return [
    ['role', options.role],
    ['app.current_user_id', identity.userId ?? ''],
    ['app.current_org_ids', identity.organizationIds.join(',')],
    ['app.current_roles', identity.roles.join(',')],
    ['app.current_scopes', identity.scopes.join(',')],
    ['app.is_admin', isAdmin(identity) ? 'on' : 'off'],
  ];
}

type RawCapable = { $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number> };

async function applySettings(tx: unknown, settings: Array<[string, string]>) {
  // One round trip: select set_config($1,$2,true), set_config($3,$4,true), ...
  const calls = settings.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ');
  await (tx as RawCapable).$executeRawUnsafe(`SELECT ${calls}`, ...settings.flat());
}

/**
 * Runs after-commit work in order. The change is committed by then, so a failure (an event that
 * could not be published) must neither stop the rest nor make the caller believe nothing was
 * written: it is reported, not thrown.
 */
async function runAfterCommit(callbacks: ReadonlyArray<() => unknown>, logger: RequestDbOptions['logger']): Promise<void> {
  for (const fn of callbacks) {
    try {
      await fn();
    } catch (error) {
      if (logger) logger.error({ err: error }, 'after-commit work failed; the change itself is committed');
      else console.error('after-commit work failed; the change itself is committed', error);
    }
  }
}

/**
 * A request's database access. Every query of one GraphQL request runs in one transaction that
 * is opened on first use (requests that never touch the database cost nothing), carries the
 * caller's identity for row-level security, and ends when the request ends: committed, or
 * rolled back when a mutation failed so that nothing is half-written.
 *
 * DataLoader batches run inside it like any other query.
 *
 * Given a `reader` (a client of the read replica), a request that writes nothing can be sent
 * there with `readFromReplica()` before its first query.
 */
export class RequestDb<Tx> {
  #tx?: Promise<Tx>;
  #settle?: (commit: boolean) => void;
  #finished?: Promise<void>;
  #closed = false;
  #afterCommit: Array<() => unknown> = [];
  #onReplica = false;

  constructor(
    private readonly prisma: TransactionRunner<Tx>,
    private readonly options: RequestDbOptions,
    private readonly reader?: TransactionRunner<Tx>,
  ) {}

  get identity(): Identity {
    return this.options.identity;
  }

  /**
   * Runs this request on the read replica, in a READ ONLY transaction, when there is a replica
   * (without one, nothing changes). The transaction cannot move once open, so this must come
   * before the first query.
   */
  readFromReplica(): void {
    if (!this.reader) return;
    if (this.#tx) throw new Error('RequestDb.readFromReplica() called after the transaction opened');
    this.#onReplica = true;
  }

  /** Runs `fn` with the request's transaction client, opening the transaction if needed. */
  async run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.#closed) throw new Error('RequestDb used after its request finished');
    return fn(await this.#open());
  }

  #open(): Promise<Tx> {
    this.#tx ??= new Promise<Tx>((resolveTx, rejectTx) => {
      let opened = false;
      const settings = sessionSettings(this.options);
      // Read only: a write that reaches the replica fails at once ("cannot execute INSERT in a
      // read-only transaction"), even where the replica is the primary itself.
      if (this.#onReplica) settings.push(['transaction_read_only', 'on']);
      this.#finished = (this.#onReplica ? this.reader! : this.prisma)
        .$transaction(
          async (tx) => {
            await applySettings(tx, settings);
            opened = true;
            resolveTx(tx);
            const commit = await new Promise<boolean>((settle) => (this.#settle = settle));
            if (!commit) throw new Rollback();
          },
          { timeout: this.options.timeoutMs, maxWait: this.options.maxWaitMs ?? this.options.timeoutMs },
        )
        .catch((error: unknown) => {
          if (error instanceof Rollback) return;
          if (!opened) rejectTx(error);
          else throw error;
        });
    });
    return this.#tx;
  }

  /**
   * Defers `fn` until the transaction has committed: events about a change must not reach
   * subscribers (who will read it back) before the change is visible, nor at all if it rolls back.
   */
  afterCommit(fn: () => unknown): void {
    this.#afterCommit.push(fn);
  }

  /** Ends the request's transaction. Safe to call when it was never opened, and more than once. */
  async finish(commit: boolean): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const callbacks = this.#afterCommit;
    this.#afterCommit = [];
    if (this.#tx) {
      try {
        await this.#tx;
      } catch {
        return; // never opened: nothing to end
      }
      this.#settle?.(commit);
      await this.#finished;
    }
    if (commit) await runAfterCommit(callbacks, this.options.logger);
  }
}

/**
 * Database access for long-lived operations (subscriptions, background work): each `run` is its
 * own short transaction with the same identity settings, so no connection is held between events.
 */
export class ShortTransactionDb<Tx> {
  constructor(
    private readonly prisma: TransactionRunner<Tx>,
    private readonly options: RequestDbOptions,
  ) {}

  get identity(): Identity {
    return this.options.identity;
  }

  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(
      async (tx) => {
        await applySettings(tx, sessionSettings(this.options));
        return fn(tx);
      },
      { timeout: this.options.timeoutMs, maxWait: this.options.maxWaitMs ?? this.options.timeoutMs },
    );
  }

  /** Each `run` commits on its own, so there is nothing to wait for. */
  afterCommit(fn: () => unknown): void {
    void runAfterCommit([fn], this.options.logger);
  }

  async finish(): Promise<void> {}
}

/** What resolvers and loaders see: either flavour. */
export type Db<Tx> = Pick<RequestDb<Tx>, 'run' | 'identity' | 'afterCommit'>;

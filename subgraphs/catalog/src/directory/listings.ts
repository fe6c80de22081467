import type { Db, Logger } from '@sixfold/kit';
import type { CatalogTx } from '../context.js';

/** Rebuilds catalog.model_listings without blocking its readers (REFRESH … CONCURRENTLY). */
export async function refreshModelListings(db: Db<CatalogTx>): Promise<void> {
  await db.run((tx) => tx.$executeRaw`SELECT catalog.refresh_model_listings()`);
}

/**
 * Keeps the listing fresh after catalog writes without making editors wait for it: a refresh
 * runs shortly after the write commits, and a burst of writes (an import, a batch of edits)
 * costs one refresh, plus at most one more for writes that land while it runs.
 */
export class ListingsRefresher {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #closed = false;

  constructor(
    private readonly refresh: () => Promise<void>,
    private readonly logger: Logger,
    private readonly delayMs = 100,
  ) {}

  /** Asks for a refresh soon; calls made before it starts share it. */
  schedule(): void {
    if (this.#closed || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#start();
    }, this.delayMs);
  }

  #start(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    const started = Date.now();
    this.#running = this.refresh()
      .then(() => this.logger.debug({ ms: Date.now() - started }, 'model listings refreshed'))
      .catch((error: unknown) => this.logger.error({ err: error }, 'refreshing model listings failed'))
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          this.schedule();
        }
      });
  }

  /** Resolves once no refresh is scheduled or running. */
  async idle(): Promise<void> {
    while (this.#timer || this.#running) {
      await (this.#running ?? new Promise((resolve) => setTimeout(resolve, this.delayMs)));
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}

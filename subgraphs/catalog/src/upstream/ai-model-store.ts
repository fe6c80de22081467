import { upstreamUnavailable, type Db, type Logger } from '@sixfold/kit';
import type { CatalogTx } from '../context.js';
import type { AiModel } from '../generated/prisma/client.js';
import { importModelList } from './import.js';
import { ModelListUnavailable } from './openrouter.js';

export interface AiModelStoreOptions {
  /** Database access outside any request (the store outlives them). */
  db: Db<CatalogTx>;
  /** Fetches the upstream list (OpenRouter's `/models` body). */
  fetchUpstream: () => Promise<unknown>;
  /** Where the upstream list comes from, for messages. */
  upstreamName: string;
  ttlMs: number;
  logger: Logger;
}

/**
 * The OpenRouter model list with seed 004's read path: the in-memory copy first, the database
 * second, the upstream API third (whose answer is stored before it is served). Concurrent
 * misses share one load.
 */
export class AiModelStore {
  #cached: { models: AiModel[]; until: number } | undefined;
  #loading: Promise<AiModel[]> | undefined;

  constructor(private readonly options: AiModelStoreOptions) {}

  async list(): Promise<AiModel[]> {
    if (this.#cached && this.#cached.until > Date.now()) return this.#cached.models;
    this.#loading ??= this.#load().finally(() => (this.#loading = undefined));
    return this.#loading;
  }

  /** Forgets the in-memory copy (the database changed: an import ran). */
  invalidate(): void {
    this.#cached = undefined;
  }

  async #load(): Promise<AiModel[]> {
    const { db, logger } = this.options;
    const read = () => db.run((tx) => tx.aiModel.findMany({ orderBy: { id: 'asc' } }));
    let models = await read();
    if (models.length === 0) {
      logger.info({ upstream: this.options.upstreamName }, 'no ai models stored; fetching them upstream');
      try {
        await importModelList(db, await this.options.fetchUpstream(), { source: this.options.upstreamName, logger });
      } catch (error) {
        if (error instanceof ModelListUnavailable) throw upstreamUnavailable('The OpenRouter model list', error.message);
        throw error;
      }
      models = await read();
    }
    this.#cached = { models, until: Date.now() + this.options.ttlMs };
    return models;
  }
}

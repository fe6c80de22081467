import type { Db, EventBus, Logger } from '@sixfold/kit';
import { z } from 'zod';
import type { ObservabilityTx } from './context.js';
import { Topic } from './topics.js';

/** `catalog.modelChanged`, as catalog publishes it after creating or updating a model. */
const catalogModelChanged = z.object({
  id: z.guid().transform((id) => id.toLowerCase()),
  slug: z.string().min(1).max(100),
  providerId: z.guid().transform((id) => id.toLowerCase()),
  isActive: z.boolean(),
});

const RESUBSCRIBE_AFTER_MS = 2_000;

export interface CatalogFollower {
  close(): Promise<void>;
}

/**
 * Keeps `observability.monitored_models` (the models probes may report on) in step with catalog,
 * from catalog's events: the domains share ids, never tables. Survives bad payloads, database
 * errors and the bus going away (it subscribes again).
 */
export function followCatalogModels(bus: EventBus, db: Db<ObservabilityTx>, logger: Logger): CatalogFollower {
  let events: AsyncIterableIterator<unknown> | undefined;
  let closed = false;
  let wake: (() => void) | undefined;

  const apply = async (payload: unknown) => {
    const parsed = catalogModelChanged.safeParse(payload);
    if (!parsed.success) {
      logger.warn({ topic: Topic.catalogModelChanged, issue: parsed.error.issues[0]?.message }, 'ignoring a malformed catalog model event');
      return;
    }
    const { id, slug, providerId, isActive } = parsed.data;
    try {
      await db.run((tx) => tx.monitoredModel.upsert({ where: { id }, create: { id, slug, providerId, isActive }, update: { slug, providerId, isActive } }));
    } catch (error) {
      logger.error({ err: error, modelId: id }, 'could not record a catalog model change');
    }
  };

  const follow = async () => {
    while (!closed) {
      try {
        events = bus.subscribe<unknown>(Topic.catalogModelChanged);
        for await (const payload of events) await apply(payload);
      } catch (error) {
        if (closed) break;
        logger.warn({ err: (error as Error).message }, `lost ${Topic.catalogModelChanged}; subscribing again`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, RESUBSCRIBE_AFTER_MS).unref();
        });
      }
    }
  };
  void follow();

  return {
    async close() {
      closed = true;
      wake?.();
      // Not awaited: while the bus waits for Redis, ending the subscription waits too. The loop
      // ends when the bus closes.
      void events?.return?.()?.catch(() => {});
    },
  };
}

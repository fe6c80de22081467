import { pickLocale, DEFAULT_LOCALE } from '@sixfold/kit';
import type { Model } from './generated/prisma/client.js';

/** Bus topic: a model was created or updated (published after the change commits). */
export const MODEL_CHANGED = 'catalog.modelChanged';

/** What other domains keep about a model (observability keeps the ids it monitors). */
export interface ModelChangedEvent {
  id: string;
  slug: string;
  providerId: string;
  isActive: boolean;
  /** The en-US name. */
  name: string;
}

export const modelChangedEvent = (model: Model): ModelChangedEvent => ({
  id: model.id,
  slug: model.slug,
  providerId: model.providerId,
  isActive: model.isActive,
  name: pickLocale(model.name, DEFAULT_LOCALE) ?? model.slug,
});

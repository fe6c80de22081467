import { badInput, type PageRequest } from '@sixfold/kit';
import type { AiModelOrder } from '../generated/graphql.js';
import type { AiModel } from '../generated/prisma/client.js';

const compare: Record<AiModelOrder['field'], (a: AiModel, b: AiModel) => number> = {
  NAME: (a, b) => a.name.localeCompare(b.name, 'en'),
  CONTEXT_LENGTH: (a, b) => (a.contextLength ?? -1) - (b.contextLength ?? -1),
  CREATED: (a, b) => (a.created?.getTime() ?? -1) - (b.created?.getTime() ?? -1),
};

/** Filters, sorts (stably: ties by id) and pages the in-memory model list. */
export function pageOfAiModels(all: readonly AiModel[], page: PageRequest, options: { minContextLength?: number | null; orderBy?: AiModelOrder | null }) {
  const { minContextLength, orderBy } = options;
  if (minContextLength != null && minContextLength < 0) throw badInput('minContextLength', 'must not be negative');
  const kept = minContextLength != null ? all.filter((m) => (m.contextLength ?? 0) >= minContextLength) : [...all];
  const sign = orderBy?.direction === 'DESC' ? -1 : 1;
  const byField = compare[orderBy?.field ?? 'NAME'];
  kept.sort((a, b) => sign * byField(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { models: kept.slice(page.offset, page.offset + page.first), totalCount: kept.length };
}

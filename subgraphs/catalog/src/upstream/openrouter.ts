import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * OpenRouter's model list (`GET /api/v1/models`): `{ "data": [ { id, name, description,
 * context_length, created, pricing, architecture, … } ] }`. The catalog keeps the fields of
 * seed 004's ai_models; the rest of an entry is checked only as far as the free-model filter needs.
 */
const entrySchema = z.object({
  id: z.string().max(255).regex(/^[\w.-]+\/[\w.:-]+$/, 'is not an OpenRouter model id (provider/model)'),
  name: z.string().trim().min(1, 'is empty'),
  description: z.string().nullish(),
  context_length: z.number().int().positive().nullish(),
  /** Unix seconds. */
  created: z.number().int().positive().nullish(),
  pricing: z.object({ prompt: z.string().optional(), completion: z.string().optional() }).optional(),
});

const listSchema = z.object({ data: z.array(z.unknown()) });

/** A row of catalog.ai_models. */
export interface AiModelInput {
  id: string;
  name: string;
  description: string | null;
  contextLength: number | null;
  created: Date | null;
}

export interface SkippedEntry {
  /** The entry's id, when it has a readable one. */
  id: string | null;
  reason: string;
}

export interface ParsedModelList {
  received: number;
  models: AiModelInput[];
  skipped: SkippedEntry[];
}

/** The model list is unreachable or unreadable; `reason` says why, for a person to read. */
export class ModelListUnavailable extends Error {
  override name = 'ModelListUnavailable';
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(`${source}: ${reason}`);
  }
}

const isFree = (pricing: { prompt?: string; completion?: string } | undefined) => Number(pricing?.prompt ?? NaN) === 0 && Number(pricing?.completion ?? NaN) === 0;

/**
 * Checks a model list entry by entry: a malformed entry is skipped (with the reason) rather than
 * failing the whole list, and so is a repeated id. A body that is not a model list at all throws.
 */
export function parseModelList(body: unknown, source: string, options: { freeOnly?: boolean } = {}): ParsedModelList {
  const list = listSchema.safeParse(body);
  if (!list.success) throw new ModelListUnavailable(source, 'is not an OpenRouter model list (expected {"data": [...]})');
  const models: AiModelInput[] = [];
  const skipped: SkippedEntry[] = [];
  const seen = new Set<string>();
  for (const raw of list.data.data) {
    const rawId = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : null;
    const entry = entrySchema.safeParse(raw);
    if (!entry.success) {
      const issue = entry.error.issues[0]!;
      skipped.push({ id: rawId, reason: `${issue.path.join('.') || 'entry'} ${issue.message}` });
      continue;
    }
    const m = entry.data;
    if (seen.has(m.id)) {
      skipped.push({ id: m.id, reason: 'repeats an id listed earlier' });
      continue;
    }
    seen.add(m.id);
    if (options.freeOnly && !isFree(m.pricing)) {
      skipped.push({ id: m.id, reason: 'not free' });
      continue;
    }
    models.push({
      id: m.id,
      name: m.name,
      description: m.description ?? null,
      contextLength: m.context_length ?? null,
      created: m.created ? new Date(m.created * 1000) : null,
    });
  }
  return { received: list.data.data.length, models, skipped };
}

/** Fetches the list from `url`; every failure becomes a ModelListUnavailable saying what happened. */
export async function fetchModelList(url: string, timeoutMs: number): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new ModelListUnavailable(url, `no answer (${describeFetchFailure(error, timeoutMs)})`);
  }
  if (!response.ok) throw new ModelListUnavailable(url, `answered HTTP ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw new ModelListUnavailable(url, 'did not answer with JSON');
  }
}

export async function readModelListFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ModelListUnavailable(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ModelListUnavailable(path, 'is not JSON');
  }
}

function describeFetchFailure(error: unknown, timeoutMs: number): string {
  if ((error as Error).name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  // undici reports network failures as "fetch failed" with the system error as the cause.
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

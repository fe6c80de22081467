import { badInput, conflict, notFound, parseInput } from '@sixfold/kit';
import { z } from 'zod';
import { requireCatalogEditor } from '../access.js';
import type { CatalogContext } from '../context.js';
import { MODEL_CHANGED, modelChangedEvent } from '../events.js';
import type { CreateModelInput, UpdateModelInput } from '../generated/graphql.js';
import { Prisma, type Model } from '../generated/prisma/client.js';
import { day, jsonObject, localizedText, modelSlug, uuid, withEnglish } from './validation.js';

const MODALITIES = ['text', 'image', 'audio', 'video', 'file'] as const;

const distinct = <T>(list: T[]) => new Set(list).size === list.length;
const tokens = z.number().int('must be a whole number').positive('must be positive').max(100_000_000, 'must be at most 100,000,000');

const fields = {
  providerId: uuid,
  slug: modelSlug,
  name: localizedText(200).refine(withEnglish, 'must include an en-US name'),
  description: localizedText(4_000).nullish(),
  foundationModel: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').nullish(),
  releasedAt: day.nullish(),
  deprecatedAt: day.nullish(),
  sunsetAt: day.nullish(),
  trainingCutoff: day.nullish(),
  modalities: z.array(z.enum(MODALITIES, `must be one of ${MODALITIES.join(', ')}`)).refine(distinct, 'must not repeat a modality').optional(),
  capabilities: z
    .array(z.string().max(50, 'must be at most 50 characters').regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case, e.g. function_calling'))
    .max(30, 'must list at most 30 capabilities')
    .refine(distinct, 'must not repeat a capability')
    .optional(),
  contextWindow: tokens.nullish(),
  maxOutputTokens: tokens.nullish(),
  apiVersion: z.string().trim().min(1, 'must not be empty').max(50, 'must be at most 50 characters').nullish(),
  isActive: z.boolean('must be true or false').optional(),
  metadata: jsonObject.optional(),
};
const createSchema = z.object(fields);
const updateSchema = z.object({ ...fields, providerId: fields.providerId.optional(), slug: fields.slug.optional(), name: fields.name.optional() });

type ModelInput = z.output<typeof updateSchema>;

/** Checks that need the whole model (the stored one with the changes applied). */
function checkConsistency(model: Pick<Model, 'releasedAt' | 'deprecatedAt' | 'sunsetAt' | 'contextWindow' | 'maxOutputTokens'>) {
  if (model.releasedAt && model.deprecatedAt && model.deprecatedAt < model.releasedAt) throw badInput('input.deprecatedAt', 'must not be before releasedAt');
  if (model.deprecatedAt && model.sunsetAt && model.sunsetAt < model.deprecatedAt) throw badInput('input.sunsetAt', 'must not be before deprecatedAt');
  if (model.contextWindow && model.maxOutputTokens && model.maxOutputTokens > model.contextWindow)
    throw badInput('input.maxOutputTokens', 'must not exceed contextWindow');
}

async function checkReferences(ctx: CatalogContext, input: ModelInput, self?: string) {
  const [provider, sameSlug] = await Promise.all([
    input.providerId ? ctx.loaders.providerById.load(input.providerId) : undefined,
    input.slug ? ctx.loaders.modelBySlug.load(input.slug) : undefined,
  ]);
  if (input.providerId && !provider) throw badInput('input.providerId', 'no provider with this id');
  if (sameSlug && sameSlug.id !== self) throw conflict('input.slug', `a model "${input.slug}" already exists`);
}

/** Prisma writes JSON null as DbNull; everything else as given. */
const description = (value: Record<string, string> | null | undefined) => (value === null ? Prisma.DbNull : value);

/** Other domains learn of the change once it commits; the listing follows shortly after. */
function afterModelWrite(ctx: CatalogContext, model: Model) {
  ctx.loaders.modelById.clear(model.id).prime(model.id, model);
  ctx.db.afterCommit(() => ctx.bus.publish(MODEL_CHANGED, modelChangedEvent(model)));
  ctx.db.afterCommit(() => ctx.services.listings.schedule());
}

export async function createModel(ctx: CatalogContext, input: CreateModelInput): Promise<Model> {
  requireCatalogEditor(ctx.identity);
  const data = parseInput(createSchema, input, 'input', { indexes: 'brackets' });
  checkConsistency({ releasedAt: null, deprecatedAt: null, sunsetAt: null, contextWindow: null, maxOutputTokens: null, ...data });
  await checkReferences(ctx, data);
  const model = await ctx.db.run((tx) => tx.model.create({ data: { ...data, description: description(data.description) } }));
  afterModelWrite(ctx, model);
  return model;
}

export async function updateModel(ctx: CatalogContext, idArg: string, input: UpdateModelInput): Promise<Model> {
  requireCatalogEditor(ctx.identity);
  const id = parseInput(uuid, idArg, 'id');
  const data = parseInput(updateSchema, input, 'input', { indexes: 'brackets' });
  const current = await ctx.loaders.modelById.load(id);
  if (!current) throw notFound('Model');
  checkConsistency({ ...current, ...data });
  await checkReferences(ctx, data, id);
  const model = await ctx.db.run((tx) =>
    tx.model.update({ where: { id }, data: { ...data, description: description(data.description) } }),
  );
  afterModelWrite(ctx, model);
  return model;
}

import { conflict, notFound, parseInput } from '@sixfold/kit';
import { z } from 'zod';
import { requireCatalogEditor } from '../access.js';
import type { CatalogContext } from '../context.js';
import type { CreateProviderInput, UpdateProviderInput } from '../generated/graphql.js';
import type { Provider } from '../generated/prisma/client.js';
import { httpUrl, jsonObject, providerSlug, region, uuid } from './validation.js';

const fields = {
  slug: providerSlug,
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  logoUrl: httpUrl.nullish(),
  websiteUrl: httpUrl.nullish(),
  statusPageUrl: httpUrl.nullish(),
  documentationUrl: httpUrl.nullish(),
  regions: z.array(region).max(50, 'must list at most 50 regions').refine((list) => new Set(list).size === list.length, 'must not repeat a region'),
  metadata: jsonObject,
};
const createSchema = z.object({ ...fields, regions: fields.regions.optional(), metadata: fields.metadata.optional() });
const updateSchema = z.object({ ...fields, slug: fields.slug.optional(), name: fields.name.optional(), regions: fields.regions.optional(), metadata: fields.metadata.optional() });

async function assertSlugFree(ctx: CatalogContext, slug: string, self?: string) {
  const existing = await ctx.loaders.providerBySlug.load(slug);
  if (existing && existing.id !== self) throw conflict('input.slug', `a provider "${slug}" already exists`);
}

/** A provider's name and logo appear in the model listing. */
function afterProviderWrite(ctx: CatalogContext) {
  ctx.db.afterCommit(() => ctx.services.listings.schedule());
}

export async function createProvider(ctx: CatalogContext, input: CreateProviderInput): Promise<Provider> {
  requireCatalogEditor(ctx.identity);
  const data = parseInput(createSchema, input, 'input', { indexes: 'brackets' });
  await assertSlugFree(ctx, data.slug);
  const provider = await ctx.db.run((tx) => tx.provider.create({ data }));
  afterProviderWrite(ctx);
  return provider;
}

export async function updateProvider(ctx: CatalogContext, idArg: string, input: UpdateProviderInput): Promise<Provider> {
  requireCatalogEditor(ctx.identity);
  const id = parseInput(uuid, idArg, 'id');
  const data = parseInput(updateSchema, input, 'input', { indexes: 'brackets' });
  if (!(await ctx.loaders.providerById.load(id))) throw notFound('Provider');
  if (data.slug) await assertSlugFree(ctx, data.slug, id);
  const provider = await ctx.db.run((tx) => tx.provider.update({ where: { id }, data }));
  ctx.loaders.providerById.clear(id).prime(id, provider);
  afterProviderWrite(ctx);
  return provider;
}

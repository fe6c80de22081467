import { badInput, notFound, parseInput } from '@sixfold/kit';
import { z } from 'zod';
import { requireCatalogEditor } from '../access.js';
import type { CatalogContext, CatalogTx } from '../context.js';
import type { CreatePriceInput, UpdatePriceInput } from '../generated/graphql.js';
import type { Prisma, Pricing } from '../generated/prisma/client.js';
import { currency, day, decimal, isoDay, jsonObject, money, region, uuid } from './validation.js';

const PRICE_FIELDS = ['inputPerMillion', 'outputPerMillion', 'imagePerUnit', 'audioPerMinute', 'videoPerMinute', 'fineTuningPerMillion'] as const;

const volumeDiscounts = z
  .array(
    z.object({
      minMillionTokens: z.number().int('must be a whole number').positive('must be positive'),
      discountPercent: decimal(5, 2, { max: '100' }).refine((p) => Number(p) > 0, 'must be more than 0'),
    }),
  )
  .max(20, 'must list at most 20 discounts')
  .superRefine((discounts, ctx) => {
    discounts.forEach((d, i) => {
      if (i > 0 && d.minMillionTokens <= discounts[i - 1]!.minMillionTokens)
        ctx.addIssue({ code: 'custom', path: [i, 'minMillionTokens'], message: 'thresholds must increase' });
    });
  });

const fields = {
  modelId: uuid,
  tier: z.string().max(50, 'must be at most 50 characters').regex(/^[a-z][a-z0-9_]*$/, 'must be a lowercase tier name such as standard or enterprise'),
  region: region.nullish(),
  currency,
  inputPerMillion: money.nullish(),
  outputPerMillion: money.nullish(),
  imagePerUnit: money.nullish(),
  audioPerMinute: money.nullish(),
  videoPerMinute: money.nullish(),
  fineTuningPerMillion: money.nullish(),
  volumeDiscounts: volumeDiscounts.optional(),
  effectiveFrom: day,
  effectiveTo: day.nullish(),
  metadata: jsonObject.optional(),
};

const createSchema = z.object(fields);
const { modelId: _modelId, ...updatable } = fields;
const updateSchema = z.object({ ...updatable, tier: fields.tier.optional(), currency: fields.currency.optional(), effectiveFrom: fields.effectiveFrom.optional() });

type PriceShape = Pick<Pricing, 'modelId' | 'tier' | 'region' | 'effectiveFrom' | 'effectiveTo'> & Partial<Record<(typeof PRICE_FIELDS)[number], unknown>>;

/** Checks that need the whole price (the stored one with the changes applied). */
async function checkPrice(tx: CatalogTx, price: PriceShape, self?: string) {
  if (PRICE_FIELDS.every((f) => price[f] == null)) throw badInput('input.inputPerMillion', `give at least one of ${PRICE_FIELDS.join(', ')}`);
  if (price.effectiveTo && price.effectiveTo <= price.effectiveFrom) throw badInput('input.effectiveTo', 'must be after effectiveFrom');
  // The exclusion constraint pricing_no_overlap guarantees this too; asking first names the clash.
  const clash = await tx.pricing.findFirst({
    where: {
      modelId: price.modelId,
      tier: price.tier,
      region: price.region ?? null,
      ...(self ? { id: { not: self } } : {}),
      ...(price.effectiveTo ? { effectiveFrom: { lt: price.effectiveTo } } : {}),
      OR: [{ effectiveTo: null }, { effectiveTo: { gt: price.effectiveFrom } }],
    },
    orderBy: { effectiveFrom: 'asc' },
  });
  if (clash) {
    const where = clash.region ? `in ${clash.region}` : 'globally';
    const until = clash.effectiveTo ? `until ${isoDay(clash.effectiveTo)}` : 'with no end';
    throw badInput('input.effectiveFrom', `overlaps the ${clash.tier} price ${where} in effect from ${isoDay(clash.effectiveFrom)} ${until}; end that one first`);
  }
}

/** Discounts are stored as given (decimal strings keep their precision). */
const json = (value: unknown) => value as Prisma.InputJsonValue | undefined;

/**
 * Two editors adding overlapping prices at the same moment both pass checkPrice; the database's
 * exclusion constraint stops the second, which gets the same answer as if it had come later.
 */
async function guardOverlap<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } } }).meta?.driverAdapterError?.cause;
    if (cause?.originalCode === '23P01' && cause.originalMessage?.includes('pricing_no_overlap'))
      throw badInput('input.effectiveFrom', 'overlaps a price of the same tier and region that was just added; end that one first');
    throw error;
  }
}

export async function createPrice(ctx: CatalogContext, input: CreatePriceInput): Promise<Pricing> {
  requireCatalogEditor(ctx.identity);
  const data = parseInput(createSchema, input, 'input', { indexes: 'brackets' });
  if (!(await ctx.loaders.modelById.load(data.modelId))) throw badInput('input.modelId', 'no model with this id');
  return ctx.db.run(async (tx) => {
    await checkPrice(tx, { ...data, region: data.region ?? null, effectiveTo: data.effectiveTo ?? null });
    return guardOverlap(tx.pricing.create({ data: { ...data, volumeDiscounts: json(data.volumeDiscounts) } }));
  });
}

export async function updatePrice(ctx: CatalogContext, idArg: string, input: UpdatePriceInput): Promise<Pricing> {
  requireCatalogEditor(ctx.identity);
  const id = parseInput(uuid, idArg, 'id');
  const data = parseInput(updateSchema, input, 'input', { indexes: 'brackets' });
  return ctx.db.run(async (tx) => {
    const current = await tx.pricing.findUnique({ where: { id } });
    if (!current) throw notFound('Price');
    await checkPrice(tx, { ...current, ...data }, id);
    return guardOverlap(tx.pricing.update({ where: { id }, data: { ...data, volumeDiscounts: json(data.volumeDiscounts) } }));
  });
}

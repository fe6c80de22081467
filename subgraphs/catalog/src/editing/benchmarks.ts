import { badInput, conflict, notFound, parseInput } from '@sixfold/kit';
import { z } from 'zod';
import { requireCatalogEditor } from '../access.js';
import type { CatalogContext, CatalogTx } from '../context.js';
import type { CreateBenchmarkScoreInput, UpdateBenchmarkScoreInput } from '../generated/graphql.js';
import { Prisma, type BenchmarkScore, type BenchmarkSuite } from '../generated/prisma/client.js';
import { day, decimal, isoDay, jsonObject, uuid } from './validation.js';

const fields = {
  modelId: uuid,
  suiteId: uuid,
  scoreRaw: decimal(10, 4),
  scoreNormalized: decimal(5, 2, { max: '100' }).nullish(),
  evaluationDate: day.refine((date) => date.getTime() <= Date.now(), 'must not be in the future'),
  evaluationCommit: z.string().regex(/^[0-9a-f]{7,40}$/, 'must be a git commit hash (7–40 hex digits)').nullish(),
  configuration: jsonObject.optional(),
  notes: z.string().max(2_000, 'must be at most 2000 characters').nullish(),
  isOfficial: z.boolean('must be true or false').optional(),
};
const createSchema = z.object(fields);
const { modelId: _modelId, suiteId: _suiteId, ...updatable } = fields;
const updateSchema = z.object({ ...updatable, scoreRaw: fields.scoreRaw.optional(), evaluationDate: fields.evaluationDate.optional() });

/** The score on the 0–100 scale, from the raw one where the suite says what 100 is. */
function normalized(suite: BenchmarkSuite, raw: string, given: string | null | undefined): string | null | undefined {
  if (suite.maxScore && new Prisma.Decimal(raw).gt(suite.maxScore)) throw badInput('input.scoreRaw', `must not exceed the suite's maximum of ${suite.maxScore.toString()}`);
  if (given !== undefined || !suite.maxScore) return given;
  return new Prisma.Decimal(raw).div(suite.maxScore).mul(100).toDecimalPlaces(2).toString();
}

async function assertFirstOfDay(tx: CatalogTx, score: Pick<BenchmarkScore, 'modelId' | 'suiteId' | 'evaluationDate'>, self?: string) {
  const { modelId, suiteId, evaluationDate } = score;
  const existing = await tx.benchmarkScore.findUnique({ where: { modelId_suiteId_evaluationDate: { modelId, suiteId, evaluationDate } } });
  if (existing && existing.id !== self) throw conflict('input.evaluationDate', `the model already has a score on this suite for ${isoDay(score.evaluationDate)}`);
}

/**
 * Every model's percentile on the suite may move when one score changes; recompute them in the
 * same transaction, then read the score back with its own.
 */
async function rankAndReload(tx: CatalogTx, score: BenchmarkScore): Promise<BenchmarkScore> {
  await tx.$executeRaw`SELECT catalog.rank_benchmark_scores(ARRAY[${score.suiteId}::uuid])`;
  return tx.benchmarkScore.findUniqueOrThrow({ where: { id: score.id } });
}

export async function createBenchmarkScore(ctx: CatalogContext, input: CreateBenchmarkScoreInput): Promise<BenchmarkScore> {
  requireCatalogEditor(ctx.identity);
  const data = parseInput(createSchema, input, 'input', { indexes: 'brackets' });
  const [model, suite] = await Promise.all([ctx.loaders.modelById.load(data.modelId), ctx.loaders.suiteById.load(data.suiteId)]);
  if (!model) throw badInput('input.modelId', 'no model with this id');
  if (!suite) throw badInput('input.suiteId', 'no benchmark suite with this id');
  const scoreNormalized = normalized(suite, data.scoreRaw, data.scoreNormalized);
  const score = await ctx.db.run(async (tx) => {
    await assertFirstOfDay(tx, data);
    const created = await tx.benchmarkScore.create({ data: { ...data, scoreNormalized } });
    return rankAndReload(tx, created);
  });
  ctx.db.afterCommit(() => ctx.services.listings.schedule());
  return score;
}

export async function updateBenchmarkScore(ctx: CatalogContext, idArg: string, input: UpdateBenchmarkScoreInput): Promise<BenchmarkScore> {
  requireCatalogEditor(ctx.identity);
  const id = parseInput(uuid, idArg, 'id');
  const data = parseInput(updateSchema, input, 'input', { indexes: 'brackets' });
  const score = await ctx.db.run(async (tx) => {
    const current = await tx.benchmarkScore.findUnique({ where: { id }, include: { suite: true } });
    if (!current) throw notFound('BenchmarkScore');
    const { suite, ...stored } = current;
    const merged = { ...stored, ...data };
    // A new raw score re-derives the normalized one unless that is given too.
    const scoreNormalized = data.scoreRaw !== undefined ? normalized(suite, data.scoreRaw, data.scoreNormalized) : data.scoreNormalized;
    if (data.evaluationDate) await assertFirstOfDay(tx, merged, id);
    const updated = await tx.benchmarkScore.update({ where: { id }, data: { ...data, scoreNormalized } });
    return rankAndReload(tx, updated);
  });
  ctx.db.afterCommit(() => ctx.services.listings.schedule());
  return score;
}

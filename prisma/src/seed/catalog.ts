import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Faker } from '@faker-js/faker';
import { REPO_ROOT } from '../domains.js';
import { FINE_TUNE_DOMAINS, MODELS, NEWS, PROVIDERS, SUITES, type ModelData, type ProviderData } from './catalog-data.js';
import { insertRows, json, type DomainSeed, type SeedContext } from './context.js';

/**
 * The AI model directory: real providers and models (catalog-data.ts) with regional endpoints,
 * tiered and regional pricing with history, benchmark scores, documentation, news, user
 * preferences and the OpenRouter model list. Scale 1 is the demo (~30 models); every further
 * scale unit adds FINE_TUNES_PER_SCALE community fine-tunes of the open-weights models, so
 * `--scale 11` gives more than 10,000 models for load and search tests.
 */
const FINE_TUNES_PER_SCALE = 1_000;

/** The sample OpenRouter `/models` response the importer's tests use, shared with the demo. */
const OPENROUTER_SAMPLE = join(REPO_ROOT, 'subgraphs', 'catalog', 'fixtures', 'openrouter-models.json');

const DAY = 86_400_000;
const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const daysBefore = (date: Date, days: number) => new Date(date.getTime() - days * DAY);
const today = () => new Date(`${isoDate(new Date())}T00:00:00Z`);
const laterOf = (a: string, b: string) => (a > b ? a : b);
const scaled = (price: string, factor: number, decimals = 4) => (Number(price) * factor).toFixed(decimals);

type Row = Record<string, unknown>;
interface SeededModel {
  id: string;
  slug: string;
  providerId: string;
  data: ModelData;
}

export const catalogSeed: DomainSeed = {
  domain: 'catalog',
  tables: [
    'catalog.news_model_mentions',
    'catalog.news_articles',
    'catalog.documentation',
    'catalog.benchmark_scores',
    'catalog.benchmark_suites',
    'catalog.pricing',
    'catalog.model_endpoints',
    'catalog.user_preferences',
    'catalog.models',
    'catalog.providers',
    'catalog.ai_models',
  ],
  async seed(ctx) {
    const faker = ctx.faker('catalog');
    ctx.shared.regions = [...new Set(PROVIDERS.flatMap((p) => p.regions))].sort();

    const providers = PROVIDERS.map((p) => ({ id: faker.string.uuid(), data: p }));
    const providerBySlug = new Map(providers.map((p) => [p.data.slug, p]));
    await insertRows(
      ctx,
      'catalog',
      'catalog.providers',
      providers.map(({ id, data: p }) => ({
        id,
        slug: p.slug,
        name: p.name,
        logo_url: `https://cdn.sixfold.dev/logos/${p.slug}.svg`,
        website_url: p.website,
        status_page_url: `https://status.${new URL(p.website).hostname.replace(/^www\./, '')}`,
        documentation_url: `https://${p.apiHost}/docs`,
        regions: json(p.regions),
        metadata: { headquarters: p.headquarters },
      })),
    );
    ctx.shared.providers = providers.map((p) => ({ id: p.id, slug: p.data.slug }));

    const models: SeededModel[] = MODELS.map((data) => ({ id: faker.string.uuid(), slug: data.slug, providerId: providerBySlug.get(data.provider)!.id, data }));
    models.push(...fineTunes(faker, models, (ctx.scale - 1) * FINE_TUNES_PER_SCALE));
    await insertRows(ctx, 'catalog', 'catalog.models', models.map(modelRow));
    ctx.shared.models = models.map((m) => ({ id: m.id, slug: m.slug, providerId: m.providerId }));

    const providerOf = (m: SeededModel) => providerBySlug.get(m.data.provider)!.data;
    await insertRows(ctx, 'catalog', 'catalog.model_endpoints', models.flatMap((m) => endpointRows(faker, m, providerOf(m))));
    await insertRows(ctx, 'catalog', 'catalog.pricing', models.flatMap((m) => pricingRows(m, providerOf(m))));
    await seedBenchmarks(ctx, faker, models);
    await insertRows(ctx, 'catalog', 'catalog.documentation', models.slice(0, MODELS.length).flatMap((m) => documentationRows(m, providerOf(m))));
    await seedNews(ctx, faker, models);
    await seedPreferences(ctx, faker, models);
    await seedAiModels(ctx);
    // The seed owns the view, and nobody reads it inside this transaction: a plain refresh will do.
    await ctx.client.query('REFRESH MATERIALIZED VIEW catalog.model_listings');
  },
};

/** Community fine-tunes of the open-weights models: what makes the directory big at scale. */
function fineTunes(faker: Faker, models: SeededModel[], count: number): SeededModel[] {
  const bases = models.filter((m) => m.data.capabilities.includes('fine_tuning') || ['meta-llama', 'qwen', 'deepseek', 'mistralai'].includes(m.data.provider));
  return Array.from({ length: count }, (_, n) => {
    const base = bases[n % bases.length]!;
    const domain = FINE_TUNE_DOMAINS[Math.floor(n / bases.length) % FINE_TUNE_DOMAINS.length]!;
    const name = `${base.data.name} ${domain} FT-${n + 1}`;
    const slug = `${base.slug}-${domain.toLowerCase()}-ft-${n + 1}`;
    const data: ModelData = {
      ...base.data,
      slug,
      name,
      zhName: undefined,
      description: `Community fine-tune of ${base.data.name} for ${domain.toLowerCase()} work: ${faker.lorem.sentence({ min: 6, max: 12 })}`,
      zhDescription: `${base.data.name} 的社区微调版本（${domain}）。`,
      released: isoDate(faker.date.between({ from: base.data.released, to: '2026-10-01' })),
      deprecated: undefined,
      sunset: undefined,
      price: [scaled(base.data.price[0], 0.8), scaled(base.data.price[1], 0.8)],
      previousPrice: undefined,
      strength: Math.max(0.05, base.data.strength - faker.number.float({ min: 0, max: 0.2 })),
      isActive: faker.number.int(100) > 3,
    };
    return { id: faker.string.uuid(), slug, providerId: base.providerId, data };
  });
}

function modelRow({ id, providerId, data: m }: SeededModel): Row {
  return {
    id,
    provider_id: providerId,
    slug: m.slug,
    name: { 'en-US': m.name, 'zh-CN': m.zhName ?? m.name },
    description: { 'en-US': m.description, 'zh-CN': m.zhDescription },
    foundation_model: m.foundation,
    released_at: m.released,
    deprecated_at: m.deprecated ?? null,
    sunset_at: m.sunset ?? null,
    modalities: m.modalities,
    capabilities: m.capabilities,
    context_window: m.context,
    max_output_tokens: m.maxOutput,
    training_cutoff: m.trainingCutoff,
    api_version: m.released.slice(0, 7),
    is_active: m.isActive ?? true,
    metadata: { openWeights: ['meta-llama', 'qwen', 'deepseek'].includes(m.provider) || m.slug.startsWith('gemma') },
  };
}

/** One endpoint per region the provider serves, in failover order (a fine-tune: its first region only). */
function endpointRows(faker: Faker, { id, data: m }: SeededModel, provider: ProviderData): Row[] {
  const regions = m.slug.includes('-ft-') ? provider.regions.slice(0, 1) : provider.regions;
  return regions.map((region, i) => ({
    id: faker.string.uuid(),
    model_id: id,
    region,
    endpoint_url: `https://${region}.${provider.apiHost}/v1/models/${m.slug}`,
    is_active: (m.isActive ?? true) && !(i > 0 && faker.number.int(100) < 8),
    priority: (i + 1) * 10,
  }));
}

/**
 * Standard prices (global USD, with history where the list price changed), enterprise prices
 * (15% off, with volume discounts), and local-currency standard prices in the regions that have
 * their own price list. Other regions fall back to the global price.
 */
function pricingRows({ id, data: m }: SeededModel, provider: ProviderData): Row[] {
  const row = (tier: string, region: string | null, currency: string, [input, output]: [string, string], from: string, to: string | null, extra: Row = {}): Row => ({
    model_id: id,
    tier,
    region,
    currency,
    input_per_million: input,
    output_per_million: output,
    audio_per_minute: m.audioPerMinute ?? null,
    fine_tuning_per_million: m.fineTuningPerMillion ?? null,
    volume_discounts: json([]),
    effective_from: from,
    effective_to: to,
    metadata: {},
    ...extra,
  });
  const current = m.previousPrice?.changedOn ?? m.released;
  const rows = [row('standard', null, 'USD', m.price, current, null)];
  if (m.previousPrice) rows.push(row('standard', null, 'USD', m.previousPrice.price, m.released, m.previousPrice.changedOn));
  if (m.slug.includes('-ft-')) return rows;
  rows.push(
    row('enterprise', null, 'USD', [scaled(m.price[0], 0.85), scaled(m.price[1], 0.85)], laterOf(m.released, '2025-01-01'), null, {
      volume_discounts: json([
        { minMillionTokens: 100, discountPercent: '5.00' },
        { minMillionTokens: 1_000, discountPercent: '12.00' },
      ]),
      metadata: { contract: 'annual commitment' },
    }),
  );
  for (const local of provider.regionalPrices ?? []) {
    rows.push(row('standard', local.region, local.currency, [scaled(m.price[0], local.rate, 2), scaled(m.price[1], local.rate, 2)], current, null));
  }
  return rows;
}

/**
 * Two evaluations per model and suite: one months ago, one within the last 30 days (so the listing
 * shows it). A fine-tune has one recent evaluation on two suites. Percentiles are those
 * catalog.rank_benchmark_scores would give (the share of latest scores per suite at or below each),
 * computed here so that a large seed need not rewrite every score.
 */
async function seedBenchmarks(ctx: SeedContext, faker: Faker, models: SeededModel[]) {
  const suites = SUITES.map((s) => ({ id: faker.string.uuid(), data: s }));
  await insertRows(
    ctx,
    'catalog',
    'catalog.benchmark_suites',
    suites.map(({ id, data: s }) => ({
      id,
      slug: s.slug,
      name: s.name,
      description: { 'en-US': s.description, 'zh-CN': s.zhDescription },
      category: s.category,
      version: s.version,
      evaluation_type: 'accuracy',
      max_score: '100.0000',
      scoring_method: 'percentage',
    })),
  );
  const now = today();
  const scores: Array<Row & { score_normalized: string; percentile: number | null }> = [];
  const latestBySuite = new Map<string, Array<(typeof scores)[number]>>(suites.map((s) => [s.id, []]));
  for (const model of models) {
    const fineTune = model.slug.includes('-ft-');
    const applicable = suites.filter((s) => !s.data.needs || model.data.modalities.includes(s.data.needs));
    for (const suite of fineTune ? applicable.slice(0, 2) : applicable) {
      const [low, high] = suite.data.range;
      const latest = Math.min(99.5, low + (high - low) * model.data.strength + faker.number.float({ min: -2, max: 2 }));
      const evaluations: Array<[number, number]> = [[latest, faker.number.int({ min: 1, max: 28 })]];
      if (!fineTune) evaluations.push([latest - faker.number.float({ min: 0.5, max: 4 }), faker.number.int({ min: 90, max: 240 })]);
      for (const [score, daysAgo] of evaluations) {
        const row = {
          id: faker.string.uuid(),
          model_id: model.id,
          suite_id: suite.id,
          score_raw: score.toFixed(4),
          score_normalized: score.toFixed(2),
          percentile: null as number | null,
          evaluation_date: isoDate(daysBefore(now, daysAgo)),
          evaluation_commit: faker.git.commitSha({ length: 12 }),
          configuration: { shots: suite.data.category === 'code' ? 0 : 5, temperature: 0 },
          is_official: !fineTune && faker.number.int(100) < 60,
        };
        scores.push(row);
        if (score === latest) latestBySuite.get(suite.id)!.push(row);
      }
    }
  }
  for (const latest of latestBySuite.values()) {
    const values = latest.map((row) => Number(row.score_normalized)).sort((a, b) => a - b);
    for (const row of latest) row.percentile = Math.round((100 * countAtOrBelow(values, Number(row.score_normalized))) / values.length);
  }
  await insertRows(ctx, 'catalog', 'catalog.benchmark_scores', scores);
}

/** How many of the ascending `values` are at most `value` (binary search). */
function countAtOrBelow(values: number[], value: number): number {
  let [low, high] = [0, values.length];
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid]! <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function documentationRows({ id, data: m }: SeededModel, provider: ProviderData): Row[] {
  const base = `https://${provider.apiHost}/docs/models/${m.slug}`;
  const rows: Row[] = [
    { model_id: id, doc_type: 'api', title: { 'en-US': `${m.name} API reference`, 'zh-CN': `${m.name} API 参考` }, url: `${base}/api`, locale: 'en-US', version: m.released.slice(0, 7) },
    { model_id: id, doc_type: 'quickstart', title: { 'en-US': `Get started with ${m.name}`, 'zh-CN': `${m.name} 快速入门` }, url: `${base}/quickstart`, locale: 'en-US', version: null },
    { model_id: id, doc_type: 'changelog', title: { 'en-US': `${m.name} changelog` }, url: `${base}/changelog`, locale: 'en-US', version: null },
  ];
  if (['deepseek', 'qwen'].includes(m.provider)) {
    rows.push({ model_id: id, doc_type: 'quickstart', title: { 'en-US': `Get started with ${m.name} (Chinese)`, 'zh-CN': `${m.name} 快速入门（中文）` }, url: `${base}/quickstart?lang=zh`, locale: 'zh-CN', version: null });
  }
  return rows;
}

/** Authors are tenancy users; when catalog is seeded alone (its own tests), these stand-in ids take their place. */
function userIds(ctx: SeedContext, faker: Faker): string[] {
  if (ctx.shared.users.length > 0) return ctx.shared.users.map((u) => u.id);
  return Array.from({ length: 5 }, () => faker.string.uuid());
}

async function seedNews(ctx: SeedContext, faker: Faker, models: SeededModel[]) {
  const authors = userIds(ctx, faker).slice(0, 3);
  const modelIdBySlug = new Map(models.map((m) => [m.slug, m.id]));
  const articles = NEWS.map((n, i) => ({ id: faker.string.uuid(), data: n, author: authors[i % authors.length]! }));
  await insertRows(
    ctx,
    'catalog',
    'catalog.news_articles',
    articles.map(({ id, data: n, author }) => {
      const locales = n.zhTitle ? ['en-US', 'zh-CN'] : ['en-US'];
      return {
        id,
        slug: n.slug,
        title: n.zhTitle ? { 'en-US': n.title, 'zh-CN': n.zhTitle } : { 'en-US': n.title },
        summary: { 'en-US': n.summary },
        content: { 'en-US': `## ${n.title}\n\n${n.summary}\n\n${faker.lorem.paragraphs(2)}\n\nSource: ${n.source}` },
        author_id: author,
        category: n.category,
        tags: n.tags,
        source_url: n.source,
        image_url: `https://cdn.sixfold.dev/news/${n.slug}.jpg`,
        published_at: n.publishedAt,
        locale_primary: 'en-US',
        available_locales: locales,
        view_count: n.publishedAt ? faker.number.int({ min: 200, max: 40_000 }) : 0,
        is_featured: n.featured ?? false,
      };
    }),
  );
  await insertRows(
    ctx,
    'catalog',
    'catalog.news_model_mentions',
    articles.flatMap(({ id, data }) => data.mentions.map(([slug, type]) => ({ news_id: id, model_id: modelIdBySlug.get(slug)!, mention_type: type }))),
  );
}

async function seedPreferences(ctx: SeedContext, faker: Faker, models: SeededModel[]) {
  const real = models.slice(0, MODELS.length);
  const locales = ['en-US', 'zh-CN', 'en-GB', 'de-DE', 'ja-JP'];
  const currencies: Record<string, string> = { 'en-US': 'USD', 'zh-CN': 'CNY', 'en-GB': 'GBP', 'de-DE': 'EUR', 'ja-JP': 'JPY' };
  await insertRows(
    ctx,
    'catalog',
    'catalog.user_preferences',
    userIds(ctx, faker).map((userId, i) => {
      const locale = locales[i % locales.length]!;
      return {
        user_id: userId,
        preferred_locale: locale,
        preferred_region: faker.helpers.arrayElement(ctx.shared.regions),
        preferred_currency: currencies[locale],
        favorite_models: faker.helpers.arrayElements(real, { min: 1, max: 4 }).map((m) => m.id),
        display_preferences: { theme: faker.helpers.arrayElement(['light', 'dark', 'system']), density: faker.helpers.arrayElement(['comfortable', 'compact']) },
      };
    }),
  );
}

/** The OpenRouter list as the importer would have stored it (`pnpm --filter @sixfold/catalog import-models`). */
async function seedAiModels(ctx: SeedContext) {
  const { data } = JSON.parse(readFileSync(OPENROUTER_SAMPLE, 'utf8')) as { data: Array<{ id: string; name: string; description?: string; context_length?: number; created?: number }> };
  await insertRows(
    ctx,
    'catalog',
    'catalog.ai_models',
    data.map((m) => ({
      id: m.id,
      name: m.name,
      description: m.description ?? null,
      context_length: m.context_length ?? null,
      created: m.created ? new Date(m.created * 1000) : null,
    })),
  );
}

import type { Faker } from '@faker-js/faker';
import { insertRows, type DomainSeed, type SeedContext } from './context.js';

/**
 * observability: "live" demo data, relative to the moment of seeding.
 *   - raw probes for the last 3 hours, every 5 minutes, for every model in 3 regions (and those
 *     its incidents name);
 *   - 5-minute rollups for the last 12 hours and hourly rollups for the last 7 days per scale
 *     unit, 30 at most (the recent part aggregated from the raw probes, the older part generated
 *     in SQL, with dips where incidents were);
 *   - incidents in every lifecycle state (an open one on gpt-4o), with their timelines;
 *   - two weeks of analytics events, a few slow queries, and the daily stats refreshed.
 * The live Redis status is not seeded: it expires within 30 seconds anyway, and reads fall back
 * to the rollups.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FIVE_MINUTES = 5 * MINUTE;
const RAW_HOURS = 3;
const FIVE_MINUTE_HOURS = 12;
const HISTORY_DAYS_PER_SCALE = 7;
const MAX_HISTORY_DAYS = 30;

const REGION_NAMES: Record<string, string> = {
  'us-east': 'US East',
  'us-west': 'US West',
  'eu-west': 'EU West',
  'eu-central': 'EU Central',
  'asia-east': 'Asia East',
  'asia-southeast': 'Asia Southeast',
};
const PROBE_LOCATIONS: Record<string, string> = {
  'us-east': 'aws-us-east-1a',
  'us-west': 'gcp-us-west1-b',
  'eu-west': 'aws-eu-west-1a',
  'eu-central': 'hetzner-fsn1-dc14',
  'asia-east': 'aws-ap-northeast-1c',
  'asia-southeast': 'gcp-asia-southeast1-a',
};

interface Baseline {
  modelId: string;
  region: string;
  availability: number;
  latencyP50: number;
  requestsPerMinute: number;
  tokensPerRequest: number;
}

/** A type, not an interface: insertRows takes plain records. */
type SeedIncident = {
  id: string;
  model_id: string | null;
  provider_id: string;
  regions: string[];
  severity: 'minor' | 'major' | 'critical';
  status: 'investigating' | 'identified' | 'monitoring' | 'resolved';
  title: string;
  description: string;
  impact_description: string | null;
  started_at: Date;
  identified_at: Date | null;
  monitoring_at: Date | null;
  resolved_at: Date | null;
  postmortem_url: string | null;
};

/** How much an incident of each severity takes off availability (percentage points). */
const AVAILABILITY_DROP = { minor: 1.5, major: 7, critical: 45 } as const;

export const observabilitySeed: DomainSeed = {
  domain: 'observability',
  tables: [
    'observability.incident_updates',
    'observability.incidents',
    'observability.status_probes',
    'observability.status_5min',
    'observability.status_hourly',
    'observability.analytics_events',
    'observability.slow_query_log',
    'observability.monitored_models',
  ],
  async seed(ctx) {
    const faker = ctx.faker('observability');
    const now = Date.now();
    // The generated rollups are one big statement each: compiling them (JIT) costs more than running them.
    await ctx.client.query('SET LOCAL jit = off');
    // Partitions for today and the days around it, whenever the database was migrated.
    await ctx.client.query('SELECT count(*) FROM observability.run_maintenance()');
    await seedRegionsAndModels(ctx);
    if (ctx.shared.models.length > 0) await seedMonitoring(ctx, faker, now);
    await ctx.client.query('REFRESH MATERIALIZED VIEW observability.daily_stats');
    await ctx.client.query('SET LOCAL jit TO DEFAULT');
  },
};

/** Everything about the models catalog seeded: probes, rollups, incidents, analytics, slow queries. */
async function seedMonitoring(ctx: SeedContext, faker: Faker, now: number) {
  const incidents = await seedIncidents(ctx, faker, now);
  const baselines = pickBaselines(ctx, faker, incidents);
  await seedProbes(ctx, faker, baselines, incidents, now);
  await seedRollups(ctx, baselines, now);
  await seedAnalytics(ctx, faker, now);
  await seedSlowQueries(ctx, faker, now);
}

async function seedRegionsAndModels(ctx: SeedContext) {
  // The migration already has the standard regions; catalog may know more.
  const regions = ctx.shared.regions.map((slug) => ({ slug, name: REGION_NAMES[slug] ?? slug }));
  await insertRows(ctx, 'observability', 'observability.regions', regions, { onConflict: 'ON CONFLICT (slug) DO NOTHING' });
  await insertRows(
    ctx,
    'observability',
    'observability.monitored_models',
    ctx.shared.models.map((m) => ({ id: m.id, slug: m.slug, provider_id: m.providerId, is_active: true })),
  );
}

/**
 * Each model is probed from 3 regions (and those its incidents name, where it must be served),
 * with its own typical availability, latency and traffic.
 */
function pickBaselines(ctx: SeedContext, faker: Faker, incidents: readonly SeedIncident[]): Baseline[] {
  return ctx.shared.models.flatMap((model) => {
    const latencyP50 = faker.number.int({ min: 250, max: 1_400 });
    const traffic = faker.number.int({ min: 300, max: 6_000 });
    const incidentRegions = incidents.filter((i) => i.model_id === model.id).flatMap((i) => i.regions);
    const regions = new Set([...incidentRegions, ...faker.helpers.arrayElements(ctx.shared.regions, Math.min(3, ctx.shared.regions.length))]);
    return [...regions].map((region) => ({
      modelId: model.id,
      region,
      availability: faker.number.float({ min: 99.5, max: 99.99, fractionDigits: 2 }),
      latencyP50: Math.round(latencyP50 * faker.number.float({ min: 0.85, max: 1.3 })),
      requestsPerMinute: Math.round(traffic * faker.number.float({ min: 0.4, max: 1.2 })),
      tokensPerRequest: faker.number.int({ min: 300, max: 1_500 }),
    }));
  });
}

async function seedIncidents(ctx: SeedContext, faker: Faker, now: number): Promise<SeedIncident[]> {
  const models = ctx.shared.models;
  const ago = (ms: number) => new Date(now - ms);
  // The well-known incidents name well-known models; a catalog without one of them goes without it.
  const modelIncident = (slug: string, fields: Omit<SeedIncident, 'id' | 'model_id' | 'provider_id'>): SeedIncident[] => {
    const id = faker.string.uuid();
    const model = models.find((m) => m.slug === slug);
    return model ? [{ id, model_id: model.id, provider_id: model.providerId, ...fields }] : [];
  };
  const none = { identified_at: null, monitoring_at: null, resolved_at: null, postmortem_url: null, impact_description: null };

  const incidents: SeedIncident[] = [
    ...modelIncident('gpt-4o', {
      ...none,
      regions: ['us-east'],
      severity: 'major',
      status: 'investigating',
      title: 'Elevated error rates for GPT-4o in US East',
      description: 'We are investigating elevated 5xx responses and timeouts for GPT-4o requests served from US East.',
      impact_description: 'About 8% of requests fail; retries usually succeed.',
      started_at: ago(40 * MINUTE),
    }),
    ...modelIncident('claude-sonnet-4', {
      ...none,
      regions: ['eu-west', 'eu-central'],
      severity: 'minor',
      status: 'identified',
      title: 'Increased latency for Claude Sonnet 4 in Europe',
      description: 'Responses in European regions are slower than usual.',
      started_at: ago(2 * HOUR),
      identified_at: ago(80 * MINUTE),
    }),
    ...modelIncident('llama-4-maverick', {
      ...none,
      regions: [],
      severity: 'major',
      status: 'monitoring',
      title: 'Llama 4 Maverick timeouts on long-context requests',
      description: 'Requests above 500k tokens time out in every region.',
      started_at: ago(5 * HOUR),
      identified_at: ago(4.5 * HOUR),
      monitoring_at: ago(1 * HOUR),
    }),
    ...modelIncident('deepseek-r1', {
      regions: [],
      severity: 'critical',
      status: 'resolved',
      title: 'DeepSeek-R1 unavailable',
      description: 'All requests to DeepSeek-R1 failed after an upstream capacity incident.',
      impact_description: 'Complete outage for 95 minutes.',
      started_at: ago(9 * DAY + 3 * HOUR),
      identified_at: ago(9 * DAY + 2.5 * HOUR),
      monitoring_at: ago(9 * DAY + 1.6 * HOUR),
      resolved_at: ago(9 * DAY + 1.4 * HOUR),
      postmortem_url: 'https://status.example.com/incidents/deepseek-r1-outage',
    }),
  ];
  const cohere = ctx.shared.providers.find((p) => p.slug === 'cohere');
  if (cohere) {
    incidents.push({
      ...none,
      id: faker.string.uuid(),
      model_id: null,
      provider_id: cohere.id,
      regions: ['eu-west'],
      severity: 'minor',
      status: 'resolved',
      title: 'Cohere API authentication errors',
      description: 'Some API keys were rejected with 401 responses.',
      started_at: ago(3 * DAY + 6 * HOUR),
      identified_at: ago(3 * DAY + 5.5 * HOUR),
      monitoring_at: ago(3 * DAY + 5 * HOUR),
      resolved_at: ago(3 * DAY + 4 * HOUR),
    });
  }
  const problems = ['Elevated error rates', 'Degraded performance', 'Increased latency', 'Partial outage', 'Rate limiting errors'];
  for (let i = 0; i < 8 * ctx.scale; i++) {
    const model = faker.helpers.arrayElement(models);
    const started = now - faker.number.int({ min: 1 * DAY, max: 29 * DAY });
    const identified = started + faker.number.int({ min: 5, max: 45 }) * MINUTE;
    const monitoring = identified + faker.number.int({ min: 10, max: 120 }) * MINUTE;
    const resolved = monitoring + faker.number.int({ min: 15, max: 90 }) * MINUTE;
    const severity = faker.helpers.weightedArrayElement([
      { weight: 6, value: 'minor' as const },
      { weight: 3, value: 'major' as const },
      { weight: 1, value: 'critical' as const },
    ]);
    incidents.push({
      id: faker.string.uuid(),
      model_id: model.id,
      provider_id: model.providerId,
      regions: faker.helpers.arrayElements(ctx.shared.regions, { min: 0, max: 2 }),
      severity,
      status: 'resolved',
      title: `${faker.helpers.arrayElement(problems)} for ${model.slug}`,
      description: faker.lorem.sentence(),
      impact_description: null,
      started_at: new Date(started),
      identified_at: new Date(identified),
      monitoring_at: new Date(monitoring),
      resolved_at: new Date(resolved),
      postmortem_url: severity === 'critical' ? `https://status.example.com/incidents/${i}` : null,
    });
  }
  await insertRows(ctx, 'observability', 'observability.incidents', incidents);

  const notes = {
    investigating: 'We are investigating reports of degraded service.',
    identified: 'The cause has been identified and a fix is being rolled out.',
    monitoring: 'A fix has been deployed; we are monitoring the results.',
    resolved: 'This incident has been resolved.',
  };
  const updates = incidents.flatMap((incident) =>
    (
      [
        ['investigating', incident.started_at],
        ['identified', incident.identified_at],
        ['monitoring', incident.monitoring_at],
        ['resolved', incident.resolved_at],
      ] as const
    )
      .filter(([, at]) => at !== null)
      .map(([status, at]) => ({
        id: faker.string.uuid(),
        incident_id: incident.id,
        status,
        severity: incident.severity,
        note: status === 'investigating' ? incident.description : notes[status],
        created_at: at,
      })),
  );
  await insertRows(ctx, 'observability', 'observability.incident_updates', updates);
  return incidents;
}

/** The availability an incident takes off at `time` for this model and region (0 when none applies). */
function incidentDrop(incidents: readonly SeedIncident[], baseline: Baseline, time: number, now: number): number {
  let drop = 0;
  for (const incident of incidents) {
    if (incident.model_id !== baseline.modelId) continue;
    if (incident.regions.length && !incident.regions.includes(baseline.region)) continue;
    const end = incident.resolved_at?.getTime() ?? now;
    if (time >= incident.started_at.getTime() && time < end) drop = Math.max(drop, AVAILABILITY_DROP[incident.severity]);
  }
  return drop;
}

async function seedProbes(ctx: SeedContext, faker: Faker, baselines: Baseline[], incidents: SeedIncident[], now: number) {
  const latest = Math.floor(now / FIVE_MINUTES) * FIVE_MINUTES;
  const oldest = Math.floor((now - RAW_HOURS * HOUR) / HOUR) * HOUR;
  const rows = [];
  for (const baseline of baselines) {
    for (let bucket = oldest; bucket <= latest; bucket += FIVE_MINUTES) {
      const time = Math.min(bucket + faker.number.int({ min: 5, max: 55 }) * 1000, now - 1000);
      const drop = incidentDrop(incidents, baseline, time, now);
      const availability = Math.max(0, Math.min(100, baseline.availability - drop + faker.number.float({ min: -0.3, max: 0.05 })));
      const slowdown = drop ? 1 + drop / 8 : 1;
      const p50 = Math.round(baseline.latencyP50 * slowdown * faker.number.float({ min: 0.9, max: 1.12 }));
      const p95 = Math.round(p50 * faker.number.float({ min: 1.7, max: 2.4 }));
      const p99 = Math.round(p95 * faker.number.float({ min: 1.2, max: 1.6 }));
      const rpm = Math.round(baseline.requestsPerMinute * faker.number.float({ min: 0.8, max: 1.2 }));
      const errorRate = Math.round((100 - availability) * 100) / 100;
      const failed = Math.round((rpm * errorRate) / 100);
      const timeouts = Math.round(failed * 0.6);
      rows.push({
        time: new Date(time),
        model_id: baseline.modelId,
        region: baseline.region,
        probe_location: PROBE_LOCATIONS[baseline.region] ?? `${baseline.region}-probe`,
        availability: Math.round(availability * 100) / 100,
        latency_p50: p50,
        latency_p95: p95,
        latency_p99: p99,
        error_rate: errorRate,
        error_types: failed ? { timeout: timeouts, server_error: failed - timeouts } : {},
        requests_per_minute: rpm,
        tokens_per_minute: rpm * baseline.tokensPerRequest,
        status_code_distribution: { '200': rpm - failed, ...(failed ? { '500': failed - timeouts, '504': timeouts } : {}) },
        metadata: { probe_version: '2.3.1' },
      });
    }
  }
  await insertRows(ctx, 'observability', 'observability.status_probes', rows);
}

/**
 * Rollups: aggregated from the raw probes where there are some (the same aggregation as
 * ingestion), generated in SQL before that: a deterministic wobble around each baseline, minus
 * the availability the incidents of the time took.
 */
async function seedRollups(ctx: SeedContext, baselines: Baseline[], now: number) {
  const rawSince = new Date(Math.floor((now - RAW_HOURS * HOUR) / HOUR) * HOUR);
  const aggregates = `
      avg(availability)::float8, min(availability)::float8, avg(latency_p50)::float8, avg(latency_p95)::float8, avg(latency_p99)::float8,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_p95), max(latency_p95), avg(error_rate)::float8,
      sum(requests_per_minute), sum(tokens_per_minute)::bigint, count(*), max("time")`;
  const columns = `bucket, model_id, region, avg_availability, min_availability, avg_latency_p50, avg_latency_p95, avg_latency_p99,
      median_latency_p95, max_latency_p95, avg_error_rate, total_requests, total_tokens, probe_count, last_probe_at`;
  for (const [table, size] of [['status_5min', '5 minutes'], ['status_hourly', '1 hour']] as const) {
    await ctx.client.query(
      `INSERT INTO observability.${table} (${columns})
       SELECT date_bin('${size}', "time", TIMESTAMPTZ '2000-01-01 00:00:00+00'), model_id, region, ${aggregates}
       FROM observability.status_probes GROUP BY 1, 2, 3`,
    );
  }

  const generated = async (table: string, size: string, from: Date, probesPerBucket: number) => {
    const result = await ctx.client.query(
      `WITH baseline AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::float8[], $4::float8[], $5::float8[], $6::float8[])
           AS b(model_id, region, availability, latency_p50, rpm, tokens_per_request)
       ),
       buckets AS (
         SELECT b.*, t.bucket,
                -- a deterministic 0..1 wobble per model, region and bucket
                (abs(hashtext(b.model_id::text || b.region || t.bucket::text)) % 1000) / 1000.0 AS wobble,
                COALESCE(incident.dropped, 0) AS dropped
         FROM baseline b
         CROSS JOIN generate_series(date_bin($9::interval, $7::timestamptz, TIMESTAMPTZ '2000-01-01 00:00:00+00'), $8::timestamptz - $9::interval, $9::interval) AS t(bucket)
         LEFT JOIN LATERAL (
           SELECT max(CASE i.severity WHEN 'critical' THEN 45 WHEN 'major' THEN 7 ELSE 1.5 END) AS dropped
           FROM observability.incidents i
           WHERE i.model_id = b.model_id AND (i.regions = '{}' OR b.region = ANY (i.regions))
             AND t.bucket + $9::interval > i.started_at AND t.bucket < COALESCE(i.resolved_at, now())
         ) incident ON true
       )
       INSERT INTO observability.${table} (${columns})
       SELECT bucket, model_id, region,
              greatest(0, availability - dropped - wobble * 0.3), greatest(0, availability - dropped - wobble * 0.9),
              latency_p50 * (1 + dropped / 8) * (0.9 + wobble * 0.2),
              latency_p50 * (1 + dropped / 8) * (1.9 + wobble * 0.4),
              latency_p50 * (1 + dropped / 8) * (2.6 + wobble * 0.8),
              latency_p50 * (1 + dropped / 8) * (1.95 + wobble * 0.3),
              round(latency_p50 * (1 + dropped / 8) * (2.3 + wobble * 0.5))::int,
              least(100, 100 - availability + dropped + wobble * 0.3),
              round(rpm * (0.8 + wobble * 0.4) * ${probesPerBucket})::bigint,
              round(rpm * (0.8 + wobble * 0.4) * tokens_per_request * ${probesPerBucket})::bigint,
              ${probesPerBucket}, bucket + $9::interval - interval '1 minute'
       FROM buckets`,
      [
        baselines.map((b) => b.modelId),
        baselines.map((b) => b.region),
        baselines.map((b) => b.availability),
        baselines.map((b) => b.latencyP50),
        baselines.map((b) => b.requestsPerMinute),
        baselines.map((b) => b.tokensPerRequest),
        from,
        rawSince,
        size,
      ],
    );
    ctx.progress('observability', `observability.${table}`, result.rowCount ?? 0, result.rowCount ?? 0);
  };
  const historyDays = Math.min(MAX_HISTORY_DAYS, HISTORY_DAYS_PER_SCALE * ctx.scale);
  await generated('status_5min', '5 minutes', new Date(now - FIVE_MINUTE_HOURS * HOUR), 1);
  await generated('status_hourly', '1 hour', new Date(now - historyDays * DAY), 12);
}

async function seedAnalytics(ctx: SeedContext, faker: Faker, now: number) {
  const models = ctx.shared.models;
  if (models.length === 0) return;
  // A few models draw most of the attention, as in real traffic.
  const popularity = models.map((model, i) => ({ weight: Math.max(1, 40 - i * 3), value: model }));
  const sessions = Array.from({ length: 400 * ctx.scale }, () => ({
    id: faker.string.alphanumeric(24),
    device: { type: faker.helpers.arrayElement(['desktop', 'mobile', 'tablet']), browser: faker.helpers.arrayElement(['chrome', 'firefox', 'safari', 'edge']) },
    geo: { country: faker.helpers.arrayElement(['US', 'DE', 'GB', 'FR', 'CN', 'JP', 'KR', 'IN', 'SG', 'BR']), region: faker.helpers.arrayElement(ctx.shared.regions) },
    referrer: { source: faker.helpers.arrayElement(['google', 'direct', 'twitter', 'hacker_news', 'newsletter']) },
    locale: faker.helpers.arrayElement(['en-US', 'zh-CN', 'de-DE', 'ja-JP']),
  }));
  const events = [];
  for (let i = 0; i < 2_100 * ctx.scale; i++) {
    const session = faker.helpers.arrayElement(sessions);
    const type = faker.helpers.weightedArrayElement([
      { weight: 55, value: 'page_view' },
      { weight: 35, value: 'model_view' },
      { weight: 10, value: 'benchmark_compare' },
    ]);
    const model = faker.helpers.weightedArrayElement(popularity);
    const properties =
      type === 'model_view'
        ? { model_id: model.id, model_slug: model.slug }
        : type === 'benchmark_compare'
          ? { model_ids: faker.helpers.arrayElements(models, 2).map((m) => m.id), suite: faker.helpers.arrayElement(['mmlu', 'humaneval', 'gsm8k']) }
          : { path: faker.helpers.arrayElement(['/', '/models', '/status', '/benchmarks', `/models/${model.slug}`]) };
    events.push({
      id: faker.string.uuid(),
      timestamp: new Date(now - faker.number.int({ min: 0, max: 14 * DAY })),
      session_id: session.id,
      event_type: type,
      event_properties: properties,
      user_properties: { locale: session.locale },
      device_properties: session.device,
      geo_properties: session.geo,
      referrer_properties: session.referrer,
    });
  }
  await insertRows(ctx, 'observability', 'observability.analytics_events', events);
}

async function seedSlowQueries(ctx: SeedContext, faker: Faker, now: number) {
  const statements = [
    'SELECT * FROM observability.status_probes WHERE region = $1 AND "time" > now() - interval \'30 days\'',
    'SELECT m.*, p.name FROM catalog.models m JOIN catalog.providers p ON p.id = m.provider_id ORDER BY m.released_at DESC',
    'REFRESH MATERIALIZED VIEW CONCURRENTLY observability.daily_stats',
    'SELECT count(*) FROM observability.analytics_events WHERE event_properties ->> \'model_id\' = $1',
    'UPDATE observability.incidents SET status = $1 WHERE id = $2',
  ];
  const rows = Array.from({ length: 25 }, () => ({
    timestamp: new Date(now - faker.number.int({ min: 0, max: 3 * DAY })),
    duration_ms: faker.number.int({ min: 500, max: 12_000 }),
    query: faker.helpers.arrayElement(statements),
    query_plan: { 'Node Type': faker.helpers.arrayElement(['Seq Scan', 'Hash Join', 'Sort']), 'Total Cost': faker.number.float({ min: 1_000, max: 90_000, fractionDigits: 2 }) },
    user_name: faker.helpers.arrayElement(['sixfold_observability', 'sixfold_catalog', 'postgres']),
    database_name: 'sixfold',
    application_name: faker.helpers.arrayElement(['sixfold-observability', 'sixfold-catalog', 'psql']),
  }));
  await insertRows(ctx, 'observability', 'observability.slow_query_log', rows);
}

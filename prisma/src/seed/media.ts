import type { Faker } from '@faker-js/faker';
import { insertRows, json, type DomainSeed, type SeedContext } from './context.js';

/**
 * Media demo data: an account per user, their images and videos at every stage of processing,
 * embeddings clustered by subject (so "similar media" finds the other beach photos), processing
 * jobs in every state, six months of costs and two months of searches.
 *
 * Ids and content are deterministic; timestamps are relative to the time of seeding, because the
 * dashboard is about "this month" and "the last 30 days".
 */

const DIMENSIONS = 1536;
const DAY = 24 * 60 * 60 * 1000;

/**
 * Stand-in users for when media is seeded without tenancy (`seed({ domains })`, so
 * `ctx.shared.users` is empty): fixed ids, so media is testable on its own.
 */
const STAND_IN_USER_IDS = [
  '6d0e6a4c-1a52-4a8e-9c3b-5b1f0d6f0a01',
  '6d0e6a4c-1a52-4a8e-9c3b-5b1f0d6f0a02',
  '6d0e6a4c-1a52-4a8e-9c3b-5b1f0d6f0a03',
  '6d0e6a4c-1a52-4a8e-9c3b-5b1f0d6f0a04',
  '6d0e6a4c-1a52-4a8e-9c3b-5b1f0d6f0a05',
  '6d0e6a4c-1a52-4a8e-9c3b-5b1f0d6f0a06',
  '6d0e6a4c-1a52-4a8e-9c3b-5b1f0d6f0a07',
  '6d0e6a4c-1a52-4a8e-9c3b-5b1f0d6f0a08',
];

/** Subjects the demo media is about; files of one subject get embeddings near its centroid. */
const THEMES = [
  { key: 'beach', words: 'beach sunset', labels: ['Beach', 'Sunset', 'Ocean', 'Sky', 'Sand'], summary: 'A sunset over a sandy beach with waves rolling in', tags: ['travel', 'beach'] },
  { key: 'mountain', words: 'mountain hiking', labels: ['Mountain', 'Hiking', 'Trail', 'Forest', 'Person'], summary: 'Hikers on a mountain trail above a pine forest', tags: ['outdoors', 'hiking'] },
  { key: 'city', words: 'city night', labels: ['City', 'Night', 'Skyscraper', 'Lights', 'Street'], summary: 'A city skyline at night with lit skyscrapers', tags: ['city', 'night'] },
  { key: 'dog', words: 'dog park', labels: ['Dog', 'Pet', 'Grass', 'Ball', 'Park'], summary: 'A dog chasing a ball across a grassy park', tags: ['pets', 'dog'] },
  { key: 'party', words: 'birthday party', labels: ['Cake', 'Candle', 'Person', 'Balloon', 'Celebration'], summary: 'Friends around a birthday cake with candles', tags: ['family', 'party'] },
  { key: 'product', words: 'product demo', labels: ['Laptop', 'Screen', 'Hand', 'Desk', 'Text'], summary: 'A product demo on a laptop screen', tags: ['work', 'demo'] },
  { key: 'cooking', words: 'cooking pasta', labels: ['Food', 'Pasta', 'Kitchen', 'Pan', 'Vegetable'], summary: 'Fresh pasta cooking in a pan with vegetables', tags: ['food', 'recipe'] },
  { key: 'talk', words: 'conference talk', labels: ['Stage', 'Speaker', 'Microphone', 'Audience', 'Screen'], summary: 'A speaker presenting on stage to an audience', tags: ['work', 'conference'] },
] as const;
type Theme = (typeof THEMES)[number];

const IMAGE_SIZES: Array<[number, number]> = [[4032, 3024], [3024, 4032], [1920, 1080], [2048, 1536], [1080, 1350]];
const VIDEO_SIZES: Array<[number, number]> = [[1920, 1080], [3840, 2160], [1080, 1920], [1280, 720]];
const FILE_STATUSES = ['completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'processing', 'queued', 'uploaded', 'failed', 'deleted'] as const;
type FileStatus = (typeof FILE_STATUSES)[number];
const TIERS = ['free', 'free', 'premium', 'free', 'premium', 'ultimate', 'free', 'premium'] as const;
const TIER_PRIORITY = { free: 5, premium: 3, ultimate: 1 } as const;
const SERVICE_OF_JOB = {
  image_analysis: ['aws_rekognition', 'detect_labels', 'per_image', 0.001],
  video_analysis: ['aws_rekognition', 'video_label_detection', 'per_minute', 0.1],
  transcription: ['aws_transcribe', 'transcribe_stream', 'per_minute', 0.024],
  text_analysis: ['aws_comprehend', 'detect_sentiment', 'per_unit', 0.0001],
  embedding_generation: ['openai_embeddings', 'text-embedding-3-small', 'per_token', 0.00000002],
} as const;
type JobType = keyof typeof SERVICE_OF_JOB;

/** A small fast PRNG (mulberry32): a million numbers for the vectors would be slow through Faker. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function unit(vector: number[]): number[] {
  const norm = Math.sqrt(vector.reduce((s, x) => s + x * x, 0));
  return vector.map((x) => round6(x / norm));
}

/** A theme's centroid: a fixed pseudo-random direction. */
const centroids = THEMES.map((_, i) => {
  const next = prng(1000 + i);
  return unit(Array.from({ length: DIMENSIONS }, () => next() - 0.5));
});

/** A vector near `centroid`: same subject, its own details (cosine similarity ≈ 0.9 to the centroid). */
function near(centroid: number[], seed: number, spread = 0.5): number[] {
  const next = prng(seed);
  const noise = unit(Array.from({ length: DIMENSIONS }, () => next() - 0.5));
  return unit(centroid.map((x, i) => x + spread * noise[i]!));
}

function userIds(ctx: SeedContext): string[] {
  if (ctx.shared.users.length > 0) return ctx.shared.users.map((u) => u.id);
  return STAND_IN_USER_IDS;
}

interface SeededFile {
  row: Record<string, unknown>;
  theme: Theme;
  themeIndex: number;
  status: FileStatus;
  userId: string;
  uploadedAt: Date;
  durationSeconds: number | null;
}

function buildFile(faker: Faker, userId: string, index: number, status: FileStatus, now: number): SeededFile {
  const themeIndex = faker.number.int(THEMES.length - 1);
  const theme = THEMES[themeIndex]!;
  const isVideo = faker.number.int(100) < 35;
  const [width, height] = faker.helpers.arrayElement(isVideo ? VIDEO_SIZES : IMAGE_SIZES);
  const uploadedAt = new Date(now - faker.number.int({ min: 1, max: 175 }) * DAY - faker.number.int(DAY));
  const id = faker.string.uuid();
  const extension = isVideo ? 'mp4' : faker.helpers.arrayElement(['jpg', 'jpg', 'png', 'heic']);
  const original = isVideo ? `VID_${faker.string.numeric(8)}.${extension}` : `IMG_${faker.string.numeric(4)}.${extension}`;
  const durationSeconds = isVideo ? faker.number.float({ min: 8, max: 280, fractionDigits: 3 }) : null;
  const hasAudio = isVideo && faker.number.int(100) < 75;
  const analysed = status === 'completed' || status === 'deleted';
  const labels = faker.helpers.arrayElements(theme.labels, { min: 3, max: 5 }).map((name) => ({ name, confidence: faker.number.float({ min: 0.72, max: 0.99, fractionDigits: 2 }) }));
  const processingStarted = status === 'uploaded' || status === 'queued' ? null : new Date(uploadedAt.getTime() + faker.number.int({ min: 5, max: 90 }) * 1000);
  return {
    theme,
    themeIndex,
    status,
    userId,
    uploadedAt,
    durationSeconds,
    row: {
      id,
      user_id: userId,
      filename: `${theme.key}-${faker.word.adjective()}-${index + 1}.${extension}`,
      original_filename: original,
      file_type: isVideo ? 'video' : 'image',
      mime_type: isVideo ? 'video/mp4' : extension === 'png' ? 'image/png' : extension === 'heic' ? 'image/heic' : 'image/jpeg',
      file_size_bytes: isVideo ? faker.number.int({ min: 12, max: 95 }) * 1024 * 1024 : faker.number.int({ min: 400, max: 8_000 }) * 1024,
      s3_key: `uploads/${userId}/${id}/${original}`,
      s3_bucket: 'sixfold-media-demo',
      thumbnail_s3_key: analysed ? `thumbnails/${userId}/${id}.jpg` : null,
      status,
      processing_started_at: processingStarted,
      processing_completed_at: analysed && processingStarted ? new Date(processingStarted.getTime() + faker.number.int({ min: 20, max: 600 }) * 1000) : null,
      processing_error: status === 'failed' ? faker.helpers.arrayElement(['Unsupported codec: hevc main 10', 'Corrupt file: unexpected end of stream', 'Rekognition throttled the request']) : null,
      width,
      height,
      duration_seconds: durationSeconds,
      frame_rate: isVideo ? faker.helpers.arrayElement([24, 25, 29.97, 30, 60]) : null,
      has_audio: hasAudio,
      ai_summary: analysed ? `${theme.summary}.` : null,
      detected_labels: json(analysed ? labels : []),
      detected_faces_count: analysed ? (theme.labels.includes('Person' as never) ? faker.number.int({ min: 1, max: 12 }) : 0) : 0,
      detected_text: analysed && theme.key === 'product' ? ['Sign up', 'Dashboard'] : [],
      transcription_text: analysed && hasAudio ? `Transcript: ${faker.lorem.sentence()} ${theme.words}.` : null,
      sentiment: analysed ? faker.helpers.arrayElement(['POSITIVE', 'POSITIVE', 'NEUTRAL', 'MIXED']) : null,
      content_warnings: [],
      tags: faker.helpers.arrayElements(theme.tags, { min: 1, max: 2 }),
      custom_metadata: { camera: faker.helpers.arrayElement(['iPhone 15 Pro', 'Pixel 8', 'Sony A7 IV', 'GoPro Hero 12']), album: theme.key },
      is_private: faker.number.int(100) < 20,
      view_count: analysed ? faker.number.int(250) : 0,
      last_viewed_at: analysed ? new Date(now - faker.number.int({ min: 0, max: 20 }) * DAY) : null,
      uploaded_at: uploadedAt,
      deleted_at: status === 'deleted' ? new Date(now - faker.number.int({ min: 0, max: 5 }) * DAY) : null,
    },
  };
}

function planJobs(file: SeededFile): JobType[] {
  if (file.row.file_type === 'image') return ['image_analysis', 'embedding_generation'];
  return file.row.has_audio ? ['video_analysis', 'transcription', 'text_analysis', 'embedding_generation'] : ['video_analysis', 'embedding_generation'];
}

/** Each job's state follows its file's: done before the current step, the current step in flight, the rest waiting. */
function jobStatuses(file: SeededFile, count: number, faker: Faker): string[] {
  switch (file.status) {
    case 'completed':
    case 'deleted':
      return Array(count).fill('completed');
    case 'processing': {
      const current = faker.number.int(count - 1);
      const inFlight = faker.number.int(100) < 35 ? 'retrying' : 'processing';
      return Array.from({ length: count }, (_, i) => (i < current ? 'completed' : i === current ? inFlight : 'pending'));
    }
    case 'failed':
      return Array.from({ length: count }, (_, i) => (i === 0 ? 'failed' : 'pending'));
    default:
      return Array(count).fill('pending');
  }
}

async function insertVectors(ctx: SeedContext, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  // Vectors go in as real[]; pgvector casts them on the way into vector(1536) columns.
  const perStatement = 100;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => `(${row.map((value, i) => `$${values.push(value)}${columns[i]!.endsWith('embedding') ? '::real[]' : ''}`).join(', ')})`);
    await ctx.client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
    ctx.progress('media', table, Math.min(start + perStatement, rows.length), rows.length);
  }
}

export const mediaSeed: DomainSeed = {
  domain: 'media',
  tables: ['media.audit_logs', 'media.cost_tracking', 'media.search_history', 'media.processing_jobs', 'media.media_embeddings', 'media.media_files', 'media.accounts'],
  async seed(ctx) {
    const faker = ctx.faker('media');
    const now = Date.now();
    const users = userIds(ctx);

    // Accounts: a mix of tiers, one suspended; the billing period running now.
    const accounts = users.map((userId, i) => {
      const tier = TIERS[i % TIERS.length]!;
      const periodStart = new Date(now - faker.number.int({ min: 1, max: 27 }) * DAY);
      const paid = tier !== 'free';
      return {
        user_id: userId,
        subscription_tier: tier,
        subscription_status: i === 3 ? 'suspended' : 'active',
        subscription_started_at: paid ? new Date(now - faker.number.int({ min: 60, max: 400 }) * DAY) : null,
        stripe_customer_id: paid ? `cus_${faker.string.alphanumeric(14)}` : null,
        stripe_subscription_id: paid ? `sub_${faker.string.alphanumeric(14)}` : null,
        billing_period_start: periodStart,
        billing_period_end: new Date(periodStart.getTime() + 30 * DAY),
        last_activity_at: new Date(now - faker.number.int(72) * 3600 * 1000),
        created_at: new Date(now - faker.number.int({ min: 180, max: 500 }) * DAY),
      };
    });
    await insertRows(ctx, 'media', 'media.accounts', accounts);
    const tierOf = new Map(accounts.map((a) => [a.user_id, a.subscription_tier]));

    // Files: the first user's cover every status, so every state is in the demo.
    const files: SeededFile[] = [];
    for (const [u, userId] of users.entries()) {
      const count = (u === 0 ? FILE_STATUSES.length : faker.number.int({ min: 4, max: 8 })) * ctx.scale;
      for (let i = 0; i < count; i++) {
        const status = u === 0 && i < FILE_STATUSES.length ? FILE_STATUSES[i]! : faker.helpers.arrayElement(FILE_STATUSES);
        files.push(buildFile(faker, userId, i, status, now));
      }
    }
    await insertRows(ctx, 'media', 'media.media_files', files.map((f) => f.row));

    // Embeddings: every analysed file has a whole-file embedding; videos also two segments.
    const embeddingRows: unknown[][] = [];
    for (const [n, file] of files.entries()) {
      if (file.status !== 'completed' && file.status !== 'deleted') continue;
      const centroid = centroids[file.themeIndex]!;
      embeddingRows.push([faker.string.uuid(), file.row.id, near(centroid, 50_000 + n), `${file.row.ai_summary} Labels: ${file.theme.labels.join(', ')}`, 'full', null, null, '0.9500', 'high']);
      if (file.row.file_type === 'video' && file.durationSeconds) {
        const half = Math.round((file.durationSeconds / 2) * 1000) / 1000;
        for (const [s, [from, to]] of [[0, half], [half, file.durationSeconds]].entries())
          embeddingRows.push([faker.string.uuid(), file.row.id, near(centroid, 90_000 + n * 2 + s, 0.7), `Segment ${s + 1}: ${file.theme.words}`, 'temporal', from, to, '0.8700', 'medium']);
      }
    }
    await insertVectors(ctx, 'media.media_embeddings',
      ['id', 'media_file_id', 'embedding', 'source_text', 'segment_type', 'start_time_seconds', 'end_time_seconds', 'confidence_score', 'source_quality'], embeddingRows);

    // Processing jobs and what the finished ones cost.
    const jobs: Array<Record<string, unknown>> = [];
    const costs: Array<Record<string, unknown>> = [];
    for (const file of files) {
      const plan = planJobs(file);
      const statuses = jobStatuses(file, plan.length, faker);
      const tier = tierOf.get(file.userId)!;
      let clock = file.uploadedAt.getTime() + 2_000;
      for (const [j, jobType] of plan.entries()) {
        const status = statuses[j]!;
        const [service, operation, unit, rate] = SERVICE_OF_JOB[jobType];
        const units = unit === 'per_minute' ? Math.max(1, Math.ceil((file.durationSeconds ?? 60) / 60)) : unit === 'per_token' ? faker.number.int({ min: 200, max: 3_000 }) : 1;
        const actual = Math.round(units * rate * 10_000) / 10_000;
        const started = status === 'pending' ? null : new Date((clock += faker.number.int({ min: 1, max: 30 }) * 1000));
        const finished = status === 'completed' || status === 'failed' ? new Date((clock += faker.number.int({ min: 5, max: 240 }) * 1000)) : null;
        const attempts = status === 'pending' ? 0 : status === 'failed' ? 3 : status === 'retrying' ? 1 : faker.number.int(100) < 10 ? 2 : 1;
        const jobId = faker.string.uuid();
        jobs.push({
          id: jobId,
          media_file_id: file.row.id,
          user_id: file.userId,
          job_type: jobType,
          status,
          priority: TIER_PRIORITY[tier],
          progress_percentage: status === 'completed' ? 100 : status === 'processing' ? faker.number.int({ min: 10, max: 90 }) : 0,
          estimated_completion_at: status === 'processing' ? new Date(now + faker.number.int({ min: 1, max: 20 }) * 60_000) : null,
          job_config: { model: jobType === 'embedding_generation' ? 'text-embedding-3-small' : 'default', region: 'us-east-1' },
          subscription_tier: tier,
          attempts,
          max_attempts: 3,
          retry_at: status === 'retrying' ? new Date(now + 30_000) : null,
          result_data: status === 'completed' ? { labels: (file.row.detected_labels as unknown[]).length, durationMs: faker.number.int({ min: 800, max: 90_000 }) } : null,
          error_message: status === 'failed' || status === 'retrying' ? (file.row.processing_error as string | null) ?? 'Upstream timeout after 30 s' : null,
          error_code: status === 'failed' ? 'PERMANENT_FAILURE' : status === 'retrying' ? 'UPSTREAM_TIMEOUT' : null,
          estimated_cost: rate * units > 0.0001 ? (Math.round(rate * units * 10_000) / 10_000).toFixed(4) : '0.0001',
          actual_cost: status === 'completed' ? actual.toFixed(4) : null,
          queued_at: new Date(file.uploadedAt.getTime() + 1_000 + j), // one after another, as the queue runs them
          started_at: started,
          completed_at: finished,
        });
        if (status === 'completed' && finished) {
          costs.push({
            id: faker.string.uuid(),
            user_id: file.userId,
            service_name: service,
            operation_type: operation,
            amount: actual.toFixed(4),
            billing_unit: unit,
            units_consumed: units,
            media_file_id: file.row.id,
            processing_job_id: jobId,
            reference_id: `req-${faker.string.alphanumeric(12)}`,
            billing_period_month: finished.getUTCMonth() + 1,
            billing_period_year: finished.getUTCFullYear(),
            incurred_at: finished,
          });
        }
      }
    }
    await insertRows(ctx, 'media', 'media.processing_jobs', jobs);

    // Storage is billed monthly per user, for each of the last six months.
    for (const userId of users) {
      for (let m = 0; m < 6; m++) {
        const day = new Date(now);
        day.setUTCDate(1);
        day.setUTCMonth(day.getUTCMonth() - m);
        const gigabytes = faker.number.float({ min: 0.2, max: 4, fractionDigits: 4 });
        costs.push({
          id: faker.string.uuid(),
          user_id: userId,
          service_name: 'aws_s3',
          operation_type: 'storage',
          amount: (Math.round(gigabytes * 0.023 * 10_000) / 10_000).toFixed(4),
          billing_unit: 'per_gb_month',
          units_consumed: gigabytes,
          media_file_id: null,
          processing_job_id: null,
          reference_id: null,
          billing_period_month: day.getUTCMonth() + 1,
          billing_period_year: day.getUTCFullYear(),
          incurred_at: day,
        });
      }
    }
    await insertRows(ctx, 'media', 'media.cost_tracking', costs);

    // Searches over the last 60 days, with the files people opened from the results.
    const completedByUser = new Map<string, SeededFile[]>();
    for (const file of files) if (file.status === 'completed') completedByUser.set(file.userId, [...(completedByUser.get(file.userId) ?? []), file]);
    const earliestSearch = new Date(now - 60 * DAY);
    await ctx.client.query('SELECT media.ensure_search_history_partitions($1, 3)', [earliestSearch]);
    const searchRows: unknown[][] = [];
    for (const [u, userId] of users.entries()) {
      const own = completedByUser.get(userId) ?? [];
      for (let s = 0; s < 10 * ctx.scale; s++) {
        const themeIndex = faker.number.int(THEMES.length - 1);
        const theme = THEMES[themeIndex]!;
        const matches = own.filter((f) => f.themeIndex === themeIndex).map((f) => f.row.id as string);
        const clicked = matches.length ? faker.helpers.arrayElements(matches, { min: 0, max: Math.min(2, matches.length) }) : [];
        const withVector = faker.number.int(100) < 60;
        searchRows.push([
          faker.string.uuid(), userId, theme.words, withVector ? near(centroids[themeIndex]!, 200_000 + u * 1_000 + s, 0.3) : null,
          JSON.stringify(withVector ? {} : { text: theme.words }), 'similarity', 'desc', 20, matches.length,
          faker.number.int({ min: 12, max: 450 }), faker.number.int(100) < 15, clicked,
          matches.length ? (Math.min(clicked.length / matches.length, 1)).toFixed(4) : null,
          faker.string.uuid(), faker.helpers.arrayElement(['/search', '/library', '/media']),
          new Date(earliestSearch.getTime() + faker.number.int(60 * DAY - 60_000)),
        ]);
      }
    }
    await insertVectors(ctx, 'media.search_history',
      ['id', 'user_id', 'query_text', 'query_embedding', 'filters', 'sort_by', 'sort_order', 'limit_count', 'results_count', 'response_time_ms', 'cache_hit', 'clicked_results', 'click_through_rate', 'search_session_id', 'source_page', 'searched_at'],
      searchRows);

    // The audit trail of what happened above.
    const audit = files.flatMap((file) => [
      {
        id: faker.string.uuid(), event_type: 'media_file.registered', event_category: 'upload', user_id: file.userId, actor_type: 'user', actor_identifier: file.userId,
        target_type: 'media_file', target_id: file.row.id, action: 'create', description: `Registered ${file.row.file_type} ${file.row.filename}`,
        new_values: { filename: file.row.filename, fileType: file.row.file_type }, risk_level: 'low', occurred_at: file.uploadedAt,
      },
      ...(file.status === 'deleted'
        ? [{
            id: faker.string.uuid(), event_type: 'media_file.deleted', event_category: 'upload', user_id: file.userId, actor_type: 'user', actor_identifier: file.userId,
            target_type: 'media_file', target_id: file.row.id, action: 'delete', description: `Deleted ${file.row.filename}`,
            new_values: null, risk_level: 'low', occurred_at: file.row.deleted_at,
          }]
        : []),
    ]);
    await insertRows(ctx, 'media', 'media.audit_logs', audit);

    // Counters as the running system keeps them: this billing period's uploads and searches.
    await ctx.client.query(`
      UPDATE media.accounts a SET
        uploads_this_month = (SELECT count(*) FROM media.media_files f WHERE f.user_id = a.user_id AND f.uploaded_at >= a.billing_period_start),
        searches_this_month = (SELECT count(*) FROM media.search_history s WHERE s.user_id = a.user_id AND s.searched_at >= a.billing_period_start)
      WHERE a.user_id = ANY($1::uuid[])`, [users]);
  },
};

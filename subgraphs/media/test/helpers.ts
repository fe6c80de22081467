/** What the media tests share: the running subgraph, identities, a superuser connection for setup and inspection, fixtures. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect } from '@jest/globals';
import type { Identity } from '@sixfold/kit';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import pg from 'pg';
import { media } from '../src/subgraph.js';

export const userIdentity = (userId: string = randomUUID()): Identity => ({ kind: 'user', userId, organizationIds: [], roles: [], scopes: [] });
export const WORKER: Identity = { kind: 'service', userId: null, organizationIds: [], roles: [], scopes: ['media:process'] };
export const ANONYMOUS: Identity = { kind: 'anonymous', userId: null, organizationIds: [], roles: [], scopes: [] };

/** The run's database as its owner (no row-level security): for fixtures and for checking what was written. */
export function ownerConnection(): pg.Client {
  return new pg.Client({ connectionString: process.env.DATABASE_URL });
}

/**
 * The media subgraph for the calling test file, started before its tests (and its own
 * `beforeAll`s) and stopped after them, and `db`, an owner connection (see ownerConnection). Call
 * it at the top level of the file.
 */
export function mediaUnderTest(): { subgraph: TestSubgraph; db: pg.Client } {
  // Filled in once started: the test subgraph's members do not depend on `this`.
  const subgraph = {} as TestSubgraph;
  const db = ownerConnection();
  beforeAll(async () => {
    Object.assign(subgraph, await startTestSubgraph(media));
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await subgraph.stop();
  });
  return { subgraph, db };
}

/** Queries and fails the test on any GraphQL error. */
export async function ok<T = any>(subgraph: TestSubgraph, document: string, variables: Record<string, unknown>, identity: Identity): Promise<T> {
  const res = await subgraph.query<T>(document, variables, identity);
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

export const errorCode = (res: { errors?: Array<{ extensions?: Record<string, any> }> }) => res.errors?.[0]?.extensions?.code;

let fileCounter = 0;
export function imageInput(overrides: Record<string, unknown> = {}) {
  const n = ++fileCounter;
  return {
    filename: `test-${n}.jpg`,
    originalFilename: `IMG_${n}.jpg`,
    fileType: 'IMAGE',
    mimeType: 'image/jpeg',
    fileSizeBytes: 2_000_000,
    s3Bucket: 'sixfold-media-test',
    s3Key: `tests/${randomUUID()}.jpg`,
    width: 1920,
    height: 1080,
    tags: ['test'],
    ...overrides,
  };
}

export const REGISTER = `mutation ($input: RegisterMediaFileInput!) {
  registerMediaFile(input: $input) { id status fileType fileSizeBytes processingJobs { id jobType status priority } }
}`;

export async function registerImage(subgraph: TestSubgraph, identity: Identity, overrides: Record<string, unknown> = {}) {
  const data = await ok<{ registerMediaFile: { id: string; processingJobs: Array<{ id: string; jobType: string; status: string; priority: number }> } }>(
    subgraph, REGISTER, { input: imageInput(overrides) }, identity);
  return data.registerMediaFile;
}

/** Puts a user on a tier directly (fixtures; the API's way is changeMediaSubscription). */
export async function setTier(db: pg.Client, userId: string, tier: 'free' | 'premium' | 'ultimate', status = 'active') {
  await db.query(
    `INSERT INTO media.accounts (user_id, subscription_tier, subscription_status) VALUES ($1, $2, $3)
     ON CONFLICT (user_id) DO UPDATE SET subscription_tier = $2, subscription_status = $3`,
    [userId, tier, status],
  );
}

/** A unit vector of 1536 numbers from a few (the rest zero): easy to reason about cosine similarity. */
export function vector(...head: number[]): number[] {
  const v = new Array(1536).fill(0);
  head.forEach((x, i) => (v[i] = x));
  return v;
}

export const cosine = (a: number[], b: number[]) => {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
};

export const CLAIM = `mutation ($limit: Int, $files: [ID!], $types: [ProcessingJobType!]) {
  claimProcessingJobs(limit: $limit, mediaFileIds: $files, jobTypes: $types) { id jobType status attempts mediaFile { id status } }
}`;
export const COMPLETE = `mutation ($input: CompleteProcessingJobInput!) { completeProcessingJob(input: $input) { id status progressPercentage actualCost completedAt } }`;

/** Processes a file's jobs to completion as a worker, giving it `embedding` as its whole-file embedding. */
export async function processFile(subgraph: TestSubgraph, fileId: string, embedding: number[], analysis: Record<string, unknown> = {}) {
  for (;;) {
    const { claimProcessingJobs: [job] } = await ok(subgraph, CLAIM, { limit: 1, files: [fileId] }, WORKER);
    if (!job) return;
    const isEmbedding = job.jobType === 'EMBEDDING_GENERATION';
    await ok(subgraph, COMPLETE, {
      input: {
        jobId: job.id,
        result: { ok: true },
        ...(isEmbedding ? { embeddings: [{ vector: embedding, sourceText: `embedding of ${fileId}` }] } : { analysis: { aiSummary: 'A test image', detectedLabels: [{ name: 'Test', confidence: 0.9 }], ...analysis } }),
        costs: [{ service: isEmbedding ? 'OPENAI_EMBEDDINGS' : 'AWS_REKOGNITION', operationType: 'test', amount: '0.0010', unitsConsumed: '1' }],
      },
    }, WORKER);
  }
}

import { describe, expect, it } from '@jest/globals';
import { retryDelaySeconds } from '../src/jobs/queue.js';
import { CLAIM, COMPLETE, errorCode, mediaUnderTest, ok, registerImage, setTier, userIdentity, vector, WORKER } from './helpers.js';

const { subgraph, db } = mediaUnderTest();

const PROGRESS = `mutation ($id: ID!, $p: Int!) { reportProcessingJobProgress(jobId: $id, progressPercentage: $p) { id progressPercentage status } }`;
const FAIL = `mutation ($input: FailProcessingJobInput!) { failProcessingJob(input: $input) { id status attempts retryAt errorMessage errorCode completedAt } }`;

/** Every job a worker can claim among `files`, claimed in rounds of `limit` until none is left. */
async function drain(files: string[], limit: number): Promise<string[]> {
  const claimed: string[] = [];
  for (;;) {
    const { claimProcessingJobs } = await ok(subgraph, CLAIM, { limit, files }, WORKER);
    if (claimProcessingJobs.length === 0) return claimed;
    claimed.push(...claimProcessingJobs.map((j: any) => j.id));
  }
}

describe('claiming jobs', () => {
  it('queues a file\'s jobs at its tier\'s priority, to run one after another', async () => {
    const premium = userIdentity();
    await setTier(db, premium.userId!, 'premium');
    const file = await registerImage(subgraph, premium);
    expect(file.processingJobs.map((j) => [j.jobType, j.status, j.priority])).toEqual([
      ['IMAGE_ANALYSIS', 'PENDING', 3],
      ['EMBEDDING_GENERATION', 'PENDING', 3],
    ]);
    // The embedding job waits for the analysis: only one job of the file is claimable at a time.
    const first = await ok(subgraph, CLAIM, { limit: 5, files: [file.id] }, WORKER);
    expect(first.claimProcessingJobs).toMatchObject([{ jobType: 'IMAGE_ANALYSIS', status: 'PROCESSING', attempts: 1, mediaFile: { status: 'PROCESSING' } }]);
    expect((await ok(subgraph, CLAIM, { limit: 5, files: [file.id] }, WORKER)).claimProcessingJobs).toEqual([]);
  });

  it('takes higher priorities first', async () => {
    const free = userIdentity();
    const ultimate = userIdentity();
    await setTier(db, ultimate.userId!, 'ultimate');
    const slow = await registerImage(subgraph, free);
    const fast = await registerImage(subgraph, ultimate);
    const { claimProcessingJobs } = await ok(subgraph, CLAIM, { limit: 1, files: [slow.id, fast.id] }, WORKER);
    expect(claimProcessingJobs[0].mediaFile.id).toBe(fast.id);
  });

  it('never gives one job to two concurrent claimers', async () => {
    const owner = userIdentity();
    await setTier(db, owner.userId!, 'ultimate');
    const files: string[] = [];
    for (let i = 0; i < 12; i++) files.push((await registerImage(subgraph, owner)).id);
    const [a, b] = await Promise.all([drain(files, 2), drain(files, 3)]);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    // Each file's first job, and nothing twice.
    expect(new Set([...a, ...b]).size).toBe(12);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM media.processing_jobs WHERE media_file_id = ANY($1::uuid[]) AND status = 'processing' AND attempts = 1`, [files]);
    expect(rows[0].n).toBe(12);
  });

  it('is for workers: users are FORBIDDEN, anonymous callers UNAUTHENTICATED', async () => {
    expect(errorCode(await subgraph.query(CLAIM, { limit: 1 }, userIdentity()))).toBe('FORBIDDEN');
    expect(errorCode(await subgraph.query(CLAIM, { limit: 1 }))).toBe('UNAUTHENTICATED');
  });
});

describe('an attempt\'s outcome', () => {
  it('reports progress, then completes with results, costs and embeddings; the file completes with its last job', async () => {
    const owner = userIdentity();
    const file = await registerImage(subgraph, owner);
    const [analysis] = (await ok(subgraph, CLAIM, { limit: 1, files: [file.id] }, WORKER)).claimProcessingJobs;
    expect((await ok(subgraph, PROGRESS, { id: analysis.id, p: 40 }, WORKER)).reportProcessingJobProgress).toMatchObject({ progressPercentage: 40, status: 'PROCESSING' });
    expect(errorCode(await subgraph.query(PROGRESS, { id: analysis.id, p: 101 }, WORKER))).toBe('BAD_USER_INPUT');
    await ok(subgraph, COMPLETE, {
      input: { jobId: analysis.id, result: { labels: 2 }, analysis: { aiSummary: 'Two dogs on a beach', detectedLabels: [{ name: 'Dog', confidence: 0.98 }], sentiment: 'POSITIVE' },
        costs: [{ service: 'AWS_REKOGNITION', operationType: 'detect_labels', amount: '0.0010', unitsConsumed: '1' }, { service: 'AWS_S3', operationType: 'get', amount: '0.0002' }] },
    }, WORKER);
    const [embedding] = (await ok(subgraph, CLAIM, { limit: 1, files: [file.id] }, WORKER)).claimProcessingJobs;
    expect(embedding.jobType).toBe('EMBEDDING_GENERATION');
    const done = await ok(subgraph, COMPLETE, { input: { jobId: embedding.id, embeddings: [{ vector: vector(1, 2, 3), sourceText: 'Two dogs on a beach' }] } }, WORKER);
    expect(done.completeProcessingJob).toMatchObject({ status: 'COMPLETED', progressPercentage: 100 });

    const seen = await ok(subgraph, `query ($id: ID!) { mediaFile(id: $id) { status aiSummary sentiment detectedLabels processingCompletedAt
      embeddings { model version segmentType sourceText } processingJobs { status actualCost } } myUsage { currentMonthCost monthlyCosts(months: 1) { totalAmount services { service amount } } } }`, { id: file.id }, owner);
    expect(seen.mediaFile).toMatchObject({ status: 'COMPLETED', aiSummary: 'Two dogs on a beach', sentiment: 'POSITIVE', detectedLabels: [{ name: 'Dog', confidence: 0.98 }] });
    expect(seen.mediaFile.embeddings).toEqual([{ model: 'text-embedding-3-small', version: 'v1', segmentType: 'FULL', sourceText: 'Two dogs on a beach' }]);
    expect(seen.mediaFile.processingJobs.map((j: any) => [j.status, j.actualCost])).toEqual([['COMPLETED', '0.0012'], ['COMPLETED', null]]);
    expect(seen.myUsage.currentMonthCost).toBe('0.0012');
    expect(seen.myUsage.monthlyCosts[0].services).toEqual(expect.arrayContaining([{ service: 'AWS_REKOGNITION', amount: '0.0010' }, { service: 'AWS_S3', amount: '0.0002' }]));
  });

  it('refuses a report on a job the worker does not hold (CONFLICT) or that does not exist (NOT_FOUND)', async () => {
    const file = await registerImage(subgraph, userIdentity());
    expect(errorCode(await subgraph.query(PROGRESS, { id: file.processingJobs[0]!.id, p: 10 }, WORKER))).toBe('CONFLICT');
    expect(errorCode(await subgraph.query(PROGRESS, { id: '00000000-0000-4000-8000-00000000dead', p: 10 }, WORKER))).toBe('NOT_FOUND');
  });

  it('refuses an embedding of the wrong size, writing nothing', async () => {
    const file = await registerImage(subgraph, userIdentity());
    const [job] = (await ok(subgraph, CLAIM, { limit: 1, files: [file.id] }, WORKER)).claimProcessingJobs;
    const res = await subgraph.query(COMPLETE, { input: { jobId: job.id, embeddings: [{ vector: [1, 2, 3], sourceText: 'x' }] } }, WORKER);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.embeddings.0.vector' });
    const { rows } = await db.query('SELECT status FROM media.processing_jobs WHERE id = $1', [job.id]);
    expect(rows[0].status).toBe('processing');
  });

  it('retries a failed attempt after an exponential backoff, then fails the job and its file', async () => {
    const owner = userIdentity();
    const file = await registerImage(subgraph, owner);
    const jobId = file.processingJobs[0]!.id;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [job] = (await ok(subgraph, CLAIM, { limit: 1, files: [file.id] }, WORKER)).claimProcessingJobs;
      expect(job).toMatchObject({ id: jobId, attempts: attempt });
      const before = Date.now();
      const { failProcessingJob: failed } = await ok(subgraph, FAIL, { input: { jobId, errorMessage: `timeout ${attempt}`, errorCode: 'UPSTREAM_TIMEOUT' } }, WORKER);
      if (attempt < 3) {
        expect(failed).toMatchObject({ status: 'RETRYING', attempts: attempt, errorMessage: `timeout ${attempt}` });
        const delay = new Date(failed.retryAt).getTime() - before;
        expect(delay).toBeGreaterThanOrEqual(retryDelaySeconds(attempt) * 1000 - 1_000);
        expect(delay).toBeLessThanOrEqual(retryDelaySeconds(attempt) * 1000 + 5_000);
        // Not due yet: nothing to claim until the retry time passes.
        expect((await ok(subgraph, CLAIM, { limit: 1, files: [file.id] }, WORKER)).claimProcessingJobs).toEqual([]);
        await db.query(`UPDATE media.processing_jobs SET retry_at = now() - interval '1 second' WHERE id = $1`, [jobId]);
      } else {
        expect(failed).toMatchObject({ status: 'FAILED', attempts: 3, retryAt: null, errorCode: 'UPSTREAM_TIMEOUT' });
        expect(failed.completedAt).not.toBeNull();
      }
    }
    expect(retryDelaySeconds(1)).toBe(30);
    expect(retryDelaySeconds(2)).toBe(60);
    expect(retryDelaySeconds(10)).toBe(3600);
    const seen = await ok(subgraph, 'query ($id: ID!) { mediaFile(id: $id) { status processingError } mediaAuditLog(first: 1) { edges { node { eventType actorType } } } }', { id: file.id }, owner);
    expect(seen.mediaFile).toEqual({ status: 'FAILED', processingError: 'timeout 3' });
    expect(seen.mediaAuditLog.edges[0].node).toEqual({ eventType: 'processing_job.failed', actorType: 'service' });
    // Permanently failed jobs are never claimed again.
    expect((await ok(subgraph, CLAIM, { limit: 1, files: [file.id] }, WORKER)).claimProcessingJobs).toEqual([]);
  });

  it('fails at once when the error is not retryable', async () => {
    const file = await registerImage(subgraph, userIdentity());
    const [job] = (await ok(subgraph, CLAIM, { limit: 1, files: [file.id] }, WORKER)).claimProcessingJobs;
    const { failProcessingJob } = await ok(subgraph, FAIL, { input: { jobId: job.id, errorMessage: 'Corrupt file', retryable: false } }, WORKER);
    expect(failProcessingJob).toMatchObject({ status: 'FAILED', attempts: 1 });
  });
});

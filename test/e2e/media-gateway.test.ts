/**
 * Media through the gateway. Until tenancy authenticates callers, every gateway request is
 * anonymous: media's private data must be invisible there while its public tiers are served.
 * The authorized variant runs once the seed prints a demo admin API key (tenancy).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bootGraph, seedSecrets, type TestGraph } from '../support/graph.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await bootGraph();
});
afterAll(() => graph.stop());

const adminKey = seedSecrets().demoAdminKey;

describe('media for an anonymous caller', () => {
  it('serves the public subscription tiers', async () => {
    const res = await graph.query('{ mediaUsageTiers { name maxUploadsPerMonth maxFileSizeBytes priorityLevel } }');
    expect(res.errors).toBeUndefined();
    expect(res.data!.mediaUsageTiers).toEqual([
      { name: 'FREE', maxUploadsPerMonth: 10, maxFileSizeBytes: 104857600, priorityLevel: 5 },
      { name: 'PREMIUM', maxUploadsPerMonth: 100, maxFileSizeBytes: 524288000, priorityLevel: 3 },
      { name: 'ULTIMATE', maxUploadsPerMonth: null, maxFileSizeBytes: 2147483648, priorityLevel: 1 },
    ]);
  });

  it('shows no private media, though the demo seed has plenty', async () => {
    const res = await graph.query(`{
      mediaFiles(first: 5) { totalCount edges { node { id } } }
      processingJobs(first: 5) { totalCount }
      mediaFile(id: "6d0e6a4c-1a52-4a8e-9c3b-5b1f0d6f0a01") { id }
      myUsage { tier }
      mediaAuditLog { totalCount }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ mediaFiles: { totalCount: 0, edges: [] }, processingJobs: { totalCount: 0 }, mediaFile: null, myUsage: null, mediaAuditLog: { totalCount: 0 } });
  });

  it('may not search, upload or process: UNAUTHENTICATED', async () => {
    const search = await graph.query('{ searchMedia(text: "beach") { searchId } }');
    expect(search.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const upload = await graph.query(`mutation { registerMediaFile(input: { filename: "a.jpg", originalFilename: "a.jpg", fileType: IMAGE, mimeType: "image/jpeg",
      fileSizeBytes: 1000, s3Bucket: "bucket", s3Key: "a" }) { id } }`);
    expect(upload.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const claim = await graph.query('mutation { claimProcessingJobs { id } }');
    expect(claim.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('media for the demo admin', () => {
  it('sees every user\'s media, and similar media is about the same subject', async () => {
    const files = await graph.query(`{ mediaFiles(first: 50, filter: { statuses: [COMPLETED] }) { totalCount edges { node { id filename owner { id } embeddings { segmentType } } } } }`, {}, { token: adminKey });
    expect(files.errors).toBeUndefined();
    const completed = files.data!.mediaFiles.edges.map((e: any) => e.node);
    expect(new Set(completed.map((f: any) => f.owner.id)).size).toBeGreaterThan(1);
    // Seeded files carry their subject as a tag and start their filename with it ("beach-damp-4.jpg");
    // the admin also sees files other tests create meanwhile, so probe and neighbours are the seeded beach photos'.
    const seeded = (filename: string) => /^[a-z]+-[a-z]+-\d+\./.test(filename);
    const beaches = await graph.query(`{ mediaFiles(first: 20, filter: { statuses: [COMPLETED], tags: ["beach"] }) { edges { node { id filename embeddings { segmentType } } } } }`, {}, { token: adminKey });
    const probe = beaches.data!.mediaFiles.edges.map((e: any) => e.node).find((f: any) => seeded(f.filename) && f.embeddings.some((e: any) => e.segmentType === 'FULL'));
    const similar = await graph.query('query ($id: ID!) { similarMedia(mediaFileId: $id, first: 10) { hits { similarity mediaFile { filename } } } }', { id: probe.id }, { token: adminKey });
    expect(similar.errors).toBeUndefined();
    const nearest = similar.data!.similarMedia.hits.map((h: any) => h.mediaFile.filename).find(seeded);
    expect(nearest.split('-')[0]).toBe('beach');
  });

  it('costs the same number of media statements for 5 files as for 50', async () => {
    const list = (n: number) => `{ mediaFiles(first: ${n}) { edges { node { id owner { id } processingJobs { status } embeddings { id } } } } }`;
    graph.statements.reset();
    expect((await graph.query(list(5), {}, { token: adminKey })).errors).toBeUndefined();
    const few = graph.statements.count('media');
    graph.statements.reset();
    expect((await graph.query(list(50), {}, { token: adminKey })).errors).toBeUndefined();
    expect(graph.statements.count('media')).toBe(few);
  });
});

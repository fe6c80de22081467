import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN } from '@sixfold/kit/testing';
import { errorCode, imageInput, mediaUnderTest, ok, registerImage, userIdentity } from './helpers.js';

const { subgraph, db } = mediaUnderTest();
/** 50 users with 3 files each, written directly: the fixture for batching. */
const users = Array.from({ length: 50 }, () => randomUUID());

beforeAll(async () => {
  await db.query('INSERT INTO media.accounts (user_id) SELECT unnest($1::uuid[])', [users]);
  await db.query(
    `INSERT INTO media.media_files (user_id, filename, original_filename, file_type, mime_type, file_size_bytes, s3_key, s3_bucket, status, uploaded_at)
     SELECT u, 'photo-' || n || '.jpg', 'IMG_' || n || '.jpg', 'image', 'image/jpeg', 1000 * n, 'fixtures/' || u || '/' || n, 'fixtures', 'completed', now() - n * interval '1 hour'
       FROM unnest($1::uuid[]) u, generate_series(1, 3) n`,
    [users],
  );
});

const USER_FILES = `query ($r: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $r) { ... on User { id mediaFiles(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id filename fileType status owner { id } } } } } }
}`;

describe('User.mediaFiles through _entities', () => {
  it('answers the contract selection, newest first, with pagination', async () => {
    const data = await ok(subgraph, USER_FILES, { r: [{ __typename: 'User', id: users[0] }], first: 2 }, ADMIN);
    const page = data._entities[0].mediaFiles;
    expect(page.totalCount).toBe(3);
    expect(page.edges.map((e: any) => e.node.filename)).toEqual(['photo-1.jpg', 'photo-2.jpg']);
    expect(page.edges[0].node).toMatchObject({ fileType: 'IMAGE', status: 'COMPLETED', owner: { id: users[0] } });
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await ok(subgraph, USER_FILES, { r: [{ __typename: 'User', id: users[0] }], first: 2, after: page.pageInfo.endCursor }, ADMIN);
    expect(next._entities[0].mediaFiles.edges.map((e: any) => e.node.filename)).toEqual(['photo-3.jpg']);
    expect(next._entities[0].mediaFiles.pageInfo.hasNextPage).toBe(false);
  });

  it('costs the same number of statements for 5 users as for 50', async () => {
    const query = (n: number) => subgraph.query(USER_FILES, { r: users.slice(0, n).map((id) => ({ __typename: 'User', id })), first: 5 }, ADMIN);
    subgraph.statements.reset();
    const few = await query(5);
    const fewCount = subgraph.statements.count();
    subgraph.statements.reset();
    const many = await query(50);
    expect(few.data!._entities).toHaveLength(5);
    expect(many.data!._entities.every((u: any) => u.mediaFiles.totalCount === 3)).toBe(true);
    expect(subgraph.statements.count()).toBe(fewCount);
  });

  it('keeps nested relations flat too: files → jobs, embeddings, usage', async () => {
    const nested = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User {
      usage { tier totalFiles limits { name } monthlyCosts { totalAmount } dailySearches { searchCount } }
      mediaFiles(first: 3) { edges { node { id processingJobs { id } embeddings { id } } } } } } }`;
    const run = (n: number) => subgraph.query(nested, { r: users.slice(0, n).map((id) => ({ __typename: 'User', id })) }, ADMIN);
    subgraph.statements.reset();
    expect((await run(5)).errors).toBeUndefined();
    const few = subgraph.statements.count();
    subgraph.statements.reset();
    const many = await run(50);
    expect(many.errors).toBeUndefined();
    expect(many.data!._entities[49].usage).toMatchObject({ tier: 'FREE', totalFiles: 3, limits: { name: 'FREE' } });
    expect(subgraph.statements.count()).toBe(few);
  });

  it('answers an id that is not a uuid with an empty list, not an error', async () => {
    const data = await ok(subgraph, USER_FILES, { r: [{ __typename: 'User', id: 'not-a-uuid' }] }, ADMIN);
    expect(data._entities[0].mediaFiles.totalCount).toBe(0);
  });

  it('caps pages at 100', async () => {
    const res = await subgraph.query(USER_FILES, { r: [{ __typename: 'User', id: users[0] }], first: 101 }, ADMIN);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('the caller\'s files', () => {
  it('lists, filters and looks up files; ids that are not uuids are bad input', async () => {
    const me = userIdentity();
    const a = await registerImage(subgraph, me, { tags: ['beach', 'summer'] });
    await registerImage(subgraph, me, { tags: ['city'] });
    const data = await ok(subgraph, `query ($tags: [String!]) {
      all: mediaFiles { totalCount }
      beach: mediaFiles(filter: { tags: $tags }) { totalCount edges { node { id tags fileSizeBytes } } }
      queued: mediaFiles(filter: { statuses: [QUEUED], fileType: IMAGE }) { totalCount }
      videos: mediaFiles(filter: { fileType: VIDEO }) { totalCount }
    }`, { tags: ['beach'] }, me);
    expect(data.all.totalCount).toBe(2);
    expect(data.beach.edges).toEqual([{ node: { id: a.id, tags: ['beach', 'summer'], fileSizeBytes: 2_000_000 } }]);
    expect(data.queued.totalCount).toBe(2);
    expect(data.videos.totalCount).toBe(0);
    expect(errorCode(await subgraph.query('{ mediaFile(id: "42") { id } }', {}, me))).toBe('BAD_USER_INPUT');
  });

  it('updates metadata, counts views and soft-deletes (storage given back, jobs abandoned, audited)', async () => {
    const me = userIdentity();
    const file = await registerImage(subgraph, me);
    await ok(subgraph, 'mutation ($id: ID!) { updateMediaFile(id: $id, input: { tags: ["renamed"], filename: "better.jpg" }) { id } }', { id: file.id }, me);
    await ok(subgraph, 'mutation ($id: ID!) { recordMediaView(id: $id) { viewCount } }', { id: file.id }, me);
    const deleted = await ok(subgraph, 'mutation ($id: ID!) { deleteMediaFile(id: $id) { status deletedAt processingJobs { status errorCode } } }', { id: file.id }, me);
    expect(deleted.deleteMediaFile.status).toBe('DELETED');
    expect(deleted.deleteMediaFile.processingJobs.every((j: any) => j.status === 'FAILED' && j.errorCode === 'FILE_DELETED')).toBe(true);
    const after = await ok(subgraph, `{ mediaFiles { totalCount } withDeleted: mediaFiles(filter: { includeDeleted: true }) { edges { node { filename tags viewCount } } }
      myUsage { storageUsedBytes uploadsThisMonth totalFiles }
      mediaAuditLog { edges { node { eventType action category oldValues newValues } } } }`, {}, me);
    expect(after.mediaFiles.totalCount).toBe(0);
    expect(after.withDeleted.edges[0].node).toEqual({ filename: 'better.jpg', tags: ['renamed'], viewCount: 1 });
    expect(after.myUsage).toEqual({ storageUsedBytes: 0, uploadsThisMonth: 1, totalFiles: 0 });
    expect(after.mediaAuditLog.edges.map((e: any) => e.node.eventType)).toEqual(['media_file.deleted', 'media_file.updated', 'media_file.registered']);
    expect(after.mediaAuditLog.edges[1].node.oldValues).toEqual({ filename: expect.stringMatching(/^test-/), tags: ['test'] });
  });

  it('changes files only through a credential that may write', async () => {
    const me = userIdentity();
    const REGISTER = 'mutation ($input: RegisterMediaFileInput!) { registerMediaFile(input: $input) { id } }';
    const readOnly = await subgraph.query(REGISTER, { input: imageInput() }, { ...me, scopes: ['read'] });
    expect(errorCode(readOnly)).toBe('FORBIDDEN');
    const file = await registerImage(subgraph, { ...me, scopes: ['read', 'media:write'] });
    const deleted = await subgraph.query('mutation ($id: ID!) { deleteMediaFile(id: $id) { id } }', { id: file.id }, { ...me, scopes: ['read'] });
    expect(errorCode(deleted)).toBe('FORBIDDEN');
    await ok(subgraph, 'mutation ($id: ID!) { updateMediaFile(id: $id, input: { tags: ["kept"] }) { id } }', { id: file.id }, { ...me, scopes: ['write'] });
  });

  it('refuses writes from anonymous callers', async () => {
    const res = await subgraph.query('mutation { deleteMediaFile(id: "6d0e6a4c-1a52-4a8e-9c3b-5b1f0d6f0a01") { id } }');
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });

  it('serves the public tiers to anyone, -1 as unlimited', async () => {
    const data = await ok(subgraph, '{ mediaUsageTiers { name maxUploadsPerMonth maxStorageBytes maxFileSizeBytes priorityLevel maxMonthlyCost features } }', {}, { kind: 'anonymous', userId: null, organizationIds: [], roles: [], scopes: [] });
    expect(data.mediaUsageTiers.map((t: any) => t.name)).toEqual(['FREE', 'PREMIUM', 'ULTIMATE']);
    expect(data.mediaUsageTiers[0]).toMatchObject({ maxUploadsPerMonth: 10, maxStorageBytes: 5368709120, maxFileSizeBytes: 104857600, priorityLevel: 5, maxMonthlyCost: '5.00' });
    expect(data.mediaUsageTiers[2]).toMatchObject({ maxUploadsPerMonth: null, maxStorageBytes: 536870912000, features: ['all_features'] });
  });
});

/**
 * Row-level security (issue #5): user A never sees user B's media, anonymous callers see none,
 * admins see all, through every path the subgraph offers. Subscriptions: subscriptions.test.ts.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN } from '@sixfold/kit/testing';
import type { Identity } from '@sixfold/kit';
import { ANONYMOUS, errorCode, mediaUnderTest, ok, processFile, registerImage, setTier, userIdentity, vector } from './helpers.js';

const { subgraph, db } = mediaUnderTest();
const query = vector(1, 1, 1);

interface Holdings { identity: Identity; fileId: string; jobId: string; searchId: string }
const a = { identity: userIdentity() } as Holdings;
const b = { identity: userIdentity() } as Holdings;

beforeAll(async () => {
  for (const user of [a, b]) {
    await setTier(db, user.identity.userId!, 'premium');
    const file = await registerImage(subgraph, user.identity, { filename: 'shared-subject.jpg' });
    await processFile(subgraph, file.id, query);
    user.fileId = file.id;
    user.jobId = file.processingJobs[0]!.id;
    const { searchMedia } = await ok(subgraph, '{ searchMedia(text: "shared-subject") { searchId } }', {}, user.identity);
    user.searchId = searchMedia.searchId;
  }
});

const EVERYTHING = `query ($user: ID!, $file: ID!, $job: ID!, $reps: [_Any!]!) {
  mediaFile(id: $file) { id }
  processingJob(id: $job) { id }
  mediaFiles(filter: { includeDeleted: true }) { edges { node { id owner { id } } } }
  processingJobs(first: 100) { edges { node { owner { id } } } }
  mediaAuditLog(userId: $user) { totalCount }
  _entities(representations: $reps) {
    ... on User { id mediaFiles { totalCount } usage { tier totalFiles } mediaSearchHistory { totalCount } }
    ... on MediaFile { id embeddings { id } processingJobs { id } }
    ... on ProcessingJob { id }
  }
}`;
const everything = (viewer: Identity, target: Holdings) =>
  ok(subgraph, EVERYTHING, {
    user: target.identity.userId, file: target.fileId, job: target.jobId,
    reps: [{ __typename: 'User', id: target.identity.userId }, { __typename: 'MediaFile', id: target.fileId }, { __typename: 'ProcessingJob', id: target.jobId }],
  }, viewer);

describe('a user', () => {
  it('sees their own media through every path', async () => {
    const data = await everything(a.identity, a);
    expect(data.mediaFile).toEqual({ id: a.fileId });
    expect(data.processingJob).toEqual({ id: a.jobId });
    expect(data.mediaFiles.edges.map((e: any) => e.node.id)).toEqual([a.fileId]);
    expect(data.mediaAuditLog.totalCount).toBeGreaterThan(0);
    expect(data._entities[0]).toMatchObject({ mediaFiles: { totalCount: 1 }, usage: { tier: 'PREMIUM', totalFiles: 1 }, mediaSearchHistory: { totalCount: 1 } });
    expect(data._entities[1].embeddings).toHaveLength(1);
    expect(data._entities[2]).toEqual({ id: a.jobId });
  });

  it('sees none of another user\'s media through any path', async () => {
    const data = await everything(a.identity, b);
    expect(data.mediaFile).toBeNull();
    expect(data.processingJob).toBeNull();
    expect(data.mediaFiles.edges.every((e: any) => e.node.owner.id === a.identity.userId)).toBe(true);
    expect(data.processingJobs.edges.every((e: any) => e.node.owner.id === a.identity.userId)).toBe(true);
    expect(data.mediaAuditLog.totalCount).toBe(0);
    expect(data._entities).toEqual([{ id: b.identity.userId, mediaFiles: { totalCount: 0 }, usage: null, mediaSearchHistory: { totalCount: 0 } }, null, null]);
  });

  it('never finds another user\'s files by search or similarity', async () => {
    const search = await ok(subgraph, 'query ($e: [Float!]) { searchMedia(embedding: $e) { hits { mediaFile { id } } } }', { e: query }, a.identity);
    expect(search.searchMedia.hits.map((h: any) => h.mediaFile.id)).toEqual([a.fileId]);
    const text = await ok(subgraph, '{ searchMedia(text: "shared-subject") { hits { mediaFile { id } } } }', {}, a.identity);
    expect(text.searchMedia.hits.map((h: any) => h.mediaFile.id)).toEqual([a.fileId]);
    const similar = await subgraph.query('query ($id: ID!) { similarMedia(mediaFileId: $id) { hits { similarity } } }', { id: b.fileId }, a.identity);
    expect(errorCode(similar)).toBe('NOT_FOUND');
    const ownSimilar = await ok(subgraph, 'query ($id: ID!) { similarMedia(mediaFileId: $id) { hits { mediaFile { id } } } }', { id: a.fileId }, a.identity);
    expect(ownSimilar.similarMedia.hits).toEqual([]);
  });

  it('cannot change another user\'s media or searches', async () => {
    const attempts = [
      ['mutation ($id: ID!) { updateMediaFile(id: $id, input: { tags: ["mine"] }) { id } }', { id: b.fileId }],
      ['mutation ($id: ID!) { deleteMediaFile(id: $id) { id } }', { id: b.fileId }],
      ['mutation ($id: ID!) { recordMediaView(id: $id) { id } }', { id: b.fileId }],
      ['mutation ($s: ID!, $f: ID!) { recordMediaSearchClick(searchId: $s, mediaFileId: $f) { id } }', { s: b.searchId, f: a.fileId }],
    ] as const;
    for (const [document, variables] of attempts) expect(errorCode(await subgraph.query(document, variables, a.identity))).toBe('NOT_FOUND');
    const { rows } = await db.query('SELECT tags, view_count, deleted_at FROM media.media_files WHERE id = $1', [b.fileId]);
    expect(rows[0]).toEqual({ tags: ['test'], view_count: 0, deleted_at: null });
  });
});

describe('an anonymous caller', () => {
  it('sees no media at all', async () => {
    const data = await everything(ANONYMOUS, a);
    expect(data).toMatchObject({ mediaFile: null, processingJob: null, mediaFiles: { edges: [] }, processingJobs: { edges: [] }, mediaAuditLog: { totalCount: 0 } });
    expect(data._entities).toEqual([{ id: a.identity.userId, mediaFiles: { totalCount: 0 }, usage: null, mediaSearchHistory: { totalCount: 0 } }, null, null]);
    expect((await ok(subgraph, '{ myUsage { tier } }', {}, ANONYMOUS)).myUsage).toBeNull();
    expect(errorCode(await subgraph.query('{ searchMedia(text: "x") { searchId } }', {}, ANONYMOUS))).toBe('UNAUTHENTICATED');
  });
});

describe('an admin', () => {
  it('sees every user\'s media', async () => {
    for (const target of [a, b]) {
      const data = await everything(ADMIN, target);
      expect(data.mediaFile).toEqual({ id: target.fileId });
      expect(data._entities[0]).toMatchObject({ mediaFiles: { totalCount: 1 }, usage: { tier: 'PREMIUM' } });
      expect(data._entities[1]).toMatchObject({ id: target.fileId });
    }
  });
});

describe('the database itself', () => {
  /** Runs `sql` as the subgraph's role with `userId` as the caller, as every request does. */
  async function asUser(userId: string | null, sql: string) {
    await db.query('BEGIN');
    try {
      await db.query(`SELECT set_config('role', 'sixfold_media', true), set_config('app.current_user_id', $1, true), set_config('app.is_admin', 'off', true)`, [userId ?? '']);
      return (await db.query(sql)).rows;
    } finally {
      await db.query('ROLLBACK');
    }
  }

  it('filters every user-owned table and view to the caller', async () => {
    const tables = ['accounts', 'media_files', 'media_embeddings', 'processing_jobs', 'search_history', 'cost_tracking', 'audit_logs', 'monthly_costs', 'user_dashboard_summary'];
    for (const table of tables) {
      const ownerColumn = table === 'media_embeddings' ? '(SELECT f.user_id FROM media.media_files f WHERE f.id = media_file_id)' : 'user_id';
      const [mine] = await asUser(a.identity.userId, `SELECT count(*)::int AS visible, count(*) FILTER (WHERE ${ownerColumn} <> '${a.identity.userId}')::int AS foreign FROM media.${table}`);
      expect({ table, ...mine }).toEqual({ table, visible: expect.any(Number), foreign: 0 });
      expect(mine.visible).toBeGreaterThan(0);
      const [anonymous] = await asUser(null, `SELECT count(*)::int AS visible FROM media.${table}`);
      expect({ table, ...anonymous }).toEqual({ table, visible: 0 });
    }
  });

  it('keeps tiers public, partitions and the audit log out of reach', async () => {
    expect((await asUser(null, 'SELECT count(*)::int AS n FROM media.usage_limits'))[0].n).toBe(3);
    await expect(asUser(a.identity.userId, 'SELECT * FROM media.search_history_default')).rejects.toThrow(/permission denied/);
    await expect(asUser(a.identity.userId, 'DELETE FROM media.audit_logs')).rejects.toThrow(/permission denied/);
    await expect(asUser(a.identity.userId, 'UPDATE media.usage_limits SET max_uploads_per_month = 1000')).rejects.toThrow(/permission denied/);
    await expect(asUser(a.identity.userId, `INSERT INTO media.media_files (user_id, filename, original_filename, file_type, mime_type, file_size_bytes, s3_key, s3_bucket)
      VALUES ('${b.identity.userId}', 'x', 'x', 'image', 'image/png', 1, 'forged', 'b')`)).rejects.toThrow(/row-level security/);
  });
});

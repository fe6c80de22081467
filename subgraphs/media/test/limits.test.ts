import { describe, expect, it } from '@jest/globals';
import { errorCode, imageInput, mediaUnderTest, ok, REGISTER, registerImage, setTier, userIdentity } from './helpers.js';

const { subgraph, db } = mediaUnderTest();

const register = (identity: ReturnType<typeof userIdentity>, overrides: Record<string, unknown> = {}) => subgraph.query(REGISTER, { input: imageInput(overrides) }, identity);
const filesOf = async (userId: string) => (await db.query('SELECT count(*)::int AS n FROM media.media_files WHERE user_id = $1', [userId])).rows[0].n as number;
const USAGE = '{ myUsage { tier uploadsThisMonth uploadsRemaining searchesRemaining storageUsedBytes totalFiles limits { maxUploadsPerMonth } } }';

describe('registering an upload against the tier', () => {
  it('gives a new user a free account and counts the upload', async () => {
    const me = userIdentity();
    expect((await ok(subgraph, USAGE, {}, me)).myUsage).toEqual({ tier: 'FREE', uploadsThisMonth: 0, uploadsRemaining: 10, searchesRemaining: 50, storageUsedBytes: 0, totalFiles: 0, limits: { maxUploadsPerMonth: 10 } });
    await registerImage(subgraph, me, { fileSizeBytes: 3_000_000 });
    expect((await ok(subgraph, USAGE, {}, me)).myUsage).toMatchObject({ uploadsThisMonth: 1, uploadsRemaining: 9, storageUsedBytes: 3_000_000, totalFiles: 1 });
  });

  it('refuses a file larger than the tier allows with BAD_USER_INPUT naming the field', async () => {
    const me = userIdentity();
    const res = await register(me, { fileSizeBytes: 200 * 1024 * 1024 });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fileSizeBytes' });
    expect(res.errors?.[0]?.message).toBe("input.fileSizeBytes: 200 MiB exceeds the free tier's maximum file size of 100 MiB");
    // The premium tier allows it.
    await setTier(db, me.userId!, 'premium');
    expect((await register(me, { fileSizeBytes: 200 * 1024 * 1024 })).errors).toBeUndefined();
  });

  it('refuses a video longer than the tier allows', async () => {
    const res = await register(userIdentity(), { fileType: 'VIDEO', mimeType: 'video/mp4', filename: 'long.mp4', durationSeconds: '301.5' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.durationSeconds' });
  });

  it('refuses the upload after the monthly limit with FORBIDDEN', async () => {
    const me = userIdentity();
    await setTier(db, me.userId!, 'free');
    await db.query('UPDATE media.accounts SET uploads_this_month = 10 WHERE user_id = $1', [me.userId]);
    const res = await register(me);
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toMatch(/^Monthly upload limit reached: 10 of 10 uploads on the free tier \(the period ends /);
    expect(await filesOf(me.userId!)).toBe(0);
  });

  it('refuses what would exceed the storage allowance with FORBIDDEN', async () => {
    const me = userIdentity();
    await setTier(db, me.userId!, 'free');
    await db.query('UPDATE media.accounts SET storage_used_bytes = 5368709120 - 1000000 WHERE user_id = $1', [me.userId]);
    const res = await register(me, { fileSizeBytes: 2_000_000 });
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toMatch(/^Storage limit reached/);
  });

  it('refuses uploads on a suspended subscription', async () => {
    const me = userIdentity();
    await setTier(db, me.userId!, 'premium', 'suspended');
    const res = await register(me);
    expect(res.errors?.[0]).toMatchObject({ message: 'The media subscription is suspended; reactivate it to continue', extensions: { code: 'FORBIDDEN' } });
  });

  it('limits uploads per hour (RATE_LIMITED, with the seconds to wait)', async () => {
    const me = userIdentity();
    for (let i = 0; i < 5; i++) await registerImage(subgraph, me);
    const res = await register(me);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(res.errors![0]!.extensions!.retryAfter).toBeGreaterThan(3500);
  });

  it('validates the input before anything else', async () => {
    const me = userIdentity();
    expect((await register(me, { mimeType: 'video/mp4' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.mimeType' });
    expect((await register(me, { fileSizeBytes: 0 })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fileSizeBytes' });
    expect((await register(me, { width: 10, height: null })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.height' });
    expect((await register(me, { frameRate: '30' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.frameRate' });
    expect(await filesOf(me.userId!)).toBe(0);
  });

  it('rolls the whole mutation back when one of its uploads is refused', async () => {
    const me = userIdentity();
    await setTier(db, me.userId!, 'free');
    await db.query('UPDATE media.accounts SET uploads_this_month = 9 WHERE user_id = $1', [me.userId]);
    const res = await subgraph.query(`mutation ($a: RegisterMediaFileInput!, $b: RegisterMediaFileInput!) {
      first: registerMediaFile(input: $a) { id } second: registerMediaFile(input: $b) { id } }`, { a: imageInput(), b: imageInput() }, me);
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(await filesOf(me.userId!)).toBe(0);
    const { rows } = await db.query('SELECT uploads_this_month, storage_used_bytes FROM media.accounts WHERE user_id = $1', [me.userId]);
    expect(rows[0]).toEqual({ uploads_this_month: 9, storage_used_bytes: '0' });
    const jobs = await db.query('SELECT count(*)::int AS n FROM media.processing_jobs WHERE user_id = $1', [me.userId]);
    expect(jobs.rows[0].n).toBe(0);
  });

  it('lets two concurrent uploads take only the one slot left', async () => {
    const me = userIdentity();
    await setTier(db, me.userId!, 'free');
    await db.query('UPDATE media.accounts SET uploads_this_month = 9 WHERE user_id = $1', [me.userId]);
    const results = await Promise.all([register(me), register(me)]);
    expect(results.map(errorCode).sort()).toEqual(['FORBIDDEN', undefined]);
    expect(await filesOf(me.userId!)).toBe(1);
  });
});

describe('searches against the tier', () => {
  it('counts searches and refuses them past the monthly limit', async () => {
    const me = userIdentity();
    await setTier(db, me.userId!, 'free');
    const search = () => subgraph.query('{ searchMedia(text: "sunset") { searchId } }', {}, me);
    expect((await search()).errors).toBeUndefined();
    expect((await ok(subgraph, '{ myUsage { searchesThisMonth searchesRemaining } }', {}, me)).myUsage).toEqual({ searchesThisMonth: 1, searchesRemaining: 49 });
    await db.query('UPDATE media.accounts SET searches_this_month = 50 WHERE user_id = $1', [me.userId]);
    const refused = await search();
    expect(refused.errors?.[0]?.message).toMatch(/^Monthly search limit reached: 50 of 50 searches on the free tier/);
  });
});

describe('changing a subscription', () => {
  it('is for admins and billing keys, audited, and applies the new tier at once', async () => {
    const me = userIdentity();
    const change = 'mutation ($u: ID!) { changeMediaSubscription(userId: $u, input: { tier: ULTIMATE, stripeCustomerId: "cus_test" }) { tier uploadsRemaining limits { priorityLevel } } }';
    expect(errorCode(await subgraph.query(change, { u: me.userId }, me))).toBe('FORBIDDEN');
    const billing = { kind: 'service' as const, userId: null, organizationIds: [], roles: [], scopes: ['media:billing'] };
    expect((await ok(subgraph, change, { u: me.userId }, billing)).changeMediaSubscription).toEqual({ tier: 'ULTIMATE', uploadsRemaining: null, limits: { priorityLevel: 1 } });
    const audit = await ok(subgraph, '{ mediaAuditLog { edges { node { eventType category actorType newValues } } } }', {}, me);
    expect(audit.mediaAuditLog.edges[0].node).toMatchObject({ eventType: 'subscription.changed', category: 'billing', actorType: 'service', newValues: { subscriptionTier: 'ultimate' } });
    const file = await registerImage(subgraph, me);
    expect(file.processingJobs[0]!.priority).toBe(1);
    expect((await ok(subgraph, '{ myUsage { tier } }', {}, me)).myUsage.tier).toBe('ULTIMATE');
  });
});

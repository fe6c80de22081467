/**
 * `processingJobProgress` over graphql-ws, directly at the subgraph, with the signed identity in
 * the connection parameters (as the gateway sends it).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { IDENTITY_HEADER, signIdentity, type Identity } from '@sixfold/kit';
import { ADMIN } from '@sixfold/kit/testing';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { JOB_PROGRESS_TOPIC } from '../src/jobs/events.js';
import { ANONYMOUS, CLAIM, imageInput, mediaUnderTest, ok, REGISTER, registerImage, setTier, userIdentity, WORKER } from './helpers.js';

const clients: Client[] = [];
// Declared before the subgraph's hooks, so it runs first: the clients go before the subgraph stops.
afterAll(() => Promise.all(clients.map((c) => c.dispose())));
const { subgraph, db } = mediaUnderTest();

const PROGRESS_SUBSCRIPTION = `subscription ($jobId: ID, $mediaFileId: ID) {
  processingJobProgress(jobId: $jobId, mediaFileId: $mediaFileId) { id status jobType progressPercentage owner { id } mediaFile { id status } }
}`;

interface Feed {
  events: any[];
  errors: unknown[];
  /** Resolves once `predicate` holds for the events received so far. */
  until(predicate: (events: any[]) => boolean): Promise<void>;
}

async function subscribe(identity: Identity, variables: Record<string, unknown> = {}): Promise<Feed> {
  const token = await signIdentity(identity, process.env.IDENTITY_SECRET!);
  const client = createClient({ url: subgraph.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { [IDENTITY_HEADER]: token }, retryAttempts: 0 });
  clients.push(client);
  const feed: Feed = { events: [], errors: [], until: () => Promise.resolve() };
  const waiters: Array<() => void> = [];
  feed.until = (predicate) => new Promise<void>((resolve) => {
    const check = () => (predicate(feed.events) ? resolve() : waiters.push(check));
    check();
  });
  const wake = () => waiters.splice(0).forEach((w) => w());
  client.subscribe({ query: PROGRESS_SUBSCRIPTION, variables }, {
    next: (result) => {
      if (result.errors) feed.errors.push(...result.errors);
      else feed.events.push(result.data!.processingJobProgress);
      wake();
    },
    error: (error) => {
      feed.errors.push(error);
      wake();
    },
    complete: () => {},
  });
  return feed;
}

/**
 * Subscriptions attach asynchronously (graphql-ws acknowledges none): publish marker events the
 * feed lets through until one arrives, so no real event is missed. A marker names no real file,
 * so it arrives as an error result; markers arriving late are recognised by their id.
 */
async function attached(feed: Feed, ownerId: string, mediaFileId = '00000000-0000-4000-8000-000000000000') {
  const marker = { id: '00000000-0000-4000-8000-00000000beef', userId: ownerId, mediaFileId, status: 'pending', jobType: 'image_analysis', progressPercentage: 0, subscriptionTier: 'free' };
  const timer = setInterval(() => void subgraph.bus.publish(JOB_PROGRESS_TOPIC, { job: marker }), 50);
  try {
    await feed.until((events) => events.length + feed.errors.length > 0);
  } finally {
    clearInterval(timer);
  }
  feed.events.splice(0);
  feed.errors.splice(0);
}

const real = (events: any[]) => events.filter((e) => !e.id.startsWith('00000000-'));

describe('processingJobProgress', () => {
  it('delivers each change of the subscriber\'s own jobs, and none of anyone else\'s', async () => {
    const alice = userIdentity();
    const bob = userIdentity();
    const aliceFeed = await subscribe(alice);
    const adminFeed = await subscribe(ADMIN);
    await attached(aliceFeed, alice.userId!);
    await attached(adminFeed, alice.userId!);

    const bobsFile = await registerImage(subgraph, bob);
    const alicesFile = await registerImage(subgraph, alice);
    const [job] = (await ok(subgraph, CLAIM, { limit: 1, files: [alicesFile.id] }, WORKER)).claimProcessingJobs;
    await ok(subgraph, 'mutation ($id: ID!) { reportProcessingJobProgress(jobId: $id, progressPercentage: 60) { id } }', { id: job.id }, WORKER);

    await aliceFeed.until((events) => events.some((e) => e.progressPercentage === 60));
    const mine = real(aliceFeed.events);
    expect(mine.every((e) => e.owner.id === alice.userId && e.mediaFile.id === alicesFile.id)).toBe(true);
    // Queued (two jobs), claimed, progress.
    expect(mine.map((e) => [e.jobType, e.status, e.progressPercentage])).toEqual([
      ['IMAGE_ANALYSIS', 'PENDING', 0],
      ['EMBEDDING_GENERATION', 'PENDING', 0],
      ['IMAGE_ANALYSIS', 'PROCESSING', 0],
      ['IMAGE_ANALYSIS', 'PROCESSING', 60],
    ]);
    await adminFeed.until((events) => events.some((e) => e.progressPercentage === 60));
    expect(new Set(real(adminFeed.events).map((e) => e.owner.id))).toEqual(new Set([alice.userId, bob.userId]));
    expect(real(adminFeed.events).some((e) => e.mediaFile.id === bobsFile.id)).toBe(true);
  });

  it('narrows to one file or one job, and never lets a user follow another user\'s job', async () => {
    const carol = userIdentity();
    const mallory = userIdentity();
    const first = await registerImage(subgraph, carol);
    const byFile = await subscribe(carol, { mediaFileId: first.id });
    const snoop = await subscribe(mallory, { mediaFileId: first.id });
    await attached(byFile, carol.userId!, first.id);
    await attached(snoop, mallory.userId!, first.id);
    await registerImage(subgraph, carol);
    const [job] = (await ok(subgraph, CLAIM, { limit: 1, files: [first.id] }, WORKER)).claimProcessingJobs;
    await byFile.until((events) => events.length > 0);
    expect(real(byFile.events).map((e) => [e.id, e.status])).toEqual([[job.id, 'PROCESSING']]);
    // The snoop's feed still works (its marker arrives) but carries nothing of carol's.
    await attached(snoop, mallory.userId!, first.id);
    expect(real(snoop.events)).toEqual([]);
  });

  it('reads each event\'s file as it is now, not as an earlier event of the subscription found it', async () => {
    const erin = userIdentity();
    const file = await registerImage(subgraph, erin);
    const feed = await subscribe(erin, { mediaFileId: file.id });
    // The marker names the file, so the subscription has read it once already: QUEUED.
    await attached(feed, erin.userId!, file.id);
    await ok(subgraph, CLAIM, { limit: 1, files: [file.id] }, WORKER);
    await feed.until((events) => real(events).length > 0);
    expect(real(feed.events)[0]).toMatchObject({ status: 'PROCESSING', mediaFile: { id: file.id, status: 'PROCESSING' } });
  });

  it('publishes nothing for a mutation that rolled back', async () => {
    const dave = userIdentity();
    await setTier(db, dave.userId!, 'free');
    await db.query('UPDATE media.accounts SET uploads_this_month = 9 WHERE user_id = $1', [dave.userId]);
    const feed = await subscribe(dave);
    await attached(feed, dave.userId!);
    const refused = await subgraph.query(`mutation ($a: RegisterMediaFileInput!, $b: RegisterMediaFileInput!) {
      a: registerMediaFile(input: $a) { id } b: registerMediaFile(input: $b) { id } }`, { a: imageInput(), b: imageInput() }, dave);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Events travel in order: if the rolled-back upload had published, its events would come first.
    const accepted = await ok(subgraph, REGISTER, { input: imageInput() }, dave);
    await feed.until((events) => real(events).length >= 2);
    expect(real(feed.events).map((e) => e.mediaFile.id)).toEqual([accepted.registerMediaFile.id, accepted.registerMediaFile.id]);
  });

  it('refuses anonymous subscribers', async () => {
    const feed = await subscribe(ANONYMOUS);
    await feed.until(() => feed.errors.length > 0);
    expect(feed.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

/**
 * `notificationCreated` through the gateway's subscription path: a signed-in user receives their
 * own notifications as they are created, and nobody else's.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bootGraph, type TestGraph } from '../support/graph.js';
import { eventually, subscribe, subscriptionGauges } from '../support/subscriptions.js';

const DEMO_PASSWORD = 'sixfold-demo-password';
let graph: TestGraph;

async function logIn(email: string): Promise<string> {
  const res = await graph.query<any>('mutation ($input: LogInInput!) { logIn(input: $input) { token } }', { input: { email, password: DEMO_PASSWORD } });
  expect(res.errors).toBeUndefined();
  return res.data.logIn.token;
}

beforeAll(async () => {
  graph = await bootGraph();
});
afterAll(() => graph.stop());

describe('notificationCreated through the gateway', () => {
  it("delivers a mention to the mentioned user and to no one else", async () => {
    const [alice, carol, bob] = await Promise.all(['alice@acme.example', 'carol@acme.example', 'bob@globex.example'].map(logIn));
    const me = await graph.query<any>('{ me { id } }', {}, { token: carol });
    const carolId = me.data.me.id;
    const document = 'subscription { notificationCreated { id type title metadata } }';
    const carolFeed = subscribe(graph.url, document, { authorization: `Bearer ${carol}` });
    const bobFeed = subscribe(graph.url, document, { authorization: `Bearer ${bob}` });
    try {
      // Both subscriptions are open upstream (one per identity) before anything is published.
      await eventually(async () => expect((await subscriptionGauges(graph.url)).upstream).toBeGreaterThanOrEqual(2));
      const tasks = await graph.query<any>('{ tasks(first: 1) { edges { node { id } } } }', {}, { token: alice });
      const taskId = tasks.data.tasks.edges[0].node.id;
      const comment = await graph.query<any>(
        'mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }',
        { input: { taskId, content: 'Carol, the p95 looks off again.', mentions: [carolId] } },
        { token: alice },
      );
      expect(comment.errors).toBeUndefined();
      const event = await carolFeed.waitFor((e) => e.data?.notificationCreated?.metadata?.commentId === comment.data.addComment.id);
      expect(event.data?.notificationCreated).toMatchObject({ type: 'mention' });
      // Bob's feed stayed silent: give a stray delivery time to arrive before asserting.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(bobFeed.events).toEqual([]);
    } finally {
      await Promise.all([carolFeed.close(), bobFeed.close()]);
    }
  });

  it('refuses anonymous subscribers', async () => {
    const feed = subscribe(graph.url, 'subscription { notificationCreated { id } }');
    // The subgraph refuses at subscribe time: graphql-ws carries that as one `next` with errors, then `complete`.
    expect(await feed.ended).toEqual({ kind: 'complete' });
    expect(feed.events[0]?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await feed.close();
  });
});

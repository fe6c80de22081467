import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IDENTITY_HEADER, signIdentity, type Identity } from '@sixfold/kit';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { tenancy } from '../src/subgraph.js';
import { asOwner, demoPeople } from './support.js';

let subgraph: TestSubgraph;
let people: Awaited<ReturnType<typeof demoPeople>>;
const clients: Client[] = [];
beforeAll(async () => {
  [subgraph, people] = await Promise.all([startTestSubgraph(tenancy), demoPeople()]);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await subgraph.stop();
});

/** Subscribes to notificationCreated as `identity`; resolves with the first notifications received. */
async function listen(identity: Identity) {
  const client = createClient({
    url: subgraph.url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { [IDENTITY_HEADER]: await signIdentity(identity, process.env.IDENTITY_SECRET!) },
  });
  clients.push(client);
  const received: any[] = [];
  let ready!: () => void;
  const subscribed = new Promise<void>((resolve) => (ready = resolve));
  client.on('connected', () => setTimeout(ready, 200));
  client.subscribe({ query: 'subscription { notificationCreated { id type title metadata } }' }, { next: (m) => received.push(m.data?.notificationCreated), error: () => {}, complete: () => {} });
  await subscribed;
  return received;
}

describe('notificationCreated', () => {
  it('delivers a mention to the mentioned person only, once the comment is committed', async () => {
    const [task] = await asOwner<{ id: string }>(
      `SELECT t.id FROM app.tasks t JOIN app.projects p ON p.id = t.project_id JOIN app.organizations o ON o.id = p.organization_id WHERE o.slug = 'acme' LIMIT 1`,
    );
    const carolInbox = await listen(people.carol.identity);
    const bobInbox = await listen(people.bob.identity);
    const res = await subgraph.query<any>(
      'mutation ($input: AddCommentInput!) { addComment(input: $input) { id content mentions { email } } }',
      { input: { taskId: task!.id, content: 'Carol, can you check the latency graphs?', mentions: [people.carol.id] } },
      people.alice.identity,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.addComment.mentions).toEqual([{ email: 'carol@acme.example' }]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(carolInbox).toHaveLength(1);
    expect(carolInbox[0]).toMatchObject({ type: 'mention', metadata: { commentId: res.data.addComment.id } });
    expect(bobInbox).toEqual([]);
  });

  it('refuses to mention people outside the task\u2019s organization, writing nothing', async () => {
    const [task] = await asOwner<{ id: string }>(
      `SELECT t.id FROM app.tasks t JOIN app.projects p ON p.id = t.project_id JOIN app.organizations o ON o.id = p.organization_id WHERE o.slug = 'acme' LIMIT 1`,
    );
    const before = await asOwner('SELECT count(*)::int AS n FROM app.comments');
    const res = await subgraph.query<any>(
      'mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }',
      { input: { taskId: task!.id, content: 'Bob?', mentions: [people.bob.id] } },
      people.alice.identity,
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.mentions' });
    expect(await asOwner('SELECT count(*)::int AS n FROM app.comments')).toEqual(before);
  });

  it('marks notifications read and counts what is left', async () => {
    const before = await subgraph.query<any>('{ unreadNotificationCount }', {}, people.dave.identity);
    const marked = await subgraph.query<any>('mutation { markAllNotificationsRead }', {}, people.dave.identity);
    expect(marked.data.markAllNotificationsRead).toBe(before.data.unreadNotificationCount);
    expect((await subgraph.query<any>('{ unreadNotificationCount }', {}, people.dave.identity)).data.unreadNotificationCount).toBe(0);
  });
});

describe('organization membership', () => {
  it('invites, accepts, changes roles and removes members, owners and admins only', async () => {
    const email = `newcomer-${Date.now()}@example.com`;
    await subgraph.query('mutation ($e: String!) { signUp(input: { email: $e, password: "long enough password" }) { accepted } }', { e: email });
    const newcomerId = (await asOwner<{ id: string }>('SELECT id FROM auth.users WHERE email = $1', [email]))[0]!.id;
    // By slug: other tests' organizations may sort before it among Alice's memberships.
    const acme = (await asOwner<{ id: string }>("SELECT id FROM app.organizations WHERE slug = 'acme'"))[0]!.id;
    const byCarol = await subgraph.query<any>('mutation ($o: ID!, $e: String!) { inviteMember(input: { organizationId: $o, email: $e }) { id } }', { o: acme, e: email }, people.carol.identity);
    expect(byCarol.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const invited = await subgraph.query<any>('mutation ($o: ID!, $e: String!) { inviteMember(input: { organizationId: $o, email: $e, role: VIEWER }) { status role user { email } } }', { o: acme, e: email }, people.alice.identity);
    expect(invited.data.inviteMember).toEqual({ status: 'PENDING', role: 'VIEWER', user: { email } });
    const newcomer: Identity = { kind: 'user', userId: newcomerId, organizationIds: [], roles: [], scopes: [], credentialId: 'session:x' };
    const accepted = await subgraph.query<any>('mutation ($o: ID!) { acceptInvitation(organizationId: $o) { status } }', { o: acme }, newcomer);
    expect(accepted.data.acceptInvitation.status).toBe('ACTIVE');
    const promoted = await subgraph.query<any>('mutation ($o: ID!, $u: ID!) { changeMemberRole(organizationId: $o, userId: $u, role: MEMBER) { role } }', { o: acme, u: newcomerId }, people.alice.identity);
    expect(promoted.data.changeMemberRole.role).toBe('MEMBER');
    const removed = await subgraph.query<any>('mutation ($o: ID!, $u: ID!) { removeMember(organizationId: $o, userId: $u) { status } }', { o: acme, u: newcomerId }, people.alice.identity);
    expect(removed.data.removeMember.status).toBe('REMOVED');
    const lastOwner = await subgraph.query<any>('mutation ($o: ID!, $u: ID!) { removeMember(organizationId: $o, userId: $u) { status } }', { o: acme, u: people.alice.id }, people.alice.identity);
    expect(lastOwner.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers the same to a sign-up with a taken address, and rejects bad input by field', async () => {
    const taken = await subgraph.query<any>('mutation { signUp(input: { email: "alice@acme.example", password: "whatever password" }) { accepted message } }');
    const fresh = await subgraph.query<any>('mutation ($e: String!) { signUp(input: { email: $e, password: "whatever password" }) { accepted message } }', { e: `fresh-${Date.now()}@example.com` });
    expect(taken.data).toEqual(fresh.data);
    const long = await subgraph.query<any>('mutation ($e: String!) { signUp(input: { email: $e, password: "whatever password" }) { accepted } }', { e: `${'x'.repeat(300)}@example.com` });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
    const short = await subgraph.query<any>('mutation { signUp(input: { email: "a@b.example", password: "short" }) { accepted } }');
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ANONYMOUS } from '@sixfold/kit';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { tenancy } from '../src/subgraph.js';
import { demoPeople, type DemoPerson } from './support.js';

let subgraph: TestSubgraph;
let people: Awaited<ReturnType<typeof demoPeople>>;
beforeAll(async () => {
  [subgraph, people] = await Promise.all([startTestSubgraph(tenancy), demoPeople()]);
});
afterAll(() => subgraph.stop());

const as = (person: DemoPerson) => person.identity;

describe('me and organizations', () => {
  it('answers me with the user, their organizations, members and projects', async () => {
    const res = await subgraph.query<any>(
      `{ me { id email displayName organizations { slug name viewerRole members { totalCount edges { node { role user { email } } } } projects { totalCount edges { node { visibility } } } } } }`,
      {},
      as(people.alice),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.me).toMatchObject({ email: 'alice@acme.example', displayName: 'Alice Anders' });
    const [acme] = res.data.me.organizations;
    expect(acme).toMatchObject({ slug: 'acme', viewerRole: 'OWNER' });
    expect(acme.members.edges.map((e: any) => e.node.user.email)).toEqual(expect.arrayContaining(['alice@acme.example', 'carol@acme.example']));
    expect(acme.projects.edges.map((e: any) => e.node.visibility).sort()).toEqual(['ORGANIZATION', 'PRIVATE', 'PUBLIC']);
  });

  it('answers me with null for anonymous callers', async () => {
    const res = await subgraph.query<any>('{ me { id } }', {}, ANONYMOUS);
    expect(res).toEqual({ data: { me: null } });
  });

  it('finds an organization by slug only for its members', async () => {
    const mine = await subgraph.query<any>('{ organization(slug: "acme") { name } }', {}, as(people.alice));
    expect(mine.data.organization.name).toBe('Acme Corporation');
    const theirs = await subgraph.query<any>('{ organization(slug: "globex") { name } }', {}, as(people.alice));
    expect(theirs.data.organization).toBeNull();
  });
});

describe('entity references', () => {
  it('find nothing for an id that is not a uuid, without failing the rest of the batch', async () => {
    const r = [
      { __typename: 'User', id: people.alice.id },
      { __typename: 'User', id: 'not-a-uuid' },
      { __typename: 'Organization', id: '42' },
    ];
    const res = await subgraph.query<any>('query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { email } ... on Organization { slug } } }', { r }, as(people.alice));
    expect(res.errors).toBeUndefined();
    expect(res.data._entities).toEqual([{ email: 'alice@acme.example' }, null, null]);
  });
});

describe('tasks', () => {
  it('filters by status and priority and searches titles and descriptions', async () => {
    const res = await subgraph.query<any>(
      `{ tasks(filter: { search: "deploy" }, first: 50) { totalCount edges { node { title status priority project { organizationId } } } } }`,
      {},
      as(people.alice),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.tasks.totalCount).toBeGreaterThan(0);
    for (const { node } of res.data.tasks.edges) expect(node.title.toLowerCase()).toMatch(/deploy/);
    const urgent = await subgraph.query<any>(`{ tasks(filter: { priority: [URGENT], status: [TODO, IN_PROGRESS] }, first: 100) { edges { node { status priority } } } }`, {}, as(people.alice));
    for (const { node } of urgent.data.tasks.edges) {
      expect(node.priority).toBe('URGENT');
      expect(['TODO', 'IN_PROGRESS']).toContain(node.status);
    }
  });

  it('treats SQL-looking search text as text', async () => {
    const res = await subgraph.query<any>(`query ($s: String!) { tasks(filter: { search: $s }) { totalCount } }`, { s: "'; DROP TABLE app.tasks; --" }, as(people.alice));
    expect(res.errors).toBeUndefined();
    expect(res.data.tasks.totalCount).toBe(0);
  });

  it('refuses an over-long search with BAD_USER_INPUT', async () => {
    const res = await subgraph.query<any>(`query ($s: String!) { tasks(filter: { search: $s }) { totalCount } }`, { s: 'x'.repeat(500) }, as(people.alice));
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
  });

  it('costs the same number of statements for 3 projects as for 9, however deep', async () => {
    const query = (n: number) => `{ projects(first: ${n}) { edges { node { name organization { slug } createdBy { email }
      stats { totalTasks } tasks(first: 5) { totalCount edges { node { title assignee { email } reporter { email }
      comments(first: 3) { totalCount edges { node { content author { email } attachments { fileName } } } } attachments { fileName } } } } } } } }`;
    subgraph.statements.reset();
    const few = await subgraph.query<any>(query(3), {}, as(people.admin));
    expect(few.errors).toBeUndefined();
    const fewCount = subgraph.statements.count();
    subgraph.statements.reset();
    const many = await subgraph.query<any>(query(9), {}, as(people.admin));
    expect(many.data.projects.edges).toHaveLength(9);
    expect(subgraph.statements.count()).toBe(fewCount);
  });
});

describe('notifications', () => {
  it('lists only your own, with the unread count', async () => {
    const res = await subgraph.query<any>('{ unreadNotificationCount notifications(first: 50) { totalCount edges { node { id isRead } } } }', {}, as(people.bob));
    expect(res.errors).toBeUndefined();
    expect(res.data.notifications.totalCount).toBe(5);
    expect(res.data.unreadNotificationCount).toBe(res.data.notifications.edges.filter((e: any) => !e.node.isRead).length);
  });

  it('refuses anonymous callers with UNAUTHENTICATED', async () => {
    const res = await subgraph.query<any>('{ notifications { totalCount } }', {}, ANONYMOUS);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the audit log', () => {
  it('shows admins what the triggers recorded, without secrets', async () => {
    const res = await subgraph.query<any>('{ auditLog(filter: { tableName: "auth.users" }, first: 5) { totalCount edges { node { action tableName newValues changedFields } } } }', {}, as(people.admin));
    expect(res.errors).toBeUndefined();
    expect(res.data.auditLog.totalCount).toBeGreaterThan(5);
    for (const { node } of res.data.auditLog.edges) expect(node.newValues).not.toHaveProperty('password_hash');
  });

  it('is FORBIDDEN to everyone else', async () => {
    const res = await subgraph.query<any>('{ auditLog { totalCount } }', {}, as(people.alice));
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

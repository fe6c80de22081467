/**
 * Cross-tenant isolation, end to end through the gateway: alice (organization acme) and bob
 * (globex) each read everything they can reach, through every query path, and neither ever
 * meets a row of the other's that is not public.
 *
 * Coverage follows the composed schema: every object type with an `id` that a signed-in user
 * can reach from `Query` is classified below, per domain: tenant rows (TENANT_TYPES, walked by
 * READ_EVERYTHING, looked up by id, asked for as entities), public by design (PUBLIC_TYPES, with
 * why), or an id that names no row (NOT_ROWS). A domain adding a type fails this test until it
 * classifies it, and a tenant type until both users actually reach it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildClientSchema, getIntrospectionQuery, getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import { IDENTITY_HEADER, signIdentity, type Identity } from '@sixfold/kit';
import { bootGraph, env, seedSecrets, type TestGraph } from '../support/graph.js';

// ---------------------------------------------------------------------------------------------
// What the graph holds, by the domain that owns it
// ---------------------------------------------------------------------------------------------

/** Types whose rows belong to a user or an organization: walked by READ_EVERYTHING. */
const TENANT_TYPES: Record<string, string[]> = {
  tenancy: ['User', 'Organization', 'OrganizationMember', 'Project', 'Task', 'Comment', 'Attachment', 'Notification', 'ApiKey', 'AuditEntry'],
  // Every row belongs to one user.
  media: ['MediaFile', 'MediaEmbedding', 'ProcessingJob', 'MediaSearch', 'MediaAuditEntry'],
  // Every row belongs to the organization of its business unit (business_units.organization_id).
  fsm: [
    'BusinessUnit', 'Store', 'BusinessUnitSalesSystem', 'SalesChannelConfiguration', 'ServiceOrder', 'ServiceProject',
    'ProjectOwnershipChange', 'SalesSystemIntegrationEvent', 'SalesPreEstimation', 'RiskAssessment', 'SalesPotentialAssessment',
    'ExternalReferenceMapping',
  ],
  // Every row belongs to one user (responses through their request, turns and code versions through
  // their debate); a task to the user who enqueued it; dead letters to task operators.
  agent: [
    'LlmRequest', 'LlmResponse', 'ConversationSession', 'Memory', 'VectorMemory', 'DebateSession', 'DebateTurn', 'CodeVersion',
    'BackgroundTask', 'DeadLetterEntry', 'AnalyticsEvent',
  ],
  // Its only tenant data, a user's preferences, has no id: see USER_EXTENSIONS.
  catalog: [],
  // The database's own health (slow statements may quote anyone's data): admins only.
  observability: ['SlowQuery'],
};

/** Tenant types that only admins (for dead letters: task operators) may list; others are refused. */
const ADMIN_ONLY: Record<string, string> = {
  AuditEntry: '{ auditLog { totalCount } }',
  DeadLetterEntry: '{ deadLetters { totalCount } }',
  SlowQuery: '{ databaseHealth { slowQueries { id } } }',
};

/** Types every signed-in caller may read, each with why. */
const PUBLIC_TYPES: Record<string, Record<string, string>> = {
  // The public model directory: everyone, anonymous callers included, reads it.
  catalog: {
    Provider: 'who serves models',
    Model: 'the directory itself',
    ModelEndpoint: 'where a model is served',
    Price: 'published prices',
    BenchmarkSuite: 'published benchmarks',
    BenchmarkScore: 'published benchmark results',
    Documentation: 'links to the providers\u2019 documentation',
    NewsArticle: 'published news (its author is a User: tenant data, walked)',
    ModelListing: 'the precomputed listing of the directory',
    AiModel: 'OpenRouter\u2019s public model list',
  },
  // The public status page: everyone, anonymous callers included, reads it.
  observability: {
    Incident: 'published incidents of the public status page',
    IncidentUpdate: 'the published timeline of an incident',
  },
  fsm: {
    SalesSystem: 'master data, like countries: the systems orders come from, the same for every organization (admins write it)',
  },
  // Registries signed-in callers pick from; anonymous callers never read them (they describe
  // internal infrastructure), and settings that may carry credentials are for agent admins only.
  agent: {
    LlmProvider: 'the providers a request may go to',
    McpServer: 'the tools the agent can use',
    LspServer: 'the language servers the agent can start',
  },
};

/** Types whose `id` names something other than a row of their own. */
const NOT_ROWS: Record<string, string> = {
  DebateParticipant: 'names the agent taking part (anthropic:claude-sonnet-4) inside a debate, which is walked',
};

// ---------------------------------------------------------------------------------------------
// How a user reaches them
// ---------------------------------------------------------------------------------------------

/** Tasks of the projects the caller may see; anonymous callers see those of public projects. */
const PROJECT_TASKS = `{ tasks(first: 30) { edges { node { __typename id project { __typename id visibility } parent { __typename id }
  assignee { __typename id } reporter { __typename id } attachments { __typename id uploadedBy { __typename id } } } } } }`;

/** Each task’s comments, per task (the query-cost limit keeps them out of the list queries). */
const READ_TASK = `query ($id: ID!) { task(id: $id) { __typename id project { __typename id visibility }
  comments(first: 50) { edges { node { __typename id author { __typename id } mentions { __typename id } parent { __typename id }
    attachments { __typename id uploadedBy { __typename id } } } } } } }`;

/** A query embedding for vector search: any direction ranks all of the caller's memories. */
const PROBE_EMBEDDING = JSON.stringify(Array.from({ length: 1536 }, (_, i) => (i === 0 ? 1 : 0)));

/**
 * What a user can read, by every path the graph offers (lists, nested fields, the `User` fields
 * each domain adds to `me`); every row selects __typename and id. Queries are split, and nested
 * lists kept short, where one would exceed the gateway's cost limit (which multiplies the cost of a
 * selection by the `first` of every list around it).
 */
const READ_EVERYTHING: Record<string, string[]> = {
  tenancy: [
    `{ me { __typename id email organizations { __typename id slug
         members(first: 30) { edges { node { __typename id user { __typename id } invitedBy { __typename id } } } }
         projects(first: 30) { edges { node { __typename id visibility createdBy { __typename id } } } } }
       memberships { __typename id organization { __typename id } }
       apiKeys { __typename id }
       assignedTasks(first: 30) { edges { node { __typename id project { __typename id visibility } } } } } }`,
    `{ projects(first: 30) { edges { node { __typename id visibility organization { __typename id } createdBy { __typename id } } } } }`,
    PROJECT_TASKS,
    `{ tasks(first: 30, filter: { search: "deploy" }) { edges { node { __typename id project { __typename id visibility } } } } }`,
    `{ notifications(first: 30) { edges { node { __typename id } } } }`,
  ],
  media: [
    `{ me { mediaFiles(first: 30) { edges { node { __typename id embeddings { __typename id } } } }
            mediaSearchHistory(first: 30) { edges { node { __typename id } } } } }`,
    `{ mediaFiles(first: 30) { edges { node { __typename id owner { __typename id } } } } }`,
    `{ processingJobs(first: 30) { edges { node { __typename id mediaFile { __typename id } } } } }`,
    `{ mediaAuditLog(first: 30) { edges { node { __typename id } } } }`,
  ],
  fsm: [
    `{ businessUnits(first: 30) { edges { node { __typename id
         stores(first: 5) { edges { node { __typename id } } }
         salesSystems { __typename id salesSystem { __typename id } }
         salesChannelConfigurations { __typename id } } } }
       countries { businessUnits { __typename id } } }`,
    `{ stores(first: 30) { edges { node { __typename id businessUnit { __typename id } } } }
       salesChannelConfigurations(first: 30) { edges { node { __typename id businessUnit { __typename id } } } } }`,
    `{ serviceOrders(first: 30) { edges { node { __typename id businessUnit { __typename id } store { __typename id }
         project { __typename id } salesPreEstimation { __typename id } riskAcknowledgedBy { __typename id }
         externalReferences { __typename id entity { ... on ServiceOrder { __typename id } ... on ServiceProject { __typename id } } } } } } }`,
    `{ risky: serviceOrders(first: 10, filter: { riskLevel: [HIGH, CRITICAL] }) { edges { node { __typename id
         riskAssessments(first: 5) { edges { node { __typename id } } } integrationEvents(first: 5) { edges { node { __typename id } } } } } }
       leads: serviceOrders(first: 10, filter: { serviceType: [TV, QUOTATION] }) { edges { node { __typename id
         salesPotentialAssessments(first: 5) { edges { node { __typename id } } } } } } }`,
    `{ serviceProjects(first: 30) { edges { node { __typename id responsibleOperator { __typename id } externalReferences { __typename id } } } } }`,
    `{ serviceProjects(first: 10) { edges { node { __typename id serviceOrders(first: 5) { edges { node { __typename id } } }
         ownershipHistory(first: 5) { edges { node { __typename id previousOperator { __typename id } newOperator { __typename id } } } } } } } }`,
    `{ projectOwnershipHistory(first: 30) { edges { node { __typename id project { __typename id } } } }
       integrationEvents(first: 30) { edges { node { __typename id serviceOrder { __typename id } } } }
       salesPreEstimations(first: 30) { edges { node { __typename id serviceOrders { __typename id } } } } }`,
    `{ riskAssessments(first: 30) { edges { node { __typename id serviceOrder { __typename id } } } }
       salesPotentialAssessments(first: 30) { edges { node { __typename id serviceOrder { __typename id } } } }
       operatorWorkloads(first: 30) { edges { node { operator { __typename id } } } }
       salesChannelPerformance(filter: { orderedAfter: "2000-01-01T00:00:00Z" }) { businessUnit { __typename id } } }`,
    `{ me { serviceProjects(first: 30) { __typename id } serviceWorkload { operator { __typename id } } } }`,
  ],
  agent: [
    `{ llmRequests(first: 30) { edges { node { __typename id user { __typename id } session { __typename id }
         responses { __typename id } selectedResponse { __typename id } } } } }`,
    `{ conversationSessions(first: 30) { edges { node { __typename id user { __typename id } memory { __typename id } } } } }`,
    `{ conversationSessions(first: 10) { edges { node { __typename id
         requests(first: 5) { edges { node { __typename id } } } memories(first: 5) { edges { node { __typename id } } } } } } }`,
    `{ debateSessions(first: 30) { edges { node { __typename id createdBy { __typename id }
         turns { __typename id session { __typename id } } codeVersions { __typename id session { __typename id } } } } } }`,
    `{ backgroundTasks(first: 30) { edges { node { __typename id createdBy { __typename id } deadLetter { __typename id } } } } }`,
    `{ memories(first: 30) { edges { node { __typename id user { __typename id } session { __typename id } } } }
       vectorMemories(first: 30) { edges { node { __typename id user { __typename id } } } }
       searchMemories(embedding: ${PROBE_EMBEDDING}, first: 30) { memory { __typename id } }
       analyticsEvents(first: 30) { edges { node { __typename id user { __typename id } } } } }`,
    `{ me { llmRequests(first: 30) { edges { node { __typename id } } } conversationSessions(first: 30) { edges { node { __typename id } } }
            debateSessions(first: 30) { edges { node { __typename id } } } memories(first: 30) { edges { node { __typename id } } } } }`,
  ],
  // Public articles name their authors (by id, like the article, public); who an author is
  // (displayName) stays tenancy's to tell: null outside the author's organizations.
  catalog: [`{ news(first: 30) { edges { node { __typename id author { __typename id displayName } } } } }`],
};

/** The by-id lookup of each tenant type that has one (typename: Query field). */
const LOOKUPS: Record<string, Record<string, string>> = {
  tenancy: { User: 'user', Organization: 'organization', Project: 'project', Task: 'task' },
  media: { MediaFile: 'mediaFile', ProcessingJob: 'processingJob' },
  fsm: { BusinessUnit: 'businessUnit', Store: 'store', ServiceOrder: 'serviceOrder', ServiceProject: 'serviceProject', SalesPreEstimation: 'salesPreEstimation' },
  agent: { LlmRequest: 'llmRequest', ConversationSession: 'conversationSession', DebateSession: 'debateSession', BackgroundTask: 'backgroundTask' },
};

/**
 * Tenant entity types each subgraph resolves by id, as the gateway would ask for them. User is an
 * entity every subgraph extends, but only tenancy answers who a user is; what the others add to
 * it is USER_EXTENSIONS.
 */
const ENTITIES: Record<string, string[]> = {
  tenancy: ['User', 'Organization', 'Project', 'Task'],
  media: ['MediaFile', 'ProcessingJob'],
  fsm: ['BusinessUnit', 'Store', 'ServiceOrder', 'ServiceProject'],
  agent: ['LlmRequest', 'DebateSession', 'BackgroundTask'],
};

/** What each subgraph adds to User: the user's own data (media, agent, catalog) or their organization's (fsm). */
const USER_EXTENSIONS: Record<string, string> = {
  media: 'mediaFiles { totalCount } mediaSearchHistory { totalCount } usage { uploadsThisMonth storageUsedBytes }',
  fsm: 'serviceProjects { id } serviceWorkload { organizationId }',
  agent: 'llmRequests { totalCount } conversationSessions { totalCount } debateSessions { totalCount } memories { totalCount } llmUsage { day }',
  catalog: 'catalogPreferences { preferredLocale }',
};
/** The domains whose rows belong to one user, not to an organization: a colleague sees none of them. */
const PER_USER_DOMAINS = ['media', 'agent', 'catalog'];

const tenantTypes = Object.values(TENANT_TYPES).flat();
const publicTypes = Object.values(PUBLIC_TYPES).flatMap((types) => Object.keys(types));

interface Seen {
  typename: string;
  id: string;
  /** Visibility of the project it belongs to, when the query selected it. */
  visibility?: string;
}

/** Every {__typename, id} in a response, with the visibility of the nearest enclosing project. */
function collect(value: unknown, visibility?: string, into: Seen[] = []): Seen[] {
  if (Array.isArray(value)) for (const item of value) collect(item, visibility, into);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const own = typeof (record.project as any)?.visibility === 'string' ? (record.project as any).visibility : (record.visibility as string | undefined) ?? visibility;
    if (typeof record.__typename === 'string' && typeof record.id === 'string') into.push({ typename: record.__typename, id: record.id, visibility: own });
    for (const child of Object.values(record)) collect(child, own, into);
  }
  return into;
}

let graph: TestGraph;
let schema: GraphQLSchema;
const keys = seedSecrets();

async function readEverything(token: string): Promise<Seen[]> {
  const seen: Seen[] = [];
  for (const query of Object.values(READ_EVERYTHING).flat()) {
    const res = await graph.query(query, {}, { token });
    expect([query, res.errors]).toEqual([query, undefined]);
    collect(res.data, undefined, seen);
  }
  for (const id of ids(seen, 'Task')) {
    const res = await graph.query(READ_TASK, { id }, { token });
    expect(res.errors).toBeUndefined();
    collect(res.data, undefined, seen);
  }
  return seen;
}

/** What only the reader (or their organization) may see: everything not in a public project. */
const privateRows = (seen: Seen[]) => seen.filter((s) => s.visibility !== 'PUBLIC');
const ids = (seen: Seen[], typename?: string) => new Set(seen.filter((s) => !typename || s.typename === typename).map((s) => s.id));

/** Whether a response holds nothing: no rows, zero counts, null objects. */
const holdsNothing = (value: unknown): boolean =>
  value === null || value === 0 || (Array.isArray(value) ? value.length === 0 : typeof value === 'object' && Object.values(value as object).every(holdsNothing));

let alice: Seen[];
let bob: Seen[];

beforeAll(async () => {
  graph = await bootGraph();
  const introspection = await graph.query(getIntrospectionQuery(), {}, { token: keys.aliceKey });
  schema = buildClientSchema(introspection.data as never);
  [alice, bob] = await Promise.all([readEverything(keys.aliceKey!), readEverything(keys.bobKey!)]);
});
afterAll(() => graph.stop());

/** A subgraph's answer to `_entities`, asked directly as the gateway would, signed as `identity`. */
async function entitiesAt(subgraphName: string, identity: Identity, representations: Array<{ __typename: string; id: string }>, selection: string) {
  const subgraph = graph.running.subgraphs.find((s) => s.name === subgraphName)!;
  const response = await fetch(subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await signIdentity(identity, env().identitySecret) },
    body: JSON.stringify({ query: `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, variables: { r: representations } }),
  });
  const body = (await response.json()) as { data?: { _entities: unknown[] }; errors?: unknown };
  expect([subgraphName, body.errors]).toEqual([subgraphName, undefined]);
  return body.data!._entities;
}

/** The identity the gateway signs for a user, from what they read of themselves. */
const identityOf = (seen: Seen[]): Identity => ({
  kind: 'user',
  userId: seen.find((s) => s.typename === 'User')!.id,
  organizationIds: [...ids(seen, 'Organization')],
  roles: ['user'],
  scopes: [],
});

describe('coverage', () => {
  it('classifies every type with an id that the graph exposes to signed-in users', () => {
    const reachable = new Set<string>();
    const visit = (typeName: string) => {
      const type = schema.getType(typeName);
      if (!isObjectType(type) || reachable.has(typeName)) return;
      reachable.add(typeName);
      for (const field of Object.values(type.getFields())) visit(getNamedType(field.type).name);
    };
    visit('Query');
    const withIds = [...reachable].filter((name) => name !== 'Query' && 'id' in (schema.getType(name) as any).getFields());
    const classified = [...tenantTypes, ...publicTypes, ...Object.keys(NOT_ROWS)];
    expect(withIds.filter((name) => !classified.includes(name))).toEqual([]);
    expect(tenantTypes.filter((name) => publicTypes.includes(name))).toEqual([]);
    expect(classified.filter((name) => !schema.getType(name))).toEqual([]);
  });

  it('actually reached every tenant type but the admin-only ones, as both users', () => {
    for (const seen of [alice, bob]) {
      const types = new Set(seen.map((s) => s.typename));
      for (const type of tenantTypes.filter((t) => !(t in ADMIN_ONLY))) expect([type, types.has(type)]).toEqual([type, true]);
    }
  });
});

describe('two users of two organizations', () => {
  it('never see each other\u2019s private rows through any list or nested field', () => {
    for (const typename of tenantTypes) {
      const overlap = [...ids(privateRows(alice), typename)].filter((id) => ids(privateRows(bob), typename).has(id));
      expect([typename, overlap]).toEqual([typename, []]);
    }
  });

  it('both see public projects, and nobody else\u2019s organization', () => {
    const publicProjects = (seen: Seen[]) => ids(seen.filter((s) => s.visibility === 'PUBLIC'), 'Project');
    expect([...publicProjects(alice)].sort()).toEqual([...publicProjects(bob)].sort());
    expect(ids(alice, 'Organization')).not.toEqual(ids(bob, 'Organization'));
  });

  it('get null for the other\u2019s rows by direct lookup', async () => {
    for (const [typename, field] of Object.values(LOOKUPS).flatMap((lookups) => Object.entries(lookups))) {
      for (const [reader, owner] of [[keys.aliceKey!, bob], [keys.bobKey!, alice]] as const) {
        const theirs = [...ids(privateRows(owner), typename)].slice(0, 5);
        expect([typename, theirs.length > 0]).toEqual([typename, true]);
        for (const id of theirs) {
          const res = await graph.query(`query ($id: ID!) { result: ${field}(id: $id) { id } }`, { id }, { token: reader });
          expect([typename, res.errors, res.data?.result]).toEqual([typename, undefined, null]);
        }
      }
    }
  });

  it('get null for the other\u2019s rows as federation entity references', async () => {
    for (const [name, typenames] of Object.entries(ENTITIES)) {
      const representations = typenames.flatMap((typename) => [...ids(privateRows(bob), typename)].slice(0, 5).map((id) => ({ __typename: typename, id })));
      expect([name, representations.length > 0]).toEqual([name, true]);
      const entities = await entitiesAt(name, identityOf(alice), representations, typenames.map((t) => `... on ${t} { __typename id }`).join(' '));
      expect(entities).toHaveLength(representations.length);
      expect([name, entities.filter((e) => e !== null)]).toEqual([name, []]);
    }
  });

  it('see nothing of the other in the fields each domain adds to User', async () => {
    const bobAsEntity = [{ __typename: 'User', id: identityOf(bob).userId! }];
    for (const [name, fields] of Object.entries(USER_EXTENSIONS)) {
      const [ownView] = await entitiesAt(name, identityOf(bob), bobAsEntity, `... on User { ${fields} }`);
      const [aliceView] = await entitiesAt(name, identityOf(alice), bobAsEntity, `... on User { ${fields} }`);
      expect([name, holdsNothing(ownView), holdsNothing(aliceView)]).toEqual([name, false, true]);
    }
  });

  it('cannot list what only admins may, while the admin can', async () => {
    for (const [typename, query] of Object.entries(ADMIN_ONLY)) {
      for (const token of [keys.aliceKey!, keys.bobKey!]) {
        const res = await graph.query(query, {}, { token });
        expect([typename, res.errors?.[0]?.extensions?.code]).toEqual([typename, 'FORBIDDEN']);
      }
      const admin = await graph.query(query, {}, { token: keys.demoAdminKey! });
      // Rows came back: a positive totalCount, or items with ids.
      expect([typename, admin.errors, /"totalCount":[1-9]|"id":/.test(JSON.stringify(admin.data))]).toEqual([typename, undefined, true]);
    }
  });

  it('are both seen by the admin, who sees everything', async () => {
    const admin = await readEverything(keys.demoAdminKey!);
    const adminProjects = ids(admin, 'Project');
    for (const id of [...ids(alice, 'Project'), ...ids(bob, 'Project')]) expect(adminProjects.has(id)).toBe(true);
  });
});

describe('two users of one organization', () => {
  it('see none of each other\u2019s own data: media, agent and catalog rows belong to a user, not to the organization', async () => {
    const members = await graph.query<any>('{ me { organizations { members(first: 50) { edges { node { user { id email } } } } } } }', {}, { token: keys.aliceKey! });
    const carol = members.data.me.organizations.flatMap((o: any) => o.members.edges.map((e: any) => e.node.user)).find((u: any) => u.email === 'carol@acme.example');
    const fields = PER_USER_DOMAINS.map((name) => USER_EXTENSIONS[name]).join(' ');
    const query = `query ($id: ID!) { user(id: $id) { ${fields} } }`;
    const asAdmin = await graph.query<any>(query, { id: carol.id }, { token: keys.demoAdminKey! });
    const asAlice = await graph.query<any>(query, { id: carol.id }, { token: keys.aliceKey! });
    expect([asAdmin.errors, asAlice.errors]).toEqual([undefined, undefined]);
    // Alice may see who carol is (tenancy), and carol has data of her own (the admin sees it): none of it reaches alice.
    expect(asAlice.data.user).not.toBeNull();
    expect([holdsNothing(asAdmin.data.user), holdsNothing(asAlice.data.user)]).toEqual([false, true]);
  });
});

describe('anonymous callers', () => {
  it('see public projects and their tasks, and no one', async () => {
    const seen: Seen[] = [];
    for (const query of Object.values(READ_EVERYTHING).flat()) {
      const res = await graph.query(query);
      // Some fields refuse anonymous callers outright; the rest answer with what is public.
      expect([query, res.errors?.filter((e) => e.extensions?.code !== 'UNAUTHENTICATED') ?? []]).toEqual([query, []]);
      collect(res.data, undefined, seen);
    }
    expect(ids(seen, 'Project').size).toBeGreaterThan(0);
    expect(privateRows(seen).filter((s) => tenantTypes.includes(s.typename))).toEqual([]);
    expect(seen.filter((s) => s.typename === 'User')).toEqual([]);
  });
});

import { hashSecret, newApiKey } from '@sixfold/tenancy/credentials';
import { insertRows, type DomainSeed, type SeedContext } from './context.js';

/**
 * Every demo account's password. Demo data only: a real deployment creates its accounts through
 * `signUp` (and never runs this seed).
 */
export const DEMO_PASSWORD = 'sixfold-demo-password';

/** The well-known accounts of the README and the tests. Scale adds generated colleagues. */
const ORGANIZATIONS = [
  { slug: 'acme', name: 'Acme Corporation', industry: 'Manufacturing', website: 'https://acme.example' },
  { slug: 'globex', name: 'Globex Corporation', industry: 'Energy', website: 'https://globex.example' },
  { slug: 'initech', name: 'Initech', industry: 'Software', website: 'https://initech.example' },
] as const;

const PEOPLE = [
  { email: 'admin@sixfold.example', first: 'Ada', last: 'Admin', org: null, role: null },
  { email: 'alice@acme.example', first: 'Alice', last: 'Anders', org: 'acme', role: 'owner' },
  { email: 'bob@globex.example', first: 'Bob', last: 'Brandt', org: 'globex', role: 'owner' },
  { email: 'carol@acme.example', first: 'Carol', last: 'Chen', org: 'acme', role: 'member' },
  { email: 'dave@globex.example', first: 'Dave', last: 'Dubois', org: 'globex', role: 'admin' },
  { email: 'erin@initech.example', first: 'Erin', last: 'Eriksen', org: 'initech', role: 'owner' },
] as const;

const PROJECTS = [
  { name: 'Status Page Revamp', visibility: 'public', description: 'Rebuild the public status page on live subscriptions.' },
  { name: 'Model Evaluation Pipeline', visibility: 'organization', description: 'Nightly benchmark runs and regression alerts for every model we use.' },
  { name: 'Incident Response Runbooks', visibility: 'private', description: 'Runbooks, escalation paths and post-mortem templates.' },
] as const;

const TASK_TITLES = [
  'Deploy the new gateway to staging', 'Write the rollback runbook', 'Add latency alerts per region', 'Review pricing import errors',
  'Migrate dashboards to the new graph', 'Benchmark the streaming endpoint', 'Fix flaky probe in eu-west', 'Document the API key rotation',
  'Tune database connection pools', 'Draft the quarterly reliability report', 'Triage customer escalations', 'Load test the subscription path',
];
const TASK_DETAILS = [
  'Owner to confirm the scope with the on-call team before starting.',
  'Blocked on the upstream provider fixing their rate limits.',
  'Follow the checklist in the runbook and record timings.',
  'Compare p95 latency before and after; attach the graphs.',
  'Customers in the EU region reported this first.',
  'Keep the change behind a feature flag until the review passes.',
];
const COMMENT_TEXTS = [
  'Picked this up, will post an update by tomorrow.',
  'The deploy went through on staging; numbers look good so far.',
  'Can we split this into two smaller changes?',
  'I added the graphs from last night\u2019s run.',
  'Blocked until the provider answers our ticket.',
  'Looks good to me, merging after lunch.',
  'Reverted for now: error rates went up in us-east.',
];
const STATUSES = ['todo', 'in_progress', 'review', 'done', 'blocked', 'cancelled'] as const;
const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
const TAGS = ['backend', 'frontend', 'ops', 'docs', 'security', 'performance'];
const MIME_TYPES = [['pdf', 'application/pdf'], ['png', 'image/png'], ['csv', 'text/csv'], ['md', 'text/markdown']] as const;

const slugify = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const DAY = 86_400_000;

export const tenancySeed: DomainSeed = {
  domain: 'tenancy',
  tables: [
    'audit.audit_log', 'app.notifications', 'app.attachments', 'app.comments', 'app.tasks', 'app.projects',
    'app.organization_members', 'app.organizations', 'auth.api_keys', 'auth.sessions', 'auth.password_reset_tokens',
    'auth.email_verification_tokens', 'auth.user_roles', 'auth.roles', 'auth.users',
  ],
  async seed(ctx) {
    const faker = ctx.faker('tenancy');
    // Dates count back from the start of this month, so history always falls inside the
    // partitions the migrations keep (twelve months of tasks, five of notifications).
    const now = new Date();
    const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    const daysAgo = (max: number) => new Date(Math.min(monthStart - faker.number.int({ min: 0, max }) * DAY + faker.number.int(DAY - 1), now.getTime() - 60_000));
    const passwordHash = await hashSecret(DEMO_PASSWORD);

    const roles = [
      { id: faker.string.uuid(), name: 'admin', description: 'Sees and manages everything', is_system: true },
      { id: faker.string.uuid(), name: 'user', description: 'A signed-up account', is_system: true },
    ];
    await insertRows(ctx, 'tenancy', 'auth.roles', roles);

    const organizations = [
      ...ORGANIZATIONS.map((o) => ({ ...o })),
      ...Array.from({ length: ctx.scale - 1 }, (_, i) => {
        const name = `${faker.company.name()} ${i + 2}`;
        return { slug: slugify(name), name, industry: faker.helpers.arrayElement(['Retail', 'Logistics', 'Finance', 'Healthcare']), website: `https://${slugify(name)}.example` };
      }),
    ].map((o) => ({
      id: faker.string.uuid(),
      name: o.name,
      slug: o.slug,
      description: `${o.name}: ${faker.company.catchPhrase()}.`,
      website_url: o.website,
      industry: o.industry,
      size: faker.helpers.arrayElement(['1-10', '11-50', '51-200', '201-1000']),
      created_at: daysAgo(400),
    }));

    // The well-known people, then generated colleagues spread over the organizations.
    const people = [
      ...PEOPLE.map((p) => ({ ...p, org: p.org as string | null })),
      ...Array.from({ length: 6 * ctx.scale }, (_, i) => {
        const first = faker.person.firstName();
        const last = faker.person.lastName();
        const org = organizations[i % organizations.length]!;
        return { email: `${slugify(`${first}.${last}`)}.${i}@${org.slug}.example`, first, last, org: org.slug as string | null, role: faker.helpers.arrayElement(['member', 'member', 'viewer', 'admin']) };
      }),
    ];
    const users = people.map((p) => ({
      id: faker.string.uuid(),
      email: p.email,
      email_verified: true,
      password_hash: passwordHash,
      display_name: `${p.first} ${p.last}`,
      first_name: p.first,
      last_name: p.last,
      locale: faker.helpers.arrayElement(['en', 'en', 'de', 'fr', 'zh']),
      timezone: faker.helpers.arrayElement(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Shanghai']),
      last_login_at: daysAgo(20),
      created_at: daysAgo(380),
    }));
    await insertRows(ctx, 'tenancy', 'auth.users', users);
    const admin = users[0]!;
    await insertRows(ctx, 'tenancy', 'auth.user_roles', [
      { id: faker.string.uuid(), user_id: admin.id, role_id: roles[0]!.id },
      ...users.map((u) => ({ id: faker.string.uuid(), user_id: u.id, role_id: roles[1]!.id })),
    ]);

    const orgBySlug = new Map(organizations.map((o) => [o.slug, o]));
    await insertRows(ctx, 'tenancy', 'app.organizations', organizations.map((o) => ({ ...o, created_by: users[people.findIndex((p) => p.org === o.slug)]?.id ?? admin.id })));
    const memberships = people.flatMap((p, i) =>
      p.org
        ? [{ id: faker.string.uuid(), organization_id: orgBySlug.get(p.org)!.id, user_id: users[i]!.id, role: p.role!, status: 'active', invited_at: daysAgo(360), joined_at: daysAgo(350) }]
        : [],
    );
    await insertRows(ctx, 'tenancy', 'app.organization_members', memberships);
    const membersOf = (orgId: string) => memberships.filter((m) => m.organization_id === orgId).map((m) => m.user_id);

    const projects = organizations.flatMap((o) =>
      PROJECTS.map((p) => ({
        id: faker.string.uuid(),
        organization_id: o.id,
        name: `${p.name}`,
        slug: slugify(p.name),
        description: `${p.description} (${o.name})`,
        visibility: p.visibility,
        status: 'active',
        start_date: daysAgo(300),
        created_by: faker.helpers.arrayElement(membersOf(o.id)),
        created_at: daysAgo(330),
      })),
    );
    await insertRows(ctx, 'tenancy', 'app.projects', projects);

    const tasks = projects.flatMap((project) => {
      const members = membersOf(project.organization_id);
      return Array.from({ length: 8 * ctx.scale }, (_, i) => {
        const status = faker.helpers.arrayElement(STATUSES);
        const created = daysAgo(330);
        const title = `${TASK_TITLES[(i + project.name.length) % TASK_TITLES.length]}${i >= TASK_TITLES.length ? ` #${i}` : ''}`;
        return {
          id: faker.string.uuid(),
          project_id: project.id,
          title,
          description: faker.helpers.arrayElements(TASK_DETAILS, { min: 1, max: 2 }).join(' '),
          status,
          priority: faker.helpers.arrayElement(PRIORITIES),
          assignee_id: faker.helpers.arrayElement([...members, null]),
          reporter_id: faker.helpers.arrayElement(members),
          due_date: new Date(created.getTime() + faker.number.int({ min: 3, max: 90 }) * DAY),
          estimated_hours: faker.number.float({ min: 1, max: 40, fractionDigits: 1 }),
          tags: faker.helpers.arrayElements(TAGS, { min: 0, max: 3 }),
          position: i,
          created_at: created,
          completed_at: status === 'done' ? new Date(created.getTime() + faker.number.int({ min: 1, max: 30 }) * DAY) : null,
        };
      });
    });
    await insertRows(ctx, 'tenancy', 'app.tasks', tasks);

    const projectOf = new Map(projects.map((p) => [p.id, p]));
    const comments = tasks.filter((_, i) => i % 2 === 0).flatMap((task) => {
      const members = membersOf(projectOf.get(task.project_id)!.organization_id);
      return Array.from({ length: faker.number.int({ min: 1, max: 3 }) }, () => {
        const mention = faker.helpers.maybe(() => faker.helpers.arrayElement(members), { probability: 0.3 });
        return {
          id: faker.string.uuid(),
          task_id: task.id,
          user_id: faker.helpers.arrayElement(members),
          content: faker.helpers.arrayElement(COMMENT_TEXTS),
          mentions: mention ? [mention] : [],
          created_at: new Date(Math.min(task.created_at.getTime() + faker.number.int({ min: 1, max: 20 }) * DAY, now.getTime() - 60_000)),
        };
      });
    });
    await insertRows(ctx, 'tenancy', 'app.comments', comments);

    const attachments = [
      ...tasks.filter((_, i) => i % 3 === 0).map((task) => ({ task_id: task.id, comment_id: null as string | null, uploaded_by: task.reporter_id })),
      ...comments.filter((_, i) => i % 5 === 0).map((c) => ({ task_id: null as string | null, comment_id: c.id, uploaded_by: c.user_id })),
    ].map((a) => {
      const [extension, mimeType] = faker.helpers.arrayElement(MIME_TYPES);
      const fileName = `${faker.helpers.arrayElement(['report', 'latency-graph', 'runbook', 'export', 'screenshot', 'notes'])}-${faker.number.int({ min: 1, max: 99 })}.${extension}`;
      const id = faker.string.uuid();
      return { id, ...a, file_name: fileName, file_size: faker.number.int({ min: 1_024, max: 25_000_000 }), mime_type: mimeType, storage_path: `attachments/${id}/${fileName}`, checksum: faker.string.hexadecimal({ length: 64, casing: 'lower', prefix: '' }) };
    });
    await insertRows(ctx, 'tenancy', 'app.attachments', attachments);

    const notifications = users.slice(0, PEOPLE.length + 2 * ctx.scale).flatMap((user) =>
      Array.from({ length: 5 }, (_, i) => {
        const task = faker.helpers.arrayElement(tasks);
        const read = i >= 2;
        const created = daysAgo(120);
        return {
          id: faker.string.uuid(),
          user_id: user.id,
          type: faker.helpers.arrayElement(['mention', 'task_assigned', 'task_due_soon']),
          title: `${faker.helpers.arrayElement(['You were mentioned on', 'Assigned to you:', 'Due soon:'])} \u201c${task.title}\u201d`,
          message: faker.helpers.arrayElement(COMMENT_TEXTS),
          link: `/projects/${task.project_id}/tasks/${task.id}`,
          metadata: { taskId: task.id },
          is_read: read,
          read_at: read ? new Date(Math.min(created.getTime() + DAY, now.getTime() - 60_000)) : null,
          created_at: created,
        };
      }),
    );
    await insertRows(ctx, 'tenancy', 'app.notifications', notifications);

    await seedApiKeys(ctx, faker.string.uuid.bind(faker.string), [
      { secret: 'demoAdminKey', userId: admin.id, name: 'Demo admin key', scopes: ['read', 'write', 'admin'], rateLimit: 100_000 },
      { secret: 'aliceKey', userId: users[1]!.id, name: 'Alice\u2019s key', scopes: ['read', 'write'], rateLimit: 10_000 },
      { secret: 'bobKey', userId: users[2]!.id, name: 'Bob\u2019s key', scopes: ['read', 'write'], rateLimit: 10_000 },
    ]);

    await ctx.client.query('SELECT app.refresh_statistics()');

    ctx.shared.adminUserId = admin.id;
    ctx.shared.organizations = organizations.map((o) => ({ id: o.id, slug: o.slug, name: o.name, memberIds: membersOf(o.id) }));
    ctx.shared.users = users.map((u) => ({
      id: u.id,
      email: u.email,
      displayName: u.display_name,
      organizationIds: memberships.filter((m) => m.user_id === u.id).map((m) => m.organization_id),
    }));
  },
};

/**
 * API keys for the demo accounts. Ids are deterministic; secrets are random on every seed and
 * returned once, as seed secrets (printed by `pnpm start`, handed to tests).
 */
async function seedApiKeys(
  ctx: SeedContext,
  newId: () => string,
  keys: Array<{ secret: string; userId: string; name: string; scopes: string[]; rateLimit: number }>,
) {
  const rows = await Promise.all(
    keys.map(async (k) => {
      const id = newId();
      const key = await newApiKey(id);
      ctx.secrets[k.secret] = key.token;
      return { id, user_id: k.userId, name: k.name, key_hash: key.keyHash, key_prefix: key.keyPrefix, scopes: k.scopes, rate_limit: k.rateLimit };
    }),
  );
  await insertRows(ctx, 'tenancy', 'auth.api_keys', rows);
}

import type { Faker } from '@faker-js/faker';
import { insertRows, type DomainSeed, type SeedContext } from './context.js';

/**
 * agent: demo data for seed 003 (HelixAgent). Every user gets conversations with requests and
 * ensemble responses (one selected), memories (facts and clustered vector embeddings) and
 * analytics; a few debates run with rounds of turns and code versions; the task queue holds tasks
 * in every status, the dead-lettered ones with their dead-letter entries. Deterministic: times
 * count back from a fixed moment, randomness comes from the domain's seeded Faker.
 */

/** "Now" for the demo data. */
const ANCHOR = Date.parse('2026-11-15T12:00:00Z');
const DAY = 86_400_000;
const EMBEDDING_DIMENSIONS = 1536;

const PROVIDERS = [
  { name: 'openai', type: 'openai', catalog: 'openai', model: 'gpt-4o', baseUrl: 'https://api.openai.com/v1', weight: '1.20', hosted: true },
  { name: 'anthropic', type: 'anthropic', catalog: 'anthropic', model: 'claude-sonnet-4', baseUrl: 'https://api.anthropic.com/v1', weight: '1.25', hosted: true },
  { name: 'gemini', type: 'google', catalog: 'google', model: 'gemini-2.5-pro', baseUrl: 'https://generativelanguage.googleapis.com/v1beta', weight: '1.10', hosted: true },
  { name: 'deepseek', type: 'openai-compatible', catalog: 'deepseek', model: 'deepseek-chat', baseUrl: 'https://api.deepseek.com/v1', weight: '1.00', hosted: true },
  { name: 'mistral', type: 'mistral', catalog: 'mistral', model: 'mistral-large-2', baseUrl: 'https://api.mistral.ai/v1', weight: '0.90', hosted: true },
  { name: 'qwen', type: 'openai-compatible', catalog: 'alibaba', model: 'qwen3-235b', baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1', weight: '0.85', hosted: true },
  { name: 'xai', type: 'openai-compatible', catalog: 'xai', model: 'grok-3', baseUrl: 'https://api.x.ai/v1', weight: '0.80', hosted: true },
  // Self-hosted: no catalog entry, no key.
  { name: 'ollama', type: 'ollama', catalog: null, model: 'llama3.3:70b', baseUrl: 'http://127.0.0.1:11434', weight: '0.60', hosted: false },
] as const;
const HEALTH = ['healthy', 'healthy', 'healthy', 'degraded', 'healthy', 'healthy', 'unhealthy', 'unknown'];

const PROMPTS = [
  'Summarise the trade-offs between event sourcing and a relational audit log.',
  'Write a SQL query that returns the five slowest endpoints per region for last week.',
  'Explain the difference between HNSW and IVFFlat vector indexes.',
  'Draft a polite reply declining a meeting invitation for Friday.',
  'Refactor this TypeScript function to avoid the N+1 query in its loop.',
  'What are the main risks of running Postgres without connection pooling?',
  'Suggest three names for an internal developer portal.',
  'Translate "the deployment is paused until Monday" into German and French.',
  'Give me a checklist for reviewing a database migration before release.',
  'Compare GraphQL federation with schema stitching in two paragraphs.',
];

const DEBATES = [
  { topic: 'Should the team adopt a monorepo for all services?', positions: ['for', 'against'] },
  { topic: 'Is optimistic locking preferable to row locks for the order service?', positions: ['optimistic locking', 'row locks'] },
  { topic: 'Which caching strategy fits the catalog read path best?', positions: ['write-through', 'cache-aside', 'read-through'] },
  { topic: 'Should embeddings be recomputed on every model upgrade?', positions: ['always', 'only when recall drops'] },
];
const DEBATE_STATES = ['completed', 'active', 'pending', 'cancelled'] as const;

const TASK_TYPES = ['memory.reindex', 'provider.health_check', 'models.sync', 'analytics.export', 'embedding.generate', 'debate.evaluate'];
const TASK_STATUSES = ['pending', 'queued', 'running', 'paused', 'completed', 'failed', 'stuck', 'cancelled', 'dead_letter'] as const;
const PRIORITIES = ['critical', 'high', 'normal', 'normal', 'low', 'background'];
const TASK_ERRORS = ['upstream returned 503', 'connection reset by peer', 'rate limited by provider', 'payload failed schema validation'];

/** Vector memories cluster around topics, so similarity search has something to find. */
const MEMORY_TOPICS = [
  { topic: 'coding style', facts: ['prefers TypeScript strict mode', 'uses two-space indentation', 'writes tests before refactoring'] },
  { topic: 'infrastructure', facts: ['runs Postgres 15 in production', 'deploys on Fridays only with approval', 'keeps Redis for caches'] },
  { topic: 'team', facts: ['works with the data platform team', 'reviews pull requests every morning', 'pairs on migrations'] },
  { topic: 'travel', facts: ['prefers window seats', 'travels to Berlin each quarter', 'avoids red-eye flights'] },
  { topic: 'research', facts: ['reads papers on retrieval augmentation', 'follows vector database benchmarks', 'tracks LLM evaluation methods'] },
];

const MCP_SERVERS = [
  { name: 'filesystem', type: 'stdio', endpoint: 'npx -y @modelcontextprotocol/server-filesystem /workspace', port: 3001, capabilities: ['tools', 'resources'] },
  { name: 'github', type: 'http', endpoint: 'http://mcp-github.internal/mcp', port: 8080, capabilities: ['tools', 'resources', 'prompts'] },
  { name: 'postgres', type: 'stdio', endpoint: 'npx -y @modelcontextprotocol/server-postgres', port: 3002, capabilities: ['tools', 'resources'] },
  { name: 'brave-search', type: 'sse', endpoint: 'http://mcp-search.internal/sse', port: 8081, capabilities: ['tools'] },
  { name: 'slack', type: 'http', endpoint: 'http://mcp-slack.internal/mcp', port: 8082, capabilities: ['tools', 'prompts'] },
  { name: 'memory', type: 'websocket', endpoint: 'ws://mcp-memory.internal/ws', port: 8083, capabilities: ['tools', 'resources'] },
];

const LSP_SERVERS = [
  { name: 'typescript-language-server', language: 'typescript', command: 'typescript-language-server', args: ['--stdio'], patterns: ['**/*.ts', '**/*.tsx'] },
  { name: 'pyright', language: 'python', command: 'pyright-langserver', args: ['--stdio'], patterns: ['**/*.py'] },
  { name: 'gopls', language: 'go', command: 'gopls', args: ['serve'], patterns: ['**/*.go'] },
  { name: 'rust-analyzer', language: 'rust', command: 'rust-analyzer', args: [], patterns: ['**/*.rs'] },
  { name: 'clangd', language: 'cpp', command: 'clangd', args: ['--background-index'], patterns: ['**/*.c', '**/*.cc', '**/*.h'] },
  { name: 'jdtls', language: 'java', command: 'jdtls', args: ['-data', '/tmp/jdtls'], patterns: ['**/*.java'] },
];

type Row = Record<string, unknown>;

/**
 * A jsonb value sent as JSON text. Plain arrays need it: pg would send them as Postgres arrays.
 * (The shared `json()` wrapper would reach the database as `{}`: insertRows stringifies it.)
 */
const jsonb = (value: unknown) => JSON.stringify(value);

export const agentSeed: DomainSeed = {
  domain: 'agent',
  tables: [
    'agent.streaming_analytics',
    'agent.clickhouse_analytics',
    'agent.dead_letter_queue',
    'agent.background_tasks',
    'agent.code_versions',
    'agent.debate_turns',
    'agent.debate_sessions',
    'agent.llm_responses',
    'agent.llm_requests',
    'agent.distributed_memory',
    'agent.cognee_memories',
    'agent.conversation_sessions',
    'agent.llm_providers',
    'agent.mcp_servers',
    'agent.lsp_servers',
  ],
  async seed(ctx) {
    const faker = ctx.faker('agent');
    const at = (daysAgo: number) => new Date(ANCHOR - daysAgo * DAY);
    const users = seedUsers(ctx, faker);

    // Providers -------------------------------------------------------------------------------
    const catalogIds = new Map(ctx.shared.providers.map((p) => [p.slug, p.id]));
    const providers = PROVIDERS.map((p, i) => ({
      id: faker.string.uuid(),
      name: p.name,
      type: p.type,
      // Placeholder secrets, so that `hasApiKey` is true for hosted providers in the demo.
      api_key: p.hosted ? `demo-${p.name}-key-not-a-real-secret` : null,
      base_url: p.baseUrl,
      model: p.model,
      weight: p.weight,
      enabled: HEALTH[i] !== 'unhealthy',
      config: { timeoutMs: 30_000, maxRetries: 2 },
      health_status: HEALTH[i],
      response_time: faker.number.int({ min: 180, max: 2_400 }),
      modelsdev_provider_id: p.catalog,
      catalog_provider_id: p.catalog ? (catalogIds.get(p.catalog) ?? null) : null,
      total_models: faker.number.int({ min: 8, max: 40 }),
      enabled_models: 0,
      last_models_sync: at(faker.number.float({ min: 0.1, max: 3 })),
    }));
    for (const p of providers) p.enabled_models = faker.number.int({ min: 1, max: p.total_models });
    await insertRows(ctx, 'agent', 'agent.llm_providers', providers);

    // Conversations, requests, responses, streaming metrics, analytics events ------------------
    const sessions: Row[] = [];
    const requests: Row[] = [];
    const responses: Row[] = [];
    const streaming: Row[] = [];
    const events: Row[] = [];
    const addRequest = (userId: string, sessionId: string | null, createdDaysAgo: number) => {
      const createdAt = at(createdDaysAgo);
      const status = createdDaysAgo < 0.05 ? faker.helpers.arrayElement(['pending', 'running']) : faker.helpers.weightedArrayElement([
        { value: 'completed', weight: 9 },
        { value: 'failed', weight: 1 },
      ]);
      const requestType = faker.helpers.weightedArrayElement([
        { value: 'completion', weight: 5 },
        { value: 'chat', weight: 3 },
        { value: 'streaming', weight: 3 },
        { value: 'ensemble', weight: 2 },
      ]);
      const prompt = faker.helpers.arrayElement(PROMPTS);
      const startedAt = status === 'pending' ? null : new Date(createdAt.getTime() + 150);
      const id = faker.string.uuid();
      const answered = status === 'pending' ? 0 : status === 'failed' ? faker.number.int({ min: 0, max: 1 }) : requestType === 'ensemble' ? 3 : faker.number.int({ min: 1, max: 3 });
      const answering = faker.helpers.arrayElements(providers.filter((p) => p.enabled), answered);
      const winner = status === 'completed' ? faker.number.int({ min: 0, max: answered - 1 }) : -1;
      let finishedAt = startedAt;
      answering.forEach((provider, i) => {
        const tokensPrompt = faker.number.int({ min: 20, max: 600 });
        const tokensCompletion = faker.number.int({ min: 40, max: 1_200 });
        const responseTime = faker.number.int({ min: 250, max: 9_000 });
        const respondedAt = new Date(startedAt!.getTime() + responseTime);
        if (respondedAt > finishedAt!) finishedAt = respondedAt;
        responses.push({
          id: faker.string.uuid(),
          request_id: id,
          provider_id: provider.id,
          provider_name: provider.name,
          content: `${provider.name}: ${faker.lorem.sentences({ min: 2, max: 4 })}`,
          raw_response: { model: provider.model, id: `resp_${faker.string.alphanumeric(12)}` },
          tokens_prompt: tokensPrompt,
          tokens_completion: tokensCompletion,
          tokens_total: tokensPrompt + tokensCompletion,
          confidence: faker.number.float({ min: 0.55, max: 0.99, fractionDigits: 4 }),
          response_time: responseTime,
          finish_reason: faker.helpers.weightedArrayElement([{ value: 'stop', weight: 9 }, { value: 'length', weight: 1 }]),
          selected: i === winner,
          created_at: respondedAt,
        });
      });
      requests.push({
        id,
        session_id: sessionId,
        user_id: userId,
        prompt,
        messages: [{ role: 'system', content: 'You are a helpful engineering assistant.' }, { role: 'user', content: prompt }],
        model_params: { temperature: faker.helpers.arrayElement([0, 0.2, 0.7, 1]), max_tokens: faker.helpers.arrayElement([512, 1024, 4096]) },
        ensemble_config: requestType === 'ensemble' ? { strategy: 'confidence_weighted', minProviders: 2 } : null,
        memory_enhanced: sessionId !== null && faker.datatype.boolean(0.4),
        memory: {},
        status,
        created_at: createdAt,
        started_at: startedAt,
        completed_at: status === 'completed' || status === 'failed' ? finishedAt : null,
        request_type: requestType,
      });
      events.push(analyticsEvent(faker, 'llm.request.submitted', { requestId: id, requestType }, userId, sessionId, createdAt, createdDaysAgo > 2));
      if (status === 'completed' || status === 'failed')
        events.push(analyticsEvent(faker, `llm.request.${status}`, { requestId: id }, userId, sessionId, finishedAt!, createdDaysAgo > 2));
      if (requestType === 'streaming' && status === 'completed') {
        const chunks = faker.number.int({ min: 6, max: 14 });
        for (let chunk = 0; chunk < chunks; chunk++) {
          streaming.push({
            id: faker.string.uuid(),
            stream_id: id,
            event_type: chunk === chunks - 1 ? 'stream.completed' : 'stream.chunk',
            chunk_number: chunk,
            latency_ms: chunk === 0 ? faker.number.int({ min: 180, max: 900 }) : faker.number.int({ min: 15, max: 120 }),
            tokens_delta: faker.number.int({ min: 1, max: 40 }),
            user_id: userId,
            timestamp: new Date(startedAt!.getTime() + 200 + chunk * 60),
          });
        }
      }
    };
    for (const userId of users) {
      for (let s = 0; s < 2 * ctx.scale; s++) {
        const startedDaysAgo = faker.number.float({ min: 0.5, max: 30 });
        const sessionId = faker.string.uuid();
        const active = startedDaysAgo < 7;
        sessions.push({
          id: sessionId,
          user_id: userId,
          session_token: `conv_${faker.string.alphanumeric(24)}`,
          context: { project: faker.helpers.arrayElement(['billing', 'search', 'platform', 'mobile']), language: 'en' },
          status: active ? 'active' : faker.helpers.arrayElement(['expired', 'revoked']),
          request_count: 3,
          last_activity: at(startedDaysAgo - 0.2),
          expires_at: active ? new Date(ANCHOR + 90 * DAY) : at(startedDaysAgo - 1),
          created_at: at(startedDaysAgo),
        });
        for (let r = 0; r < 3; r++) addRequest(userId, sessionId, startedDaysAgo - r * 0.05);
      }
      addRequest(userId, null, faker.number.float({ min: 0, max: 30 }));
    }
    await insertRows(ctx, 'agent', 'agent.conversation_sessions', sessions);
    await insertRows(ctx, 'agent', 'agent.llm_requests', requests);
    await insertRows(ctx, 'agent', 'agent.llm_responses', responses);

    // Memories --------------------------------------------------------------------------------
    const memories: Row[] = [];
    const vectorMemories: Row[] = [];
    const centers = MEMORY_TOPICS.map(() => randomDirection(faker));
    for (const [u, userId] of users.entries()) {
      const userSessions = sessions.filter((s) => s.user_id === userId);
      for (let m = 0; m < 3 * ctx.scale; m++) {
        const topic = faker.helpers.arrayElement(MEMORY_TOPICS);
        const fact = faker.helpers.arrayElement(topic.facts);
        memories.push({
          id: faker.string.uuid(),
          user_id: userId,
          session_id: (faker.helpers.arrayElement(userSessions).id as string) ?? null,
          content: `The user ${fact}.`,
          memory_type: faker.helpers.arrayElement(['fact', 'preference', 'event']),
          entities: [{ name: topic.topic, type: 'topic' }],
          relationships: [{ from: 'user', relation: 'relates_to', to: topic.topic }],
          confidence: faker.number.float({ min: 0.6, max: 0.99, fractionDigits: 4 }),
          access_count: faker.number.int({ min: 0, max: 25 }),
          last_accessed: at(faker.number.float({ min: 0, max: 10 })),
          created_at: at(faker.number.float({ min: 10, max: 40 })),
        });
      }
      const shard = `shard-${String(u % 16).padStart(2, '0')}`;
      for (let m = 0; m < 2 * MEMORY_TOPICS.length * ctx.scale; m++) {
        const k = m % MEMORY_TOPICS.length;
        // Near its topic's centre (cosine ≈ 0.94); random directions this long are near-orthogonal,
        // so the centres are far apart.
        const offset = randomDirection(faker);
        const embedding = unitVector(centers[k]!.map((x, i) => x + 0.35 * offset[i]!));
        vectorMemories.push({
          id: faker.string.uuid(),
          shard_key: shard,
          user_id: userId,
          content: `${MEMORY_TOPICS[k]!.topic}: the user ${faker.helpers.arrayElement(MEMORY_TOPICS[k]!.facts)}`,
          embedding: embedding.map((x) => Math.round(x * 1e6) / 1e6),
          metadata: { topic: MEMORY_TOPICS[k]!.topic, source: 'conversation' },
          node_id: `node-${u % 4}`,
          replicated_to: jsonb([`node-${(u + 1) % 4}`]),
          created_at: at(faker.number.float({ min: 0, max: 30 })),
        });
      }
    }
    await insertRows(ctx, 'agent', 'agent.cognee_memories', memories);
    await insertRows(ctx, 'agent', 'agent.distributed_memory', vectorMemories);
    // Conversations with injected memory (memories reference sessions, so this comes after).
    const injected = memories.filter((_, i) => i % 3 === 0);
    await ctx.client.query(
      `UPDATE agent.conversation_sessions s SET memory_id = m.memory_id
         FROM unnest($1::uuid[], $2::uuid[]) AS m(session_id, memory_id) WHERE s.id = m.session_id`,
      [injected.map((m) => m.session_id), injected.map((m) => m.id)],
    );

    // Debates ---------------------------------------------------------------------------------
    const debates: Row[] = [];
    const turns: Row[] = [];
    const codeVersions: Row[] = [];
    for (let d = 0; d < DEBATES.length * ctx.scale; d++) {
      const spec = DEBATES[d % DEBATES.length]!;
      const state = DEBATE_STATES[d % DEBATE_STATES.length]!;
      const id = faker.string.uuid();
      const totalRounds = 3;
      const participants = faker.helpers.arrayElements(providers.filter((p) => p.enabled), spec.positions.length + 1).map((p, i) => ({
        id: `${p.name}:${p.model}`,
        position: spec.positions[i % spec.positions.length]!,
        providerName: p.name,
      }));
      const rounds = state === 'completed' ? totalRounds : state === 'active' ? 2 : state === 'cancelled' ? 1 : 0;
      const createdAt = at(faker.number.float({ min: 1, max: 20 }));
      let clock = createdAt.getTime() + 60_000;
      for (let round = 1; round <= rounds; round++) {
        participants.forEach((p, i) => {
          clock += faker.number.int({ min: 5_000, max: 40_000 });
          turns.push({
            id: faker.string.uuid(),
            session_id: id,
            round_number: round,
            turn_number: i + 1,
            participant_id: p.id,
            position: p.position,
            content: `Round ${round}, arguing "${p.position}": ${faker.lorem.sentences({ min: 2, max: 3 })}`,
            raw_response: { provider: p.providerName },
            tokens_used: faker.number.int({ min: 150, max: 900 }),
            response_time: faker.number.int({ min: 800, max: 12_000 }),
            confidence: faker.number.float({ min: 0.5, max: 0.98, fractionDigits: 4 }),
            created_at: new Date(clock),
          });
        });
      }
      const finished = state === 'completed' || state === 'cancelled';
      debates.push({
        id,
        topic: spec.topic,
        description: `A ${totalRounds}-round debate between ${participants.length} agents.`,
        status: state,
        current_round: rounds,
        total_rounds: totalRounds,
        voting_method: faker.helpers.arrayElement(['weighted', 'majority', 'borda', 'condorcet']),
        positions: jsonb(spec.positions),
        participants: participants,
        final_winner: state === 'completed' ? faker.helpers.arrayElement(spec.positions) : null,
        metadata: { requestedBy: 'demo' },
        // From the first demo account after the admin on (alice, then bob: README and tests use them).
        created_by: users[(d + 1) % users.length],
        created_at: createdAt,
        started_at: rounds > 0 ? new Date(createdAt.getTime() + 60_000) : null,
        completed_at: finished ? new Date(clock + 60_000) : null,
      });
      // A completed debate produced a proposal and its revision; one under way, its proposal so far (still being validated).
      const versions = state === 'completed' ? 2 : state === 'active' ? 1 : 0;
      for (let v = 0; v < versions; v++) {
        const validation = state === 'active' ? 'pending' : v === 0 ? 'failed' : 'passed';
        codeVersions.push({
          id: faker.string.uuid(),
          session_id: id,
          version_hash: faker.git.commitSha(),
          branch: `debate/${d + 1}-${v === 0 ? 'proposal' : 'revision'}`,
          commit_message: faker.git.commitMessage(),
          files_changed: jsonb(['src/service.ts', 'src/service.test.ts'].slice(0, v + 1)),
          diff_summary: `${faker.number.int({ min: 3, max: 80 })} insertions, ${faker.number.int({ min: 0, max: 40 })} deletions`,
          validation_status: validation,
          test_results: validation === 'pending' ? {} : { passed: faker.number.int({ min: 40, max: 120 }), failed: validation === 'failed' ? 2 : 0 },
          created_at: new Date(clock + (v + 1) * 30_000),
        });
      }
    }
    await insertRows(ctx, 'agent', 'agent.debate_sessions', debates);
    await insertRows(ctx, 'agent', 'agent.debate_turns', turns);
    await insertRows(ctx, 'agent', 'agent.code_versions', codeVersions);

    // Background tasks and the dead-letter queue ----------------------------------------------
    const tasks: Row[] = [];
    const deadLetters: Row[] = [];
    for (let t = 0; t < 30 * ctx.scale; t++) {
      const status = TASK_STATUSES[t % TASK_STATUSES.length]!;
      const taskType = faker.helpers.arrayElement(TASK_TYPES);
      const createdAt = at(faker.number.float({ min: 0.1, max: 14 }));
      const maxRetries = 3;
      const retryCount = status === 'dead_letter' ? maxRetries : status === 'failed' ? faker.number.int({ min: 1, max: maxRetries }) : 0;
      const history = Array.from({ length: status === 'dead_letter' ? maxRetries + 1 : retryCount }, (_, attempt) => ({
        attempt: attempt + 1,
        error: faker.helpers.arrayElement(TASK_ERRORS),
        workerId: `worker-${faker.number.int({ min: 1, max: 4 })}`,
        failedAt: new Date(createdAt.getTime() + (attempt + 1) * 60_000).toISOString(),
      }));
      const claimed = ['running', 'paused', 'completed', 'failed', 'stuck', 'dead_letter'].includes(status);
      const finished = ['completed', 'failed', 'cancelled', 'dead_letter'].includes(status);
      const id = faker.string.uuid();
      const payload = { target: taskType.split('.')[0], batch: faker.number.int({ min: 1, max: 500 }) };
      tasks.push({
        id,
        task_type: taskType,
        payload,
        status,
        priority: faker.helpers.arrayElement(PRIORITIES),
        worker_id: claimed ? `worker-${faker.number.int({ min: 1, max: 4 })}` : null,
        retry_count: retryCount,
        max_retries: maxRetries,
        error_message: history.at(-1)?.error ?? null,
        result: status === 'completed' ? { processed: payload.batch } : null,
        scheduled_at: createdAt,
        started_at: claimed ? new Date(createdAt.getTime() + 5_000) : null,
        completed_at: finished ? new Date(createdAt.getTime() + (history.length + 1) * 60_000) : null,
        created_at: createdAt,
        // Most tasks are the system's; every fourth was asked for by a user, the demo accounts first.
        created_by: t % 4 === 0 ? users[(t / 4) % users.length] : null,
        retry_history: jsonb(history),
      });
      if (status === 'dead_letter') {
        deadLetters.push({
          id: faker.string.uuid(),
          original_task_id: id,
          task_type: taskType,
          payload,
          error_message: history.at(-1)!.error,
          error_stack: `Error: ${history.at(-1)!.error}\n    at ${taskType.replace('.', '/')}.run (worker.ts:42:11)`,
          retry_history: jsonb(history),
          moved_at: new Date(createdAt.getTime() + (history.length + 1) * 60_000),
        });
      }
    }
    await insertRows(ctx, 'agent', 'agent.background_tasks', tasks);
    await insertRows(ctx, 'agent', 'agent.dead_letter_queue', deadLetters);

    // Registries and analytics ----------------------------------------------------------------
    await insertRows(
      ctx,
      'agent',
      'agent.mcp_servers',
      MCP_SERVERS.map((s, i) => ({
        id: faker.string.uuid(),
        name: s.name,
        type: s.type,
        endpoint: s.endpoint,
        port: s.port,
        capabilities: jsonb(s.capabilities),
        config: { timeoutMs: 10_000 },
        health_status: i === 3 ? 'degraded' : 'healthy',
        enabled: i !== 4,
      })),
    );
    await insertRows(
      ctx,
      'agent',
      'agent.lsp_servers',
      LSP_SERVERS.map((s) => ({
        id: faker.string.uuid(),
        name: s.name,
        language: s.language,
        command: s.command,
        args: jsonb(s.args),
        file_patterns: jsonb(s.patterns),
      })),
    );
    await insertRows(ctx, 'agent', 'agent.clickhouse_analytics', events);
    await insertRows(ctx, 'agent', 'agent.streaming_analytics', streaming);

    // The summaries start out current.
    await ctx.client.query('SELECT agent.refresh_analytics_views()');
  },
};

/**
 * The users the agent's data belongs to: tenancy's, seeded first. When the agent is seeded
 * without tenancy (`seed({ domains })`) that list is empty, and these stand-ins (deterministic
 * ids, no account anywhere) keep its demo data meaningful on its own.
 */
function seedUsers(ctx: SeedContext, faker: Faker): string[] {
  if (ctx.shared.users.length > 0) return ctx.shared.users.map((u) => u.id);
  return Array.from({ length: 10 }, () => faker.string.uuid());
}

function analyticsEvent(faker: Faker, eventType: string, data: Row, userId: string, sessionId: string | null, timestamp: Date, exported: boolean): Row {
  return {
    id: faker.string.uuid(),
    event_type: eventType,
    event_data: data,
    user_id: userId,
    session_id: sessionId,
    timestamp,
    exported,
    exported_at: exported ? new Date(timestamp.getTime() + 3_600_000) : null,
  };
}

/**
 * A random direction: uniform components from a small xorshift generator seeded by the Faker
 * (deterministic, and far cheaper than one Faker call per component).
 */
function randomDirection(faker: Faker): number[] {
  let state = faker.number.int({ min: 1, max: 2 ** 31 - 1 });
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) / 0xffffffff) * 2 - 1;
  };
  return unitVector(Array.from({ length: EMBEDDING_DIMENSIONS }, next));
}

function unitVector(v: number[]): number[] {
  const norm = Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
  return v.map((x) => x / norm);
}

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ANONYMOUS } from '@sixfold/kit';
import { ADMIN, REGISTRY_ADMIN, agentUnderTest, user } from './support.js';

const { subgraph, db } = agentUnderTest();

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const PROVIDER = 'id name type defaultModel weight enabled config healthStatus responseTimeMs hasApiKey totalModels enabledModels';
const REGISTER = `mutation ($input: RegisterLlmProviderInput!) { registerLlmProvider(input: $input) { ${PROVIDER} } }`;
const UPDATE = `mutation ($input: UpdateLlmProviderInput!) { updateLlmProvider(input: $input) { ${PROVIDER} } }`;

describe('LLM providers', () => {
  it('are listed for signed-in callers, with their settings only for those who administer them', async () => {
    const QUERY = '{ llmProviders { name config healthStatus hasApiKey catalogProvider { id } performance { responses } } }';
    expect((await subgraph.query<any>(QUERY)).data.llmProviders).toEqual([]);
    const asUser = (await subgraph.query<any>(QUERY, {}, user())).data.llmProviders;
    expect(asUser.map((p: any) => p.name)).toEqual(expect.arrayContaining(['anthropic', 'openai', 'ollama']));
    expect(asUser.every((p: any) => p.config === null)).toBe(true);
    const openai = asUser.find((p: any) => p.name === 'openai');
    expect(openai).toMatchObject({ hasApiKey: true, performance: { responses: expect.any(Number) } });
    expect(openai.catalogProvider?.id ?? null).toEqual((await db.query("SELECT id::text FROM catalog.providers WHERE slug = 'openai'")).rows[0]?.id ?? null);
    expect(asUser.find((p: any) => p.name === 'ollama').hasApiKey).toBe(false);
    const asAdmin = (await subgraph.query<any>(QUERY, {}, ADMIN)).data.llmProviders;
    expect(asAdmin.find((p: any) => p.name === 'openai').config).toMatchObject({ timeoutMs: 30_000 });
  });

  it('never expose the API key: the graph has no field for it and the subgraph’s role cannot read it', async () => {
    const { data } = await subgraph.query<any>('{ __type(name: "LlmProvider") { fields { name } } }', {}, user());
    expect(data.__type.fields.map((f: any) => f.name).filter((name: string) => /key/i.test(name))).toEqual(['hasApiKey']);
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT set_config('role', 'sixfold_agent', true), set_config('app.is_admin', 'on', true)");
      await expect(client.query('SELECT api_key FROM agent.llm_providers')).rejects.toThrow(/permission denied/);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('are registered and updated by admins, the key written but never returned', async () => {
    const name = unique('acme');
    const registered = await subgraph.query<any>(REGISTER, { input: { name, type: 'openai-compatible', apiKey: 'sk-live-123', weight: '1.5', defaultModel: 'acme-1' } }, ADMIN);
    expect(registered.errors).toBeUndefined();
    const provider = registered.data.registerLlmProvider;
    expect(provider).toMatchObject({ name, weight: '1.5', hasApiKey: true, healthStatus: 'UNKNOWN', defaultModel: 'acme-1' });
    expect(JSON.stringify(registered)).not.toContain('sk-live-123');
    const stored = await db.query('SELECT api_key FROM agent.llm_providers WHERE id = $1', [provider.id]);
    expect(stored.rows[0].api_key).toBe('sk-live-123');

    const updated = await subgraph.query<any>(UPDATE, { input: { id: provider.id, apiKey: null, healthStatus: 'DEGRADED', responseTimeMs: 850, totalModels: 10, enabledModels: 4 } }, ADMIN);
    expect(updated.data.updateLlmProvider).toMatchObject({ hasApiKey: false, healthStatus: 'DEGRADED', responseTimeMs: 850, enabledModels: 4 });
    const untouched = await subgraph.query<any>(UPDATE, { input: { id: provider.id, enabled: false } }, ADMIN);
    expect(untouched.data.updateLlmProvider).toMatchObject({ enabled: false, weight: '1.5', defaultModel: 'acme-1', totalModels: 10 });
  });

  it('validate before writing', async () => {
    const name = unique('bad');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'Has Spaces', type: 'x' }, 'input.name'],
      [{ name, type: 'x', weight: '1000' }, 'input.weight'],
      [{ name, type: 'x', baseUrl: 'ftp://example.com' }, 'input.baseUrl'],
      [{ name: 'openai', type: 'x' }, 'input.name'],
    ];
    for (const [input, field] of cases) {
      const res = await subgraph.query<any>(REGISTER, { input }, ADMIN);
      expect(res.errors?.[0]?.extensions).toMatchObject({ field });
    }
    const { data } = await subgraph.query<any>('{ llmProvider(name: "openai") { id totalModels } }', {}, ADMIN);
    const tooMany = await subgraph.query<any>(UPDATE, { input: { id: data.llmProvider.id, enabledModels: data.llmProvider.totalModels + 1 } }, ADMIN);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.enabledModels' });
    const cleared = await subgraph.query<any>(UPDATE, { input: { id: data.llmProvider.id, name: null } }, ADMIN);
    expect(cleared.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
  });

  it('accept writes from an agent:admin key (row-level security sees the scope), not from users', async () => {
    const byKey = await subgraph.query<any>(REGISTER, { input: { name: unique('scoped'), type: 'ollama' } }, REGISTRY_ADMIN);
    expect(byKey.errors).toBeUndefined();
    const byUser = await subgraph.query<any>(REGISTER, { input: { name: unique('nope'), type: 'ollama' } }, user());
    expect(byUser.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byAnonymous = await subgraph.query<any>(REGISTER, { input: { name: unique('nope'), type: 'ollama' } }, ANONYMOUS);
    expect(byAnonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('MCP and LSP servers', () => {
  it('are registered, updated and listed', async () => {
    const name = unique('mcp');
    const registered = await subgraph.query<any>(
      `mutation ($input: RegisterMcpServerInput!) { registerMcpServer(input: $input) { id name type port capabilities healthStatus enabled } }`,
      { input: { name, type: 'http', endpoint: 'http://mcp.internal/mcp', port: 9000, capabilities: ['tools'] } },
      REGISTRY_ADMIN,
    );
    expect(registered.data.registerMcpServer).toMatchObject({ name, port: 9000, capabilities: ['tools'], healthStatus: 'UNKNOWN', enabled: true });
    const updated = await subgraph.query<any>(
      `mutation ($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { port healthStatus capabilities updatedAt createdAt } }`,
      { input: { id: registered.data.registerMcpServer.id, healthStatus: 'HEALTHY', capabilities: ['tools', 'resources'] } },
      ADMIN,
    );
    expect(updated.data.updateMcpServer).toMatchObject({ port: 9000, healthStatus: 'HEALTHY', capabilities: ['tools', 'resources'] });
    const badPort = await subgraph.query<any>(
      `mutation ($input: UpdateMcpServerInput!) { updateMcpServer(input: $input) { port } }`,
      { input: { id: registered.data.registerMcpServer.id, port: 70_000 } },
      ADMIN,
    );
    expect(badPort.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.port' });

    const lsp = await subgraph.query<any>(
      `mutation ($input: RegisterLspServerInput!) { registerLspServer(input: $input) { id language args filePatterns } }`,
      { input: { name: unique('lsp'), language: 'zig', command: 'zls', filePatterns: ['**/*.zig'] } },
      ADMIN,
    );
    expect(lsp.data.registerLspServer).toMatchObject({ language: 'zig', args: [], filePatterns: ['**/*.zig'] });
    const listed = await subgraph.query<any>('{ lspServers(language: "zig") { command } mcpServers(enabledOnly: true) { name config } }', {}, user());
    expect(listed.data.lspServers).toEqual([{ command: 'zls' }]);
    expect(listed.data.mcpServers.every((s: any) => s.config === null)).toBe(true);
    expect((await subgraph.query<any>('{ mcpServers { name } lspServers { name } }')).data).toEqual({ mcpServers: [], lspServers: [] });
  });
});

/**
 * The registries the agent administers: LLM providers (whose API key is write-only), MCP servers
 * and LSP servers. Writes: admins or `agent:admin` keys.
 */
import { badInput, conflict, notFound, parseInput } from '@sixfold/kit';
import { z } from 'zod';
import { requireAgentAdmin } from './access.js';
import type { AgentContext, AgentTx } from './context.js';
import type { LlmProvider, LspServer, McpServer, Prisma } from './generated/prisma/client.js';
import { toColumnValue } from './values.js';
import { decimalBetween, distinct, httpUrl, jsonObject, nonNegativeInt, optionalText, text, uuid } from './validation.js';

const registryName = z.string().max(255).regex(/^[a-z0-9][a-z0-9_.-]*$/, 'must be lower-case letters, digits and _ . -');
const healthStatus = z.enum(['HEALTHY', 'DEGRADED', 'UNHEALTHY', 'UNKNOWN']);
const apiKey = z.string().min(1).max(255);
const strings = (max: number, each: number) =>
  z.array(text(each)).max(max).refine(distinct, 'must be distinct');

/** Names are unique per registry: say so by field rather than leave it to the constraint. */
async function requireFreeName(taken: Promise<unknown>) {
  if (await taken) throw conflict('input.name', 'is already registered');
}

/** Only the keys present in `input` (an omitted field is left as it is). */
const present = <T extends object>(input: T) => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;

// ------------------------------------------------------------------------------------------------
// LLM providers
// ------------------------------------------------------------------------------------------------

const providerFields = {
  name: registryName,
  type: text(100),
  baseUrl: httpUrl.nullish(),
  defaultModel: optionalText(255),
  weight: decimalBetween(0, 999.99),
  enabled: z.boolean(),
  config: jsonObject,
  modelsdevProviderId: optionalText(255),
  catalogProviderId: uuid.nullish(),
};

const registerProviderInput = z.object({
  ...providerFields,
  weight: providerFields.weight.nullish(),
  enabled: providerFields.enabled.nullish(),
  config: providerFields.config.nullish(),
  apiKey: apiKey.nullish(),
});

export async function registerLlmProvider(ctx: AgentContext, input: unknown): Promise<LlmProvider> {
  requireAgentAdmin(ctx.identity);
  const data = parseInput(registerProviderInput, input);
  return ctx.db.run(async (tx) => {
    await requireFreeName(tx.llmProvider.findUnique({ where: { name: data.name }, select: { id: true } }));
    const { id } = await tx.llmProvider.create({
      data: {
        name: data.name,
        type: data.type,
        baseUrl: data.baseUrl ?? null,
        model: data.defaultModel ?? null,
        weight: data.weight ?? '1.0',
        enabled: data.enabled ?? true,
        config: (data.config ?? {}) as Prisma.InputJsonObject,
        modelsdevProviderId: data.modelsdevProviderId ?? null,
        catalogProviderId: data.catalogProviderId ?? null,
      },
      select: { id: true },
    });
    if (data.apiKey) await setApiKey(tx, id, data.apiKey);
    return (await tx.llmProvider.findUnique({ where: { id } }))!;
  });
}

// Patch inputs: a required column may be changed but not cleared (`.optional()` rejects null);
// an optional one may also be cleared with null (`.nullish()`).
const updateProviderInput = z.object({
  id: uuid,
  name: providerFields.name.optional(),
  type: providerFields.type.optional(),
  baseUrl: providerFields.baseUrl,
  defaultModel: providerFields.defaultModel,
  weight: providerFields.weight.optional(),
  enabled: providerFields.enabled.optional(),
  config: providerFields.config.optional(),
  modelsdevProviderId: providerFields.modelsdevProviderId,
  catalogProviderId: providerFields.catalogProviderId,
  apiKey: apiKey.nullish(),
  healthStatus: healthStatus.optional(),
  responseTimeMs: nonNegativeInt().optional(),
  totalModels: nonNegativeInt().optional(),
  enabledModels: nonNegativeInt().optional(),
  lastModelsSync: z.date().nullish(),
});

export async function updateLlmProvider(ctx: AgentContext, input: unknown): Promise<LlmProvider> {
  requireAgentAdmin(ctx.identity);
  const { id, apiKey: key, defaultModel, healthStatus: health, responseTimeMs, config, ...rest } = parseInput(updateProviderInput, input);
  const provider = await ctx.loaders.providerById.load(id);
  if (!provider) throw notFound('LLM provider');
  if ((rest.enabledModels ?? provider.enabledModels) > (rest.totalModels ?? provider.totalModels))
    throw badInput('input.enabledModels', 'must not exceed totalModels');
  const updated = await ctx.db.run(async (tx) => {
    if (rest.name && rest.name !== provider.name) await requireFreeName(tx.llmProvider.findUnique({ where: { name: rest.name }, select: { id: true } }));
    if (key !== undefined) await setApiKey(tx, id, key);
    return tx.llmProvider.update({
      where: { id },
      data: {
        ...present(rest),
        ...present({ model: defaultModel, config: config as Prisma.InputJsonObject | undefined }),
        ...(health ? { healthStatus: toColumnValue(health) } : {}),
        ...(responseTimeMs !== undefined ? { responseTime: BigInt(responseTimeMs) } : {}),
      },
    });
  });
  ctx.loaders.providerById.clear(id).prime(id, updated);
  return updated;
}

/**
 * The only way the key is written. Raw SQL because the Prisma model has no api_key field: the
 * subgraph's role may update the column but never read it back.
 */
function setApiKey(tx: AgentTx, id: string, key: string | null) {
  return tx.$executeRaw`UPDATE agent.llm_providers SET api_key = ${key} WHERE id = ${id}::uuid`;
}

// ------------------------------------------------------------------------------------------------
// MCP and LSP servers
// ------------------------------------------------------------------------------------------------

const mcpFields = {
  name: registryName,
  type: z.enum(['stdio', 'sse', 'http', 'websocket'], { error: 'must be stdio, sse, http or websocket' }),
  endpoint: text(500),
  port: z.number().int().min(1).max(65_535),
  capabilities: strings(50, 100),
  config: jsonObject,
  enabled: z.boolean(),
};

const registerMcpInput = z.object({
  ...mcpFields,
  capabilities: mcpFields.capabilities.nullish(),
  config: mcpFields.config.nullish(),
  enabled: mcpFields.enabled.nullish(),
});

export async function registerMcpServer(ctx: AgentContext, input: unknown): Promise<McpServer> {
  requireAgentAdmin(ctx.identity);
  const data = parseInput(registerMcpInput, input);
  return ctx.db.run(async (tx) => {
    await requireFreeName(tx.mcpServer.findUnique({ where: { name: data.name }, select: { id: true } }));
    return tx.mcpServer.create({
      data: {
        name: data.name,
        type: data.type,
        endpoint: data.endpoint,
        port: data.port,
        capabilities: data.capabilities ?? [],
        config: (data.config ?? {}) as Prisma.InputJsonObject,
        enabled: data.enabled ?? true,
      },
    });
  });
}

const updateMcpInput = z.object({
  id: uuid,
  name: mcpFields.name.optional(),
  type: mcpFields.type.optional(),
  endpoint: mcpFields.endpoint.optional(),
  port: mcpFields.port.optional(),
  capabilities: mcpFields.capabilities.optional(),
  config: mcpFields.config.optional(),
  healthStatus: healthStatus.optional(),
  enabled: mcpFields.enabled.optional(),
});

export async function updateMcpServer(ctx: AgentContext, input: unknown): Promise<McpServer> {
  requireAgentAdmin(ctx.identity);
  const { id, healthStatus: health, config, ...rest } = parseInput(updateMcpInput, input);
  return ctx.db.run(async (tx) => {
    const server = await tx.mcpServer.findUnique({ where: { id }, select: { name: true } });
    if (!server) throw notFound('MCP server');
    if (rest.name && rest.name !== server.name) await requireFreeName(tx.mcpServer.findUnique({ where: { name: rest.name }, select: { id: true } }));
    return tx.mcpServer.update({
      where: { id },
      data: {
        ...present(rest),
        ...present({ config: config as Prisma.InputJsonObject | undefined }),
        ...(health ? { healthStatus: toColumnValue(health) } : {}),
      },
    });
  });
}

const lspFields = {
  name: registryName,
  language: z.string().max(100).regex(/^[a-z][a-z0-9_+#-]*$/, 'must be a lower-case language id, e.g. typescript'),
  command: text(500),
  args: z.array(z.string().max(1_000)).max(100),
  filePatterns: strings(100, 255),
  enabled: z.boolean(),
};

const registerLspInput = z.object({
  ...lspFields,
  args: lspFields.args.nullish(),
  filePatterns: lspFields.filePatterns.nullish(),
  enabled: lspFields.enabled.nullish(),
});

export async function registerLspServer(ctx: AgentContext, input: unknown): Promise<LspServer> {
  requireAgentAdmin(ctx.identity);
  const data = parseInput(registerLspInput, input);
  return ctx.db.run(async (tx) => {
    await requireFreeName(tx.lspServer.findUnique({ where: { name: data.name }, select: { id: true } }));
    return tx.lspServer.create({
      data: {
        name: data.name,
        language: data.language,
        command: data.command,
        args: data.args ?? [],
        filePatterns: data.filePatterns ?? [],
        enabled: data.enabled ?? true,
      },
    });
  });
}

const updateLspInput = z.object({
  id: uuid,
  name: lspFields.name.optional(),
  language: lspFields.language.optional(),
  command: lspFields.command.optional(),
  args: lspFields.args.optional(),
  filePatterns: lspFields.filePatterns.optional(),
  enabled: lspFields.enabled.optional(),
});

export async function updateLspServer(ctx: AgentContext, input: unknown): Promise<LspServer> {
  requireAgentAdmin(ctx.identity);
  const { id, ...rest } = parseInput(updateLspInput, input);
  return ctx.db.run(async (tx) => {
    const server = await tx.lspServer.findUnique({ where: { id }, select: { name: true } });
    if (!server) throw notFound('LSP server');
    if (rest.name && rest.name !== server.name) await requireFreeName(tx.lspServer.findUnique({ where: { name: rest.name }, select: { id: true } }));
    return tx.lspServer.update({ where: { id }, data: present(rest) });
  });
}

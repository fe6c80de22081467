/** Memories: Cognee facts with entity graphs, and vector memories searched by similarity. */
import { createHash } from 'node:crypto';
import { badInput, parseInput } from '@sixfold/kit';
import { z } from 'zod';
import { requireWriter } from './access.js';
import type { AgentContext } from './context.js';
import type { CogneeMemory, DistributedMemory } from './generated/prisma/client.js';
import { EMBEDDING_DIMENSIONS, nearestMemories } from './vector-search.js';
import { decimalBetween, jsonArray, jsonObject, text, uuid } from './validation.js';

/** Vector memories are spread over this many shards, held by this many nodes. */
const SHARDS = 16;
const NODES = 4;
/** Largest magnitude a Postgres `real` holds. */
const REAL_MAX = 3.4e38;

const embedding = z
  .array(z.number().refine((x) => Math.abs(x) <= REAL_MAX, 'is out of range for a 32-bit float'))
  .length(EMBEDDING_DIMENSIONS, `must have ${EMBEDDING_DIMENSIONS} numbers`)
  .refine((v) => v.some((x) => x !== 0), 'must not be all zeros (it has no direction)');

const storeInput = z.object({
  content: text(20_000),
  memoryType: z.string().max(50).regex(/^[a-z][a-z_]*$/, 'must be lower-case letters and _').nullish(),
  sessionId: uuid.nullish(),
  entities: jsonArray.nullish(),
  relationships: jsonArray.nullish(),
  confidence: decimalBetween(0, 1).nullish(),
});

export async function storeMemory(ctx: AgentContext, input: unknown): Promise<CogneeMemory> {
  const userId = requireWriter(ctx.identity);
  const data = parseInput(storeInput, input);
  if (data.sessionId) {
    const session = await ctx.loaders.sessionById.load(data.sessionId);
    if (session?.userId !== userId) throw badInput('input.sessionId', 'is not one of your conversations');
  }
  return ctx.db.run((tx) =>
    tx.cogneeMemory.create({
      data: {
        userId,
        sessionId: data.sessionId ?? null,
        content: data.content,
        memoryType: data.memoryType ?? 'fact',
        entities: (data.entities ?? []) as object[],
        relationships: (data.relationships ?? []) as object[],
        confidence: data.confidence ?? '0.8',
      },
    }),
  );
}

const storeVectorInput = z.object({
  content: text(20_000),
  embedding: z.union([z.array(z.number()).length(0), embedding]).nullish(),
  shardKey: z.string().max(64).regex(/^[\w.:-]+$/, 'must be letters, digits and _ . : -').nullish(),
  metadata: jsonObject.nullish(),
});

export async function storeVectorMemory(ctx: AgentContext, input: unknown): Promise<DistributedMemory> {
  const userId = requireWriter(ctx.identity);
  const data = parseInput(storeVectorInput, input);
  const shard = shardOf(userId);
  return ctx.db.run((tx) =>
    tx.distributedMemory.create({
      data: {
        userId,
        content: data.content,
        embedding: data.embedding ?? [],
        shardKey: data.shardKey ?? `shard-${String(shard).padStart(2, '0')}`,
        nodeId: `node-${shard % NODES}`,
        metadata: data.metadata ?? {},
      },
    }),
  );
}

const searchInput = z.object({ embedding, first: z.number().int().min(1).max(100), shardKey: z.string().max(64).nullish() });

/** The caller's memories nearest to `embedding`, most similar first. */
export async function searchMemories(ctx: AgentContext, args: unknown): Promise<Array<{ memory: DistributedMemory; similarity: number }>> {
  const data = parseInput(searchInput, args, '');
  if (ctx.identity.kind === 'anonymous') return [];
  const matches = await ctx.db.run((tx) => nearestMemories(tx, ctx.vectorSearch, data.embedding, { first: data.first, shardKey: data.shardKey ?? null }));
  const memories = await Promise.all(matches.map((m) => ctx.loaders.vectorMemoryById.load(m.id)));
  return matches.flatMap((m, i) => (memories[i] ? [{ memory: memories[i], similarity: m.similarity }] : []));
}

/** A user's shard: stable, and spread evenly over users. */
const shardOf = (userId: string) => createHash('sha256').update(userId).digest().readUInt32BE(0) % SHARDS;

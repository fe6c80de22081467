import { describe, expect, it } from '@jest/globals';
import { agentUnderTest, user, vector } from './support.js';

const { subgraph, db } = agentUnderTest();

const STORE = `mutation ($input: StoreVectorMemoryInput!) { storeVectorMemory(input: $input) { id content shardKey nodeId } }`;
const SEARCH = `query ($e: [Float!]!, $first: Int, $shard: String) { searchMemories(embedding: $e, first: $first, shardKey: $shard) { similarity memory { id content } } }`;

async function store(identity: ReturnType<typeof user>, content: string, embedding: number[], shardKey?: string) {
  const res = await subgraph.query<any>(STORE, { input: { content, embedding, ...(shardKey ? { shardKey } : {}) } }, identity);
  expect(res.errors).toBeUndefined();
  return res.data.storeVectorMemory;
}

describe('vector memory search', () => {
  it('runs on the exact SQL fallback here, where pgvector is not installed', async () => {
    const { rows } = await db.query("SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'vector'");
    expect(rows[0].n).toBe(0);
    const column = await db.query("SELECT udt_name FROM information_schema.columns WHERE table_schema = 'agent' AND table_name = 'distributed_memory' AND column_name = 'embedding'");
    expect(column.rows[0].udt_name).toBe('_float4');
  });

  it('ranks the caller’s memories by cosine similarity to the query', async () => {
    const alice = user();
    const same = await store(alice, 'same direction', vector(2, 0, 0)); // length does not matter
    const close = await store(alice, 'close', vector(1, 0.5, 0));
    const orthogonal = await store(alice, 'orthogonal', vector(0, 1, 0));
    const opposite = await store(alice, 'opposite', vector(-1, 0, 0));
    await store(alice, 'not embedded yet', []);
    // Bob's memory matches the query exactly, yet alice must never see it.
    await store(user(), 'bob’s secret', vector(1, 0, 0));

    const res = await subgraph.query<any>(SEARCH, { e: vector(1, 0, 0), first: 10 }, alice);
    expect(res.errors).toBeUndefined();
    const matches = res.data.searchMemories;
    expect(matches.map((m: any) => m.memory.id)).toEqual([same.id, close.id, orthogonal.id, opposite.id]);
    const similarities = matches.map((m: any) => m.similarity);
    expect(similarities[0]).toBeCloseTo(1, 6);
    expect(similarities[1]).toBeCloseTo(1 / Math.sqrt(1.25), 6);
    expect(similarities[2]).toBeCloseTo(0, 6);
    expect(similarities[3]).toBeCloseTo(-1, 6);

    const top2 = await subgraph.query<any>(SEARCH, { e: vector(1, 0, 0), first: 2 }, alice);
    expect(top2.data.searchMemories.map((m: any) => m.memory.content)).toEqual(['same direction', 'close']);
  });

  it('searches within one shard when asked', async () => {
    const alice = user();
    await store(alice, 'in shard a', vector(0, 0, 1), 'shard-a');
    await store(alice, 'in shard b', vector(0, 0, 1), 'shard-b');
    const res = await subgraph.query<any>(SEARCH, { e: vector(0, 0, 1), shard: 'shard-b' }, alice);
    expect(res.data.searchMemories.map((m: any) => m.memory.content)).toEqual(['in shard b']);
  });

  it('finds the seeded clusters: a memory’s nearest neighbours share its topic', async () => {
    const { rows } = await db.query("SELECT user_id::text AS user_id, embedding, metadata->>'topic' AS topic FROM agent.distributed_memory WHERE metadata ? 'topic' ORDER BY id LIMIT 1");
    const [seeded] = rows;
    const res = await subgraph.query<any>(
      `query ($e: [Float!]!) { searchMemories(embedding: $e, first: 2) { similarity memory { metadata } } }`,
      { e: seeded.embedding },
      user(seeded.user_id),
    );
    expect(res.data.searchMemories.map((m: any) => m.memory.metadata.topic)).toEqual([seeded.topic, seeded.topic]);
    expect(res.data.searchMemories[1].similarity).toBeGreaterThan(0.8);
  });

  it('rejects embeddings of the wrong size or without direction', async () => {
    const alice = user();
    const short = await subgraph.query<any>(SEARCH, { e: [1, 0, 0] }, alice);
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'embedding' });
    const zero = await subgraph.query<any>(SEARCH, { e: vector() }, alice);
    expect(zero.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'embedding' });
    const stored = await subgraph.query<any>(STORE, { input: { content: 'x', embedding: [1, 2] } }, alice);
    expect(stored.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.embedding' });
  });
});

describe('Cognee memories', () => {
  it('stores facts with their entity graph, optionally within one of the caller’s conversations', async () => {
    const alice = user();
    const conversation = await subgraph.query<any>('mutation { startConversation(input: {}) { id } }', {}, alice);
    const sessionId = conversation.data.startConversation.id;
    const STORE_FACT = `mutation ($input: StoreMemoryInput!) { storeMemory(input: $input) { content memoryType entities confidence session { id } } }`;
    const res = await subgraph.query<any>(
      STORE_FACT,
      { input: { content: 'Alice deploys on Fridays', memoryType: 'preference', sessionId, entities: [{ name: 'Friday', type: 'day' }], confidence: '0.9' } },
      alice,
    );
    expect(res.data.storeMemory).toMatchObject({ memoryType: 'preference', confidence: '0.9', session: { id: sessionId } });
    const foreign = await subgraph.query<any>(STORE_FACT, { input: { content: 'x', sessionId } }, user());
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sessionId' });
    const listed = await subgraph.query<any>(
      `query ($s: ID!) { memories(filter: { sessionId: $s }) { totalCount } conversationSession(id: $s) { memories { totalCount } } }`,
      { s: sessionId },
      alice,
    );
    expect(listed.data).toEqual({ memories: { totalCount: 1 }, conversationSession: { memories: { totalCount: 1 } } });
  });
});

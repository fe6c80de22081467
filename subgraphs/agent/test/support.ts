/** What the agent's tests share: the running subgraph, identities, a direct database connection, ids. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import pg from 'pg';
import type { Identity } from '@sixfold/kit';
import { ADMIN, startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { agent } from '../src/subgraph.js';

export { ADMIN };

/**
 * The agent subgraph for the calling test file, started before its tests (and its own
 * `beforeAll`s) and stopped after them, and `db`, the run's database as its owner (no row-level
 * security: to look behind the graph's back). Call it at the top level of the file.
 */
export function agentUnderTest(): { subgraph: TestSubgraph; db: pg.Pool } {
  // Filled in once started: the test subgraph's members do not depend on `this`.
  const subgraph = {} as TestSubgraph;
  const db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  beforeAll(async () => {
    Object.assign(subgraph, await startTestSubgraph(agent));
  });
  afterAll(async () => {
    await subgraph.stop();
    await db.end();
  });
  return { subgraph, db };
}

/** A signed-in user with a session login (no scopes: all of their own rights). */
export const user = (id: string = randomUUID()): Identity => ({ kind: 'user', userId: id, organizationIds: [], roles: [], scopes: [] });

/** A worker process holding an `agent:worker` API key: no user, no admin role. */
export const WORKER: Identity = { kind: 'service', userId: null, organizationIds: [], roles: [], scopes: ['agent:worker'] };

/** A service holding an `agent:admin` key: administers the registries without being a global admin. */
export const REGISTRY_ADMIN: Identity = { kind: 'service', userId: null, organizationIds: [], roles: [], scopes: ['agent:admin'] };

/** A task type no other test (or the seed) uses, so that claims in parallel tests never meet. */
export const uniqueTaskType = (name: string) => `test.${name}.${randomUUID().slice(0, 8)}`;

/** A 1536-dimensional vector with the given leading components and zeros after them. */
export function vector(...leading: number[]): number[] {
  return Array.from({ length: 1536 }, (_, i) => leading[i] ?? 0);
}

export const TURN = `id roundNumber turnNumber participantId position content`;

export const DEBATE_INPUT = {
  topic: 'Tabs or spaces?',
  totalRounds: 2,
  positions: ['tabs', 'spaces'],
  participants: [
    { id: 'openai:gpt-4o', position: 'tabs', providerName: 'openai' },
    { id: 'anthropic:claude', position: 'spaces', providerName: 'anthropic' },
  ],
};

/** The input of a debate turn, with the fields a test rarely cares about filled in. */
export const turn = (sessionId: string, roundNumber: number, turnNumber: number, participantId: string, position: string) => ({
  sessionId,
  roundNumber,
  turnNumber,
  participantId,
  position,
  content: `${participantId} argues ${position} in round ${roundNumber}`,
  tokensUsed: 120,
  responseTimeMs: 900,
  confidence: '0.8',
});

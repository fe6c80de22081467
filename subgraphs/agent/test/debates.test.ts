import { describe, expect, it } from '@jest/globals';
import { ADMIN, DEBATE_INPUT, TURN, agentUnderTest, turn, user } from './support.js';

const { subgraph, db } = agentUnderTest();

const CREATE = `mutation ($input: CreateDebateSessionInput!) { createDebateSession(input: $input) { id status currentRound totalRounds positions participants { id position } } }`;
const ADD_TURN = `mutation ($input: AddDebateTurnInput!) { addDebateTurn(input: $input) { ${TURN} session { status currentRound } } }`;
const A = DEBATE_INPUT.participants[0]!;
const B = DEBATE_INPUT.participants[1]!;

async function newDebate(owner = user()) {
  const res = await subgraph.query<any>(CREATE, { input: DEBATE_INPUT }, owner);
  expect(res.errors).toBeUndefined();
  return { owner, id: res.data.createDebateSession.id as string };
}

const turnCount = async (sessionId: string) => (await db.query('SELECT count(*)::int AS n FROM agent.debate_turns WHERE session_id = $1', [sessionId])).rows[0].n;

describe('creating a debate', () => {
  it('starts pending at round 0', async () => {
    const res = await subgraph.query<any>(CREATE, { input: DEBATE_INPUT }, user());
    expect(res.data.createDebateSession).toMatchObject({ status: 'PENDING', currentRound: 0, totalRounds: 2, positions: ['tabs', 'spaces'] });
  });

  it('rejects participants arguing a position the debate does not have', async () => {
    const input = { ...DEBATE_INPUT, participants: [A, { ...B, position: 'neither' }] };
    const res = await subgraph.query<any>(CREATE, { input }, user());
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.participants.1.position' });
  });
});

describe('adding turns', () => {
  it('plays rounds in order and serves the turns ordered by round, then turn', async () => {
    const { owner, id } = await newDebate();
    const first = await subgraph.query<any>(ADD_TURN, { input: turn(id, 1, 1, A.id, A.position) }, owner);
    expect(first.errors).toBeUndefined();
    expect(first.data.addDebateTurn.session).toEqual({ status: 'ACTIVE', currentRound: 1 });
    for (const input of [turn(id, 1, 2, B.id, B.position), turn(id, 2, 1, B.id, B.position), turn(id, 2, 2, A.id, A.position)]) {
      const res = await subgraph.query<any>(ADD_TURN, { input }, owner);
      expect(res.errors).toBeUndefined();
    }
    const res = await subgraph.query<any>(`query ($id: ID!) { debateSession(id: $id) { currentRound turns { roundNumber turnNumber participantId } second: turns(round: 2) { turnNumber } } }`, { id }, owner);
    expect(res.data.debateSession.currentRound).toBe(2);
    expect(res.data.debateSession.turns.map((t: any) => [t.roundNumber, t.turnNumber, t.participantId])).toEqual([
      [1, 1, A.id],
      [1, 2, B.id],
      [2, 1, B.id],
      [2, 2, A.id],
    ]);
    expect(res.data.debateSession.second).toHaveLength(2);

    const completed = await subgraph.query<any>(`mutation ($id: ID!) { completeDebateSession(id: $id, finalWinner: "spaces") { status finalWinner completedAt } }`, { id }, owner);
    expect(completed.data.completeDebateSession).toMatchObject({ status: 'COMPLETED', finalWinner: 'spaces' });
    const afterwards = await subgraph.query<any>(ADD_TURN, { input: turn(id, 2, 3, A.id, A.position) }, owner);
    expect(afterwards.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.sessionId' });
  });

  it('refuses a turn out of order, and rolls back the turns added with it', async () => {
    const { owner, id } = await newDebate();
    // Two turns in one operation: the first is fine, the second skips turn 2. Neither is kept.
    const res = await subgraph.query<any>(
      `mutation ($ok: AddDebateTurnInput!, $bad: AddDebateTurnInput!) { ok: addDebateTurn(input: $ok) { id } bad: addDebateTurn(input: $bad) { id } }`,
      { ok: turn(id, 1, 1, A.id, A.position), bad: turn(id, 1, 3, B.id, B.position) },
      owner,
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.turnNumber' });
    expect(res.errors?.[0]?.message).toMatch(/must be 2/);
    expect(await turnCount(id)).toBe(0);
    const { rows } = await db.query('SELECT status, current_round FROM agent.debate_sessions WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ status: 'pending', current_round: 0 });
  });

  it('enforces rounds: start at 1, never skip one, never pass the last', async () => {
    const { owner, id } = await newDebate();
    const early = await subgraph.query<any>(ADD_TURN, { input: turn(id, 2, 1, A.id, A.position) }, owner);
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.roundNumber' });
    await subgraph.query(ADD_TURN, { input: turn(id, 1, 1, A.id, A.position) }, owner);
    const twice = await subgraph.query<any>(ADD_TURN, { input: turn(id, 1, 2, A.id, A.position) }, owner);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.participantId' });
    const beyond = await subgraph.query<any>(ADD_TURN, { input: turn(id, 3, 1, A.id, A.position) }, owner);
    expect(beyond.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.roundNumber' });
    const stranger = await subgraph.query<any>(ADD_TURN, { input: turn(id, 1, 2, 'mistral:large', 'tabs') }, owner);
    expect(stranger.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.participantId' });
    expect(await turnCount(id)).toBe(1);
  });

  it('serialises concurrent turns: of two claiming the same slot, exactly one wins', async () => {
    const { owner, id } = await newDebate();
    const results = await Promise.all([
      subgraph.query<any>(ADD_TURN, { input: turn(id, 1, 1, A.id, A.position) }, owner),
      subgraph.query<any>(ADD_TURN, { input: turn(id, 1, 1, B.id, B.position) }, owner),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.find((r) => r.errors)?.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await turnCount(id)).toBe(1);
  });

  it('only lets the debate’s owner (or an admin) add turns', async () => {
    const { id } = await newDebate();
    const stranger = await subgraph.query<any>(ADD_TURN, { input: turn(id, 1, 1, A.id, A.position) }, user());
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const admin = await subgraph.query<any>(ADD_TURN, { input: turn(id, 1, 1, A.id, A.position) }, ADMIN);
    expect(admin.errors).toBeUndefined();
  });
});

describe('finishing and code versions', () => {
  it('cancels a debate, and will not complete one without turns', async () => {
    const { owner, id } = await newDebate();
    const early = await subgraph.query<any>(`mutation ($id: ID!) { completeDebateSession(id: $id, finalWinner: "tabs") { status } }`, { id }, owner);
    expect(early.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const cancelled = await subgraph.query<any>(`mutation ($id: ID!) { cancelDebateSession(id: $id) { status completedAt } }`, { id }, owner);
    expect(cancelled.data.cancelDebateSession.status).toBe('CANCELLED');
  });

  it('records code versions once per hash', async () => {
    const { owner, id } = await newDebate();
    const RECORD = `mutation ($input: RecordCodeVersionInput!) { recordCodeVersion(input: $input) { versionHash validationStatus session { id } } }`;
    const input = { sessionId: id, versionHash: 'a1b2c3d4e5f6', branch: 'debate/tabs', filesChanged: ['src/a.ts'], validationStatus: 'PASSED' };
    const res = await subgraph.query<any>(RECORD, { input }, owner);
    expect(res.data.recordCodeVersion).toMatchObject({ versionHash: 'a1b2c3d4e5f6', validationStatus: 'PASSED', session: { id } });
    const again = await subgraph.query<any>(RECORD, { input }, owner);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.versionHash' });
    const badHash = await subgraph.query<any>(RECORD, { input: { ...input, versionHash: 'NOT-HEX' } }, owner);
    expect(badHash.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.versionHash' });
    const listed = await subgraph.query<any>(`query ($id: ID!) { debateSession(id: $id) { codeVersions { versionHash } } }`, { id }, owner);
    expect(listed.data.debateSession.codeVersions).toEqual([{ versionHash: 'a1b2c3d4e5f6' }]);
  });
});

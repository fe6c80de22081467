import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { observability } from '../src/subgraph.js';
import { ADMIN, PROBE_AGENT, STATUS_EDITOR, USER, freshModels, seededModel, sql } from './support.js';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(observability);
});
afterAll(() => subgraph.stop());

const OPEN = `mutation ($input: OpenIncidentInput!) {
  openIncident(input: $input) { id status severity title regions startedAt identifiedAt monitoringAt resolvedAt model { id } provider { id } }
}`;
const UPDATE = `mutation ($id: ID!, $status: IncidentStatus!, $note: String, $severity: IncidentSeverity) {
  updateIncident(id: $id, status: $status, note: $note, severity: $severity) {
    id status severity startedAt identifiedAt monitoringAt resolvedAt updates { status severity note }
  }
}`;

async function openIncident(input: Record<string, unknown>) {
  const res = await subgraph.query<any>(OPEN, { input: { severity: 'MAJOR', title: 'Elevated error rates', ...input } }, STATUS_EDITOR);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.openIncident;
}
const update = (id: string, status: string, extra: Record<string, unknown> = {}) => subgraph.query<any>(UPDATE, { id, status, ...extra }, STATUS_EDITOR);

describe('the incident lifecycle', () => {
  it('opens INVESTIGATING, linked to the model and its provider, and moves forward stamping each step', async () => {
    const providerId = randomUUID();
    const [modelId] = await freshModels(1, providerId);
    const incident = await openIncident({ modelId, regions: ['us-east', 'eu-west'], description: 'Timeouts' });
    expect(incident).toMatchObject({ status: 'INVESTIGATING', regions: ['us-east', 'eu-west'], model: { id: modelId }, provider: { id: providerId }, identifiedAt: null });

    const identified = (await update(incident.id, 'IDENTIFIED', { note: 'A bad deploy' })).data.updateIncident;
    expect(identified.status).toBe('IDENTIFIED');
    expect(new Date(identified.identifiedAt).getTime()).toBeGreaterThanOrEqual(new Date(identified.startedAt).getTime());
    expect(identified.monitoringAt).toBeNull();

    const monitoring = (await update(incident.id, 'MONITORING')).data.updateIncident;
    const resolved = (await update(incident.id, 'RESOLVED', { note: 'Rolled back' })).data.updateIncident;
    expect(resolved).toMatchObject({ status: 'RESOLVED', identifiedAt: identified.identifiedAt, monitoringAt: monitoring.monitoringAt });
    expect(new Date(resolved.resolvedAt).getTime()).toBeGreaterThanOrEqual(new Date(resolved.monitoringAt).getTime());
    expect(resolved.updates.map((u: any) => [u.status, u.note])).toEqual([
      ['INVESTIGATING', 'Timeouts'],
      ['IDENTIFIED', 'A bad deploy'],
      ['MONITORING', null],
      ['RESOLVED', 'Rolled back'],
    ]);
  });

  it('may skip steps: the skipped ones are stamped with the transition', async () => {
    const [modelId] = await freshModels(1);
    const incident = await openIncident({ modelId });
    const resolved = (await update(incident.id, 'RESOLVED')).data.updateIncident;
    expect(resolved.identifiedAt).toBe(resolved.resolvedAt);
    expect(resolved.monitoringAt).toBe(resolved.resolvedAt);
  });

  it('refuses to go back, to reopen a resolved incident, or an unknown status, with BAD_USER_INPUT', async () => {
    const [modelId] = await freshModels(1);
    const incident = await openIncident({ modelId });
    await update(incident.id, 'MONITORING');
    expect((await update(incident.id, 'IDENTIFIED')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    await update(incident.id, 'RESOLVED');
    expect((await update(incident.id, 'INVESTIGATING')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    expect((await update(incident.id, 'RESOLVED', { note: 'again' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await update(incident.id, 'REOPENED')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const [row] = await sql('SELECT status::text FROM observability.incidents WHERE id = $1', [incident.id]);
    expect(row.status).toBe('resolved');
  });

  it('is enforced by the database too', async () => {
    const [modelId] = await freshModels(1);
    const incident = await openIncident({ modelId });
    await update(incident.id, 'RESOLVED');
    await expect(sql(`UPDATE observability.incidents SET status = 'investigating' WHERE id = $1`, [incident.id])).rejects.toThrow(/cannot go from resolved to investigating/);
  });

  it('posts notes and severity changes without moving, and treats a repeated transition as a no-op', async () => {
    const [modelId] = await freshModels(1);
    const incident = await openIncident({ modelId, severity: 'MINOR' });
    const escalated = (await update(incident.id, 'INVESTIGATING', { severity: 'CRITICAL', note: 'Spreading to all regions' })).data.updateIncident;
    expect(escalated).toMatchObject({ status: 'INVESTIGATING', severity: 'CRITICAL' });
    expect(escalated.updates).toHaveLength(2);
    const repeated = (await update(incident.id, 'INVESTIGATING')).data.updateIncident;
    expect(repeated.updates).toHaveLength(2);
  });

  it('answers NOT_FOUND for an unknown incident and BAD_USER_INPUT for a malformed id', async () => {
    expect((await update(randomUUID(), 'RESOLVED')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await update('nope', 'RESOLVED')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('openIncident validation', () => {
  it.each([
    ['input.modelId', { modelId: randomUUID() }],
    ['input.modelId', {}],
    ['input.providerId', { providerId: randomUUID() }],
    ['input.title', { title: '   ' }],
    ['input.startedAt', { startedAt: new Date(Date.now() + 3_600_000).toISOString() }],
  ])('rejects %s', async (field, input) => {
    const res = await subgraph.query<any>(OPEN, { input: { severity: 'MINOR', title: 'x', ...input } }, STATUS_EDITOR);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('rejects unknown regions', async () => {
    const [modelId] = await freshModels(1);
    const res = await subgraph.query<any>(OPEN, { input: { severity: 'MINOR', title: 'x', modelId, regions: ['us-east', 'atlantis'] } }, STATUS_EDITOR);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regions' });
  });

  it("refuses a provider that is not the model's", async () => {
    const [modelId] = await freshModels(1);
    const res = await subgraph.query<any>(OPEN, { input: { severity: 'MINOR', title: 'x', modelId, providerId: randomUUID() } }, STATUS_EDITOR);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.providerId' });
  });

  it('opens provider-wide incidents', async () => {
    const providerId = randomUUID();
    await freshModels(1, providerId);
    expect(await openIncident({ providerId })).toMatchObject({ model: null, provider: { id: providerId } });
  });
});

describe('incident writes authorization', () => {
  it('needs the admin role or the status:write scope', async () => {
    const [modelId] = await freshModels(1);
    const input = { modelId, severity: 'MINOR', title: 'x' };
    expect((await subgraph.query<any>(OPEN, { input })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await subgraph.query<any>(OPEN, { input }, USER)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await subgraph.query<any>(OPEN, { input }, PROBE_AGENT)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const opened = await subgraph.query<any>(OPEN, { input }, ADMIN);
    expect(opened.data.openIncident.status).toBe('INVESTIGATING');
    expect((await subgraph.query<any>(UPDATE, { id: opened.data.openIncident.id, status: 'RESOLVED' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await subgraph.query<any>(UPDATE, { id: opened.data.openIncident.id, status: 'RESOLVED' }, USER)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('reading incidents', () => {
  it('shows the seeded open incident of gpt-4o to anonymous callers', async () => {
    const gpt4o = await seededModel('gpt-4o');
    const res = await subgraph.query<any>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Model { openIncidents { severity status title startedAt } } } }`,
      { r: [{ __typename: 'Model', id: gpt4o.id }] },
    );
    expect(res.data._entities[0].openIncidents).toEqual([expect.objectContaining({ status: 'INVESTIGATING', severity: 'MAJOR' })]);
  });

  it('resolves incident references, finding nothing for an id that is not a uuid', async () => {
    const [modelId] = await freshModels(1, randomUUID());
    const incident = await openIncident({ modelId });
    const res = await subgraph.query<any>(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Incident { id title } } }`, {
      r: [{ __typename: 'Incident', id: incident.id }, { __typename: 'Incident', id: 'not-a-uuid' }],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data._entities).toEqual([{ id: incident.id, title: 'Elevated error rates' }, null]);
    expect((await subgraph.query<any>('{ incident(id: "42") { id } }')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('filters the incident list', async () => {
    const providerId = randomUUID();
    const [modelId] = await freshModels(1, providerId);
    const minor = await openIncident({ modelId, severity: 'MINOR', regions: ['eu-west'] });
    const critical = await openIncident({ modelId, severity: 'CRITICAL' });
    await update(minor.id, 'RESOLVED');
    const list = async (filter: Record<string, unknown>) =>
      (await subgraph.query<any>(`query ($f: IncidentFilter) { incidents(filter: $f, first: 50) { totalCount edges { node { id } } } }`, { f: { providerId, ...filter } })).data.incidents;
    expect((await list({})).totalCount).toBe(2);
    expect((await list({ open: true })).edges.map((e: any) => e.node.id)).toEqual([critical.id]);
    expect((await list({ status: ['RESOLVED'] })).edges.map((e: any) => e.node.id)).toEqual([minor.id]);
    expect((await list({ severities: ['CRITICAL', 'MAJOR'] })).totalCount).toBe(1);
    // Region filters keep incidents that affect every region.
    expect((await list({ region: 'us-east' })).edges.map((e: any) => e.node.id)).toEqual([critical.id]);
    expect((await list({ region: 'eu-west' })).totalCount).toBe(2);
    expect((await list({ modelId })).totalCount).toBe(2);
  });

  it('pages a model’s and a provider’s incidents, newest first', async () => {
    const providerId = randomUUID();
    const [modelId] = await freshModels(1, providerId);
    const ids: string[] = [];
    for (let hours = 3; hours >= 1; hours--) ids.push((await openIncident({ modelId, startedAt: new Date(Date.now() - hours * 3_600_000).toISOString() })).id);
    const res = await subgraph.query<any>(
      `query ($r: [_Any!]!) { _entities(representations: $r) {
        ... on Model { incidents(first: 2) { totalCount pageInfo { hasNextPage } edges { node { id } } } }
        ... on Provider { incidents(first: 2, status: [INVESTIGATING]) { totalCount edges { node { id } } } openIncidents { id } }
      } }`,
      { r: [{ __typename: 'Model', id: modelId }, { __typename: 'Provider', id: providerId }] },
    );
    const [model, provider] = res.data._entities;
    expect(model.incidents).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(model.incidents.edges.map((e: any) => e.node.id)).toEqual([ids[2], ids[1]]);
    expect(provider.incidents.totalCount).toBe(3);
    expect(provider.openIncidents.map((i: any) => i.id)).toEqual([ids[2], ids[1], ids[0]]);
  });

  it('resolves incident, model and provider references in a constant number of statements', async () => {
    const providerId = randomUUID();
    const models = await freshModels(10, providerId);
    const incidents: Array<{ id: string }> = [];
    for (const modelId of models) incidents.push(await openIncident({ modelId }));
    const query = (n: number) =>
      subgraph.query<any>(
        `query ($r: [_Any!]!) { _entities(representations: $r) {
          ... on Model { openIncidents { id updates { note } } incidents(first: 3) { totalCount edges { node { id model { id } } } } }
          ... on Incident { title updates { status } }
        } }`,
        { r: [...models.slice(0, n).map((id) => ({ __typename: 'Model', id })), ...incidents.slice(0, n).map((i) => ({ __typename: 'Incident', id: i.id }))] },
      );
    subgraph.statements.reset();
    await query(2);
    const few = subgraph.statements.count();
    subgraph.statements.reset();
    const res = await query(10);
    expect(res.errors).toBeUndefined();
    expect(res.data._entities.slice(0, 10).every((m: any) => m.openIncidents.length === 1 && m.incidents.totalCount === 1)).toBe(true);
    expect(subgraph.statements.count()).toBe(few);
  });
});

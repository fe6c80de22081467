/**
 * Operator workload comes from a materialized view: assignments show in it after the refresh
 * command runs, not before. Changes projects of Brico Depot Portugal (BD_PT) only.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSubgraph, type TestSubgraph } from '@sixfold/kit/testing';
import { fsm } from '../src/subgraph.js';
import { memberOf, rows, tenantOf, type Tenant } from './support.js';

let subgraph: TestSubgraph;
let portugal: Tenant & { businessUnitId: string };
beforeAll(async () => {
  subgraph = await startTestSubgraph(fsm);
  portugal = await tenantOf('BD_PT');
});
afterAll(() => subgraph.stop());

const refreshCommand = () =>
  promisify(execFile)(process.execPath, [createRequire(import.meta.url).resolve('tsx/cli'), 'src/cli/refresh-workload.ts'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, LOG_LEVEL: 'info' },
  });

describe('operator workload', () => {
  it('counts a newly assigned project once `refresh-workload` has run', async () => {
    const [project] = await rows<{ id: string; operator: string | null }>(
      "SELECT id::text, responsible_operator_id::text AS operator FROM fsm.projects WHERE business_unit_id = $1 AND status IN ('PLANNED', 'IN_PROGRESS') ORDER BY id LIMIT 1",
      [portugal.businessUnitId],
    );
    // An operator no other test assigns, so concurrent tests cannot change the count under us.
    const operator = randomUUID();
    const member = memberOf(portugal, { roles: ['dispatcher'] });
    const workloadOf = async () => {
      const res = await subgraph.query<any>('query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { serviceWorkload { totalProjects refreshedAt } } } }', { r: [{ __typename: 'User', id: operator }] }, member);
      return res.data._entities[0].serviceWorkload[0] ?? { totalProjects: 0, refreshedAt: null };
    };
    const before = await workloadOf();

    const assigned = await subgraph.query<any>('mutation ($p: ID!, $op: ID) { assignProjectOperator(input: { projectId: $p, operatorId: $op }) { id } }', { p: project!.id, op: operator }, member);
    expect(assigned.errors).toBeUndefined();
    expect(await workloadOf()).toEqual(before);

    const { stdout } = await refreshCommand();
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toMatchObject({ msg: 'operator workload refreshed', rows: expect.any(Number) });
    const after = await workloadOf();
    expect(after.totalProjects).toBe(before.totalProjects + 1);
    expect(new Date(after.refreshedAt).getTime()).toBeGreaterThan(new Date(before.refreshedAt ?? 0).getTime());
  });
});

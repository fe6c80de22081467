/**
 * The gateway's contract with every client, whatever the domain: errors carry stable codes and
 * no stack traces, an unavailable subgraph costs only its own fields, health endpoints answer.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bootGraph, type TestGraph } from '../support/graph.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await bootGraph();
});
afterAll(() => graph.stop());

describe('bad input', () => {
  it('answers an unknown field with GRAPHQL_VALIDATION_FAILED and no stack trace', async () => {
    const res = await graph.query('{ models { nope } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED', async () => {
    const res = await graph.query('{ models { ');
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers a wrongly typed variable with BAD_USER_INPUT', async () => {
    const res = await graph.query('query ($first: Int) { models(first: $first) { totalCount } }', { first: 'many' });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers a page larger than the maximum with BAD_USER_INPUT naming the argument', async () => {
    const res = await graph.query('{ models(first: 1000) { totalCount } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('rejects a query nested too deep with QUERY_TOO_COMPLEX before any subgraph sees it', async () => {
    const nest = (depth: number): string => (depth === 0 ? 'id' : `models { edges { node { provider { ${nest(depth - 1)} } } } }`);
    const deep = `{ ${nest(5)} }`;
    graph.statements.reset();
    const res = await graph.query(deep);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(graph.statements.count()).toBe(0);
  });
});

describe('health', () => {
  it('is alive and ready when every subgraph answers', async () => {
    const base = graph.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { subgraphs: unknown[] }).subgraphs.length).toBe(graph.running.subgraphs.length);
  });

  it('exposes Prometheus metrics', async () => {
    const text = await (await fetch(graph.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(text).toMatch(/sixfold_gateway_requests_total/);
  });
});

describe('a subgraph that is down', () => {
  it('costs only its own fields: the gateway answers with SUBGRAPH_UNAVAILABLE naming it', async () => {
    const partial = await bootGraph({ only: [] });
    try {
      const res = await partial.query('{ models(first: 1) { totalCount } }');
      expect(res.status).toBe(200);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'catalog' });
      const ready = await fetch(partial.url.replace(/\/graphql$/, '/readyz'));
      expect(ready.status).toBe(503);
    } finally {
      await partial.stop();
    }
  });
});

describe('subgraph ports', () => {
  it('refuse requests that did not come through the gateway', async () => {
    const subgraph = graph.running.subgraphs[0]!;
    const res = await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('query cost', () => {
  const nested = (first: string) => `query ${first === '$n' ? '($n: Int)' : ''} { providers(first: ${first}) { edges { node { models(first: ${first}) { edges { node { slug name contextWindow } } } } } } }`;

  it('counts the rows a query may return, the same whether page sizes are literals or variables', async () => {
    for (const [document, variables] of [
      [nested('100'), {}],
      [nested('$n'), { n: 100 }],
    ] as const) {
      const res = await graph.query(document, variables);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 25_000 });
    }
  });

  it('lets ordinary nested pages through', async () => {
    const res = await graph.query(nested('$n'), { n: 20 });
    expect(res.errors).toBeUndefined();
  });
});

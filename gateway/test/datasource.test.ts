import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '@sixfold/kit';
import { startGateway, type RunningGateway } from '../src/server.js';
import { DEFAULT_SUPERGRAPH_PATH } from '../src/subgraphs.js';
import { loadSupergraph } from '../src/supergraph.js';

/** A "subgraph" that accepts requests and never answers. */
let hanging: Server;
let gateway: RunningGateway;
beforeAll(async () => {
  hanging = createServer(() => {});
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  gateway = await startGateway({
    supergraphSdl: loadSupergraph(DEFAULT_SUPERGRAPH_PATH),
    subgraphUrls: { catalog: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/graphql` },
    identitySecret: 'x'.repeat(32),
    logger: createLogger('silent'),
    port: 0,
    subgraphTimeoutMs: 300,
  });
});
afterAll(async () => {
  await gateway.stop();
  hanging.closeAllConnections();
  await new Promise((resolve) => hanging.close(resolve));
});

describe('a subgraph that does not answer', () => {
  it('costs the request its fields after the timeout, as SUBGRAPH_UNAVAILABLE naming it', async () => {
    const started = Date.now();
    const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ models(first: 1) { totalCount } }' }) });
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(body.errors[0]).toMatchObject({ message: 'Subgraph "catalog" did not answer within 0.3 s', extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'catalog' } });
  });
});

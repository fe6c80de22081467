import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { composeSupergraph } from '../src/compose.js';
import { DEFAULT_SUPERGRAPH_PATH, listSubgraphs } from '../src/subgraphs.js';
import { loadSupergraph, supergraphPath, subgraphUrlsOf } from '../src/supergraph.js';

describe('the committed supergraph', () => {
  it('is what composing the subgraphs gives today (run `pnpm compose` when this fails)', () => {
    expect(readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8')).toBe(composeSupergraph(listSubgraphs()));
  });

  it('names every subgraph at its conventional port', () => {
    const urls = subgraphUrlsOf(readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8'));
    for (const s of listSubgraphs()) expect(urls[s.name]).toBe(`http://127.0.0.1:${s.port}/graphql`);
  });
});

describe('choosing a supergraph file', () => {
  it('prefers --supergraph, then SUPERGRAPH_PATH, then the committed file', () => {
    expect(supergraphPath(['--supergraph', '/tmp/a.graphql'], { SUPERGRAPH_PATH: '/tmp/b.graphql' })).toBe('/tmp/a.graphql');
    expect(supergraphPath([], { SUPERGRAPH_PATH: '/tmp/b.graphql' })).toBe('/tmp/b.graphql');
    expect(supergraphPath([], {})).toBe(DEFAULT_SUPERGRAPH_PATH);
  });

  it('says clearly when the file is missing or not a supergraph', () => {
    expect(() => loadSupergraph('/nonexistent/supergraph.graphql')).toThrow(/does not exist/);
    expect(() => loadSupergraph(new URL('../package.json', import.meta.url).pathname)).toThrow(/not a valid supergraph/);
  });
});

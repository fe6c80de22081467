import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { SubgraphSource } from './subgraphs.js';

/** A subgraph given by its SDL text rather than a file (tests compose fixtures this way). */
export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

/** Composes the subgraphs' SDL into a supergraph, or throws with every composition error. */
export function composeSupergraph(subgraphs: Array<SubgraphSource | SubgraphSdl>): string {
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse('sdl' in s ? s.sdl : readFileSync(s.sdlPath, 'utf8')) })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trimEnd()}\n`;
}

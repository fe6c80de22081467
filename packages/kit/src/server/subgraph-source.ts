import { readFileSync } from 'node:fs';
import type { DocumentNode } from 'graphql';
import { gql } from 'graphql-tag';

/**
 * What a subgraph's definition reads beside itself, given its `src/subgraph.ts` module URL
 * (`import.meta.url`): the SDL in `src/schema.graphql`, and the port its package.json gives it
 * (`"sixfold": { "port": … }`, which compose and the launcher read too).
 */
export function subgraphSource(moduleUrl: string): { typeDefs: DocumentNode; port: number } {
  const typeDefs = gql(readFileSync(new URL('./schema.graphql', moduleUrl), 'utf8'));
  const manifest = JSON.parse(readFileSync(new URL('../package.json', moduleUrl), 'utf8')) as { sixfold: { port: number } };
  return { typeDefs, port: manifest.sixfold.port };
}

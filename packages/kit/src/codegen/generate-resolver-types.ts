/**
 * Generates a subgraph's resolver types from its SDL (`src/schema.graphql` →
 * `src/generated/graphql.ts`), so resolvers are checked against the schema they implement.
 *
 * Run from a subgraph package: `tsx ../../packages/kit/src/codegen/generate-resolver-types.ts`.
 * The subgraph's `codegen.config.ts` says which TypeScript type backs each GraphQL type (usually a
 * Prisma row), and its context type.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { codegen } from '@graphql-codegen/core';
import * as typescriptPlugin from '@graphql-codegen/typescript';
import * as resolversPlugin from '@graphql-codegen/typescript-resolvers';
import { parse } from 'graphql';

export interface ResolverTypesConfig {
  /** `../context.js#CatalogContext`, relative to src/generated/. */
  contextType: string;
  /** GraphQL type name → `module#Type`, relative to src/generated/. */
  mappers?: Record<string, string>;
}

const packageDir = process.cwd();
const sdlPath = join(packageDir, 'src', 'schema.graphql');
const outFile = join(packageDir, 'src', 'generated', 'graphql.ts');
const config = ((await import(pathToFileURL(join(packageDir, 'codegen.config.ts')).href)) as { default: ResolverTypesConfig }).default;

// The plugin knows federation (`federation: true`): it adds `__resolveReference` for @key types.
// It only needs the directives declared, which `@link` does implicitly.
const FEDERATION_DIRECTIVES = `
  directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
  directive @shareable repeatable on OBJECT | FIELD_DEFINITION
  directive @external on OBJECT | FIELD_DEFINITION
  directive @requires(fields: String!) on FIELD_DEFINITION
  directive @provides(fields: String!) on FIELD_DEFINITION
  directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
  directive @override(from: String!, label: String) on FIELD_DEFINITION
  directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
  directive @interfaceObject on OBJECT
  directive @link(url: String!, import: [String]) repeatable on SCHEMA
`;
const sdl = readFileSync(sdlPath, 'utf8').replace(/extend\s+schema\s+@link\([^)]*\)/m, '');
const schema = parse(FEDERATION_DIRECTIVES + sdl);

const output = await codegen({
  filename: outFile,
  schema,
  documents: [],
  plugins: [{ typescript: {} }, { typescriptResolvers: {} }],
  pluginMap: { typescript: typescriptPlugin, typescriptResolvers: resolversPlugin },
  config: {
    federation: true,
    useTypeImports: true,
    enumsAsTypes: true,
    useIndexSignature: true,
    optionalResolveType: true,
    resolverTypeWrapperSignature: 'T | Promise<T>',
    contextType: config.contextType,
    mappers: config.mappers ?? {},
    scalars: { DateTime: 'Date | string', Date: 'Date | string', Decimal: 'string', JSON: 'unknown', LocalizedText: 'unknown' },
    avoidOptionals: false,
    maybeValue: 'T | null | undefined',
  },
});

mkdirSync(join(packageDir, 'src', 'generated'), { recursive: true });
writeFileSync(outFile, `/* Generated from src/schema.graphql by @sixfold/kit codegen. Do not edit. */\n/* eslint-disable */\n${output}`);
console.log(`codegen: wrote ${outFile.replace(packageDir + '/', '')}`);

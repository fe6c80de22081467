/**
 * The OpenRouter sync end to end: the importer command writes catalog.ai_models, announces the
 * import, and the graph (which had the list cached) serves the new list through the gateway.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bootGraph, type TestGraph } from '../support/graph.js';

const run = promisify(execFile);
const CATALOG = fileURLToPath(new URL('../../subgraphs/catalog/', import.meta.url));
const sample = JSON.parse(readFileSync(join(CATALOG, 'fixtures', 'openrouter-models.json'), 'utf8')) as { data: Array<Record<string, any>> };

const LONGEST = '{ aiModels(first: 3, orderBy: { field: CONTEXT_LENGTH, direction: DESC }) { totalCount edges { node { id name contextLength created model { slug } } } } }';

let graph: TestGraph;
beforeAll(async () => {
  graph = await bootGraph();
});
afterAll(() => graph.stop());

describe('aiModels', () => {
  it('serves the stored OpenRouter list, linked to catalog models', async () => {
    const res = await graph.query<any>('{ aiModels(first: 100, minContextLength: 1000000) { totalCount edges { node { id name model { slug provider { slug } } } } } }');
    expect(res.errors).toBeUndefined();
    const byId = new Map(res.data.aiModels.edges.map((e: any) => [e.node.id, e.node]));
    expect(byId.get('google/gemini-2.5-pro')).toEqual({ id: 'google/gemini-2.5-pro', name: 'Google: Gemini 2.5 Pro', model: { slug: 'gemini-2.5-pro', provider: { slug: 'google' } } });
    expect(byId.get('openai/gpt-4.1')).toMatchObject({ model: { slug: 'gpt-4.1' } });
    const free = await graph.query<any>('{ aiModels(first: 100) { edges { node { id model { slug } } } } }');
    const r1Free = free.data.aiModels.edges.find((e: any) => e.node.id === 'deepseek/deepseek-r1:free').node;
    expect(r1Free.model).toEqual({ slug: 'deepseek-r1' });
    expect(free.data.aiModels.edges.find((e: any) => e.node.id === 'microsoft/phi-4').node.model).toBeNull();
  });

  it('serves a newly imported model once the import command has run', async () => {
    const before = await graph.query<any>(LONGEST); // warms every cache on the way
    expect(before.errors).toBeUndefined();
    const id = `sixfold-labs/long-context-${Date.now().toString(36)}`;
    const file = join(mkdtempSync(join(tmpdir(), 'openrouter-')), 'models.json');
    writeFileSync(file, JSON.stringify({ data: [...sample.data, { ...sample.data[0], id, name: 'Sixfold Labs: Long Context', context_length: 4_000_000, created: 1_767_225_600 }] }));

    const { stdout } = await run('pnpm', ['--filter', '@sixfold/catalog', 'import-models', '--', '--file', file], { cwd: CATALOG, env: { ...process.env, LOG_LEVEL: 'silent' } });
    expect(stdout).toMatch(/1 added, 0 updated, \d+ unchanged, 0 skipped/);

    // The command announced the import; the subgraph dropped its cached copy.
    let top: any;
    for (const deadline = Date.now() + 5_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      top = (await graph.query<any>(LONGEST)).data.aiModels;
      if (top.edges[0].node.id === id) break;
    }
    expect(top.edges[0].node).toEqual({ id, name: 'Sixfold Labs: Long Context', contextLength: 4000000, created: '2026-01-01T00:00:00.000Z', model: null });
    expect(top.totalCount).toBeGreaterThan(before.data.aiModels.totalCount);
  }, 60_000);
});

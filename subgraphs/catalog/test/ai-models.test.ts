import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger, createPrismaClient, RequestDb } from '@sixfold/kit';
import pg from 'pg';
import type { CatalogTx } from '../src/context.js';
import { PrismaClient } from '../src/generated/prisma/client.js';
import { AiModelStore } from '../src/upstream/ai-model-store.js';
import { importModelList } from '../src/upstream/import.js';
import { fetchModelList, parseModelList } from '../src/upstream/openrouter.js';
import { ADMIN } from './support.js';

const run = promisify(execFile);
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const PACKAGE = new URL('..', import.meta.url).pathname;
const SAMPLE_PATH = join(PACKAGE, 'fixtures', 'openrouter-models.json');
const sample = JSON.parse(readFileSync(SAMPLE_PATH, 'utf8')) as { data: Array<Record<string, any>> };
const logger = createLogger('silent');

/** An upstream of our own: serves the sample, counts requests. */
let upstream: Server;
let upstreamUrl: string;
let upstreamHits = 0;
/** A port nothing listens on. */
let closedUrl: string;

let statements = 0;
const prisma = createPrismaClient(PrismaClient, { url: process.env.DATABASE_URL!, poolMax: 2, connectTimeoutMs: 5_000, applicationName: 'catalog-ai-models-test', onQuery: () => statements++ });
const db = new pg.Client({ connectionString: process.env.DATABASE_URL });

/**
 * A request-like transaction that is always rolled back, so the run's database stays as seeded.
 * It holds off other writers of ai_models (tests running beside this one) until it ends, so what
 * it reads is only what it wrote.
 */
async function inRolledBackTransaction(work: (tx: RequestDb<CatalogTx>) => Promise<void>) {
  const tx = new RequestDb<CatalogTx>(prisma as never, { role: 'sixfold_catalog', identity: ADMIN, timeoutMs: 30_000 });
  try {
    await tx.run((t) => t.$executeRaw`LOCK TABLE catalog.ai_models IN EXCLUSIVE MODE`);
    await work(tx);
  } finally {
    await tx.finish(false);
  }
}

beforeAll(async () => {
  await db.connect();
  upstream = createServer((_req, res) => {
    upstreamHits++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(sample));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/api/v1/models`;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/api/v1/models`;
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(async () => {
  await new Promise((resolve) => upstream.close(resolve));
  await db.end();
  await prisma.$disconnect();
});

const countRows = async () => Number((await db.query('SELECT count(*) FROM catalog.ai_models')).rows[0].count);

describe('the OpenRouter model list', () => {
  it('is checked entry by entry: malformed, repeated and (on request) paid entries are skipped with the reason', () => {
    const body = { data: [sample.data[0], { id: 'no-slash', name: 'Bad id' }, { id: 'acme/blank', name: '  ' }, { ...sample.data[1], context_length: -1 }, sample.data[0], 42] };
    const parsed = parseModelList(body, 'test');
    expect(parsed.received).toBe(6);
    expect(parsed.models.map((m) => m.id)).toEqual([sample.data[0]!.id]);
    expect(parsed.skipped).toEqual([
      { id: 'no-slash', reason: 'id is not an OpenRouter model id (provider/model)' },
      { id: 'acme/blank', reason: 'name is empty' },
      { id: sample.data[1]!.id, reason: expect.stringMatching(/^context_length /) },
      { id: sample.data[0]!.id, reason: 'repeats an id listed earlier' },
      { id: null, reason: expect.stringMatching(/^entry /) },
    ]);
    const free = parseModelList(sample, 'test', { freeOnly: true });
    expect(free.models.map((m) => m.id).every((id) => id.endsWith(':free'))).toBe(true);
    expect(free.models).toHaveLength(5);
    expect(() => parseModelList({ models: [] }, 'test')).toThrow(/not an OpenRouter model list/);
  });

  it('is upserted: new rows added, changed ones updated, unchanged and unlisted ones kept', async () => {
    await inRolledBackTransaction(async (tx) => {
      const [first, second] = sample.data;
      const changed = { ...first, description: 'Changed upstream.' };
      const added = { ...second, id: 'acme/brand-new-model', name: 'Acme: Brand New' };
      const before = await tx.run((t) => t.aiModel.findMany({ select: { id: true } }));
      const report = await importModelList(tx, { data: [changed, second, added, { id: 'broken' }] }, { source: 'test', logger });
      expect(report).toMatchObject({ received: 4, inserted: 1, updated: 1, unchanged: 1 });
      expect(report.skipped).toHaveLength(1);
      const rows = await tx.run((t) => t.aiModel.findMany());
      const ids = new Set(rows.map((r) => r.id));
      expect(before.filter((r) => !ids.has(r.id))).toEqual([]); // nothing unlisted was removed
      expect(rows.find((r) => r.id === first!.id)?.description).toBe('Changed upstream.');
      expect(rows.find((r) => r.id === 'acme/brand-new-model')).toMatchObject({ name: 'Acme: Brand New', contextLength: second!.context_length, created: new Date(second!.created * 1000) });
    });
  });

  it('is read from memory first, the database second, the upstream third', async () => {
    await inRolledBackTransaction(async (tx) => {
      const store = new AiModelStore({ db: tx, fetchUpstream: () => fetchModelList(upstreamUrl, 2_000), upstreamName: upstreamUrl, ttlMs: 60_000, logger });
      upstreamHits = 0;
      statements = 0;
      expect(await store.list()).toHaveLength(await countRows()); // from the database
      const fromDatabase = statements;
      expect(fromDatabase).toBeGreaterThan(0);
      await store.list(); // from memory: no statement at all
      expect(statements).toBe(fromDatabase);
      expect(upstreamHits).toBe(0);

      await tx.run((t) => t.aiModel.deleteMany());
      store.invalidate();
      const fetched = await store.list(); // the database is empty: upstream, stored, then served
      expect(upstreamHits).toBe(1);
      expect(fetched.map((m) => m.id).sort()).toEqual(sample.data.map((m) => m.id).sort());
      expect(await tx.run((t) => t.aiModel.count())).toBe(sample.data.length);
    });
  });

  it('answers UPSTREAM_UNAVAILABLE with the reason when all three come up empty, and writes nothing', async () => {
    await inRolledBackTransaction(async (tx) => {
      await tx.run((t) => t.aiModel.deleteMany());
      const store = new AiModelStore({ db: tx, fetchUpstream: () => fetchModelList(closedUrl, 2_000), upstreamName: closedUrl, ttlMs: 60_000, logger });
      const failure = await store.list().catch((error: unknown) => error);
      expect(failure).toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
      expect((failure as Error).message).toBe(`The OpenRouter model list is unreachable: ${closedUrl}: no answer (ECONNREFUSED)`);
      expect(await tx.run((t) => t.aiModel.count())).toBe(0);
    });
  });
});

describe('import-models', () => {
  const env = () => ({ ...process.env, LOG_LEVEL: 'silent' });

  it('imports a file in the OpenRouter format and reports what it added and skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openrouter-'));
    const file = join(dir, 'models.json');
    const id = `sixfold-test/cli-import-${Date.now().toString(36)}`;
    writeFileSync(file, JSON.stringify({ data: [...sample.data, { ...sample.data[2], id, name: 'Sixfold: CLI Import' }, { id: 'garbage' }] }));
    const { stdout } = await run('pnpm', ['--filter', '@sixfold/catalog', 'import-models', '--', '--file', file], { cwd: PACKAGE, env: env() });
    expect(stdout).toContain(`import-models: ${sample.data.length + 2} models in ${file}: 1 added, 0 updated, ${sample.data.length} unchanged, 1 skipped`);
    expect(stdout).toContain('skipped garbage: id is not an OpenRouter model id (provider/model)');
    expect((await db.query('SELECT name FROM catalog.ai_models WHERE id = $1', [id])).rows).toEqual([{ name: 'Sixfold: CLI Import' }]);
  }, 60_000);

  it('says clearly when the upstream is unreachable, and leaves the database as it was', async () => {
    const before = await db.query('SELECT md5(string_agg(id || name || coalesce(description, \'\'), \',\' ORDER BY id)) AS digest FROM catalog.ai_models');
    const failure = await run(process.execPath, [tsx, 'src/cli/import-models.ts', '--url', closedUrl], { cwd: PACKAGE, env: env() }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr.trim()).toBe(`import-models: ${closedUrl}: no answer (ECONNREFUSED); nothing was imported and the database is unchanged`);
    const after = await db.query('SELECT md5(string_agg(id || name || coalesce(description, \'\'), \',\' ORDER BY id)) AS digest FROM catalog.ai_models');
    expect(after.rows).toEqual(before.rows);
  }, 60_000);
});

/**
 * Probe ingestion throughput: batches of `reportStatusProbes` against a fresh database seeded at
 * scale 1 and the real Redis. By default through the whole graph's gateway, authenticated with the
 * demo admin's API key (authentication, rate limiting, planning included); with `--direct`,
 * straight to one observability subgraph with a signed identity, to see what the gateway adds.
 * Prints batch latency and probes per second, sequentially and with concurrent senders.
 *
 *   pnpm bench observability-ingest [--batches 40] [--size 1000] [--concurrency 4] [--direct]
 *
 * Uses TEST_DATABASE_URL (default the local PostgreSQL) and TEST_REDIS_URL (default local Redis).
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createEventBus, createLogger, IDENTITY_HEADER, signIdentity, startSubgraph, type Identity, type RunningSubgraph } from '@sixfold/kit';
import { dropDatabase, ensureDatabase, migrate, seed, withDatabase, type SeedResult } from '@sixfold/db';
import { DEFAULT_SUPERGRAPH_PATH, loadSupergraph } from '@sixfold/gateway';
import { startGraph, type RunningGraph } from '@sixfold/launcher';
import { observability } from '@sixfold/observability';

type SharedSeedData = SeedResult['shared'];

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--' && arg !== 'observability-ingest'),
  options: {
    batches: { type: 'string', default: '40' },
    size: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '4' },
    direct: { type: 'boolean', default: false },
  },
});
const batches = Number(values.batches);
const size = Number(values.size);
const concurrency = Number(values.concurrency);

const server = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const runId = `bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const databaseUrl = withDatabase(server, `sixfold_${runId}`);
const secret = randomBytes(32).toString('hex');
const logger = createLogger('warn');

const agent: Identity = { kind: 'service', userId: null, organizationIds: [], roles: [], scopes: ['probes:write'] };
const REPORT = 'mutation ($probes: [StatusProbeInput!]!) { reportStatusProbes(probes: $probes) { accepted duplicates } }';

/** Distinct probes: every model in every region, one location per batch, times a second apart. */
let sent = 0;
function nextBatch() {
  const probes = [];
  for (let i = 0; i < size; i++, sent++) {
    const model = shared.models[sent % shared.models.length]!;
    const region = shared.regions[Math.floor(sent / shared.models.length) % shared.regions.length]!;
    const p50 = 200 + (sent % 300);
    probes.push({
      modelId: model.id, region, location: `bench-${Math.floor(sent / (shared.models.length * shared.regions.length)) % 50}`,
      time: new Date(Date.now() - (sent % 3_600) * 1_000).toISOString(),
      availability: 99 + (sent % 100) / 100, latencyP50: p50, latencyP95: p50 * 2, latencyP99: p50 * 3, errorRate: (sent % 100) / 100,
      requestsPerMinute: 1_000 + (sent % 500), tokensPerMinute: 400_000,
    });
  }
  return probes;
}

/** Where batches go and how they are authenticated: the gateway with an API key, or the subgraph with a signed identity. */
let target: { url: string; headers: () => Promise<Record<string, string>> };

async function send(probes: unknown[]): Promise<number> {
  const started = performance.now();
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await target.headers()) },
    body: JSON.stringify({ query: REPORT, variables: { probes } }),
  });
  const body = (await response.json()) as { data?: { reportStatusProbes: { accepted: number } }; errors?: unknown };
  if (!body.data || body.data.reportStatusProbes.accepted !== probes.length) throw new Error(`batch failed: ${JSON.stringify(body).slice(0, 300)}`);
  return performance.now() - started;
}

async function run(label: string, senders: number) {
  const work = Array.from({ length: batches }, nextBatch);
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: senders }, async () => {
    for (let batch = work.shift(); batch; batch = work.shift()) latencies.push(await send(batch));
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(0);
  console.log(`${label.padEnd(24)} ${batches} × ${size} probes: ${Math.round((batches * size) / seconds)} probes/s, batch p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`);
}

await ensureDatabase(databaseUrl);
const bus = createEventBus({ redisUrl, prefix: `${runId}:`, logger });
let subgraph: RunningSubgraph | undefined;
let graph: RunningGraph | undefined;
let shared: SharedSeedData;
try {
  await migrate(databaseUrl);
  const seeded = await seed(databaseUrl, { scale: 1 });
  shared = seeded.shared;
  if (values.direct) {
    subgraph = await startSubgraph(observability, {
      port: 0, databaseUrl, redisUrl, redisPrefix: `${runId}:`, identitySecret: secret, bus, logger,
      poolMax: 10, connectTimeoutMs: 5_000, transactionTimeoutMs: 30_000,
    });
    target = { url: subgraph.url, headers: async () => ({ [IDENTITY_HEADER]: await signIdentity(agent, secret) }) };
  } else {
    graph = await startGraph({
      databaseUrl, redisUrl, redisPrefix: `${runId}:`, identitySecret: secret, logger, supergraphSdl: loadSupergraph(DEFAULT_SUPERGRAPH_PATH),
      port: 0, ephemeralPorts: true, poolMax: 10, transactionTimeoutMs: 30_000,
    });
    const key = seeded.secrets.demoAdminKey!;
    target = { url: graph.gateway.url, headers: async () => ({ authorization: `Bearer ${key}` }) };
  }
  console.log(values.direct ? 'straight to the observability subgraph' : 'through the gateway, as the demo admin (API key)');
  await send(nextBatch()); // warm-up: connections, plan caches
  await run('1 sender', 1);
  await run(`${concurrency} concurrent senders`, concurrency);
} finally {
  await graph?.stop();
  await subgraph?.stop();
  await bus.close();
  await dropDatabase(databaseUrl);
}

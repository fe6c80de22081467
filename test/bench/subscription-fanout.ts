/**
 * `pnpm bench subscription-fanout [--subscribers 1000] [--events 50] [--redis]`
 *
 * Delivery latency of one event to many concurrent subscribers on one gateway: catalog, the
 * ticker fixture subgraph and a gateway in this process; the subscribers, each on its own
 * WebSocket, in a child process (so that reading 1,000 sockets does not compete with the gateway
 * for the event loop). Every subscriber selects fields of catalog, so each event also costs the
 * gateway an entity fetch. Events are published one at a time (the next when every subscriber has
 * the previous one); latency is from publishing on the subgraph's bus to a subscriber parsing
 * the event. With `--redis` the event also crosses Redis (REDIS_URL, default the local one).
 *
 * Needs PostgreSQL (TEST_DATABASE_URL, default the local server): it creates, seeds and drops a
 * database of its own.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const DOCUMENT = 'subscription StatusBoard { ticked { price publishedAt model { id name provider { name } } } }';
const now = () => performance.timeOrigin + performance.now();

type FromSubscribers = { kind: 'subscribed' } | { kind: 'received'; price: number; latencies: number[] };

if (process.env.BENCH_SUBSCRIBERS_OF) subscribers(process.env.BENCH_SUBSCRIBERS_OF, Number(process.env.BENCH_SUBSCRIBER_COUNT));
else await main();

async function main() {
  const { values: args } = parseArgs({
    args: process.argv.slice(3),
    options: { subscribers: { type: 'string', default: '1000' }, events: { type: 'string', default: '50' }, redis: { type: 'boolean', default: false } },
  });
  const subscriberCount = Number(args.subscribers);
  const eventCount = Number(args.events);
  const redisUrl = args.redis ? (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') : undefined;

  const { dropDatabase, ensureDatabase, migrate, seed, withDatabase } = await import('@sixfold/db');
  const server = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = withDatabase(server, `sixfold_bench_${runId}`);
  Object.assign(process.env, { DATABASE_URL: databaseUrl, IDENTITY_SECRET: randomBytes(32).toString('hex'), REDIS_PREFIX: `sixfold_bench:${runId}:` });
  console.log('preparing a database…');
  await ensureDatabase(databaseUrl);
  const { startTickerStage } = await import('../support/subscriptions.js');
  let stage: Awaited<ReturnType<typeof startTickerStage>> | undefined;
  let child: ChildProcess | undefined;
  try {
    await migrate(databaseUrl);
    await seed(databaseUrl, { scale: 1 });
    stage = await startTickerStage(redisUrl ? { redisUrl } : {});
    const gateway = stage.gateways[0]!;
    const replica = stage.replicas[0]!;
    const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ models(first: 1) { edges { node { id } } } }' }) });
    const modelId = ((await res.json()) as { data: { models: { edges: Array<{ node: { id: string } }> } } }).data.models.edges[0]!.node.id;

    console.log(`connecting ${subscriberCount} subscribers…`);
    child = fork(fileURLToPath(import.meta.url), {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_SUBSCRIBERS_OF: gateway.url, BENCH_SUBSCRIBER_COUNT: String(subscriberCount) },
    });
    const messages: FromSubscribers[] = [];
    let wake = () => {};
    child.on('message', (message: FromSubscribers) => {
      messages.push(message);
      wake();
    });
    const nextMessage = async (kind: FromSubscribers['kind'], price?: number, timeoutMs = 30_000): Promise<FromSubscribers | undefined> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = messages.findIndex((m) => m.kind === kind && (price === undefined || (m.kind === 'received' && m.price === price)));
        if (index !== -1) return messages.splice(index, 1)[0];
        if (Date.now() > deadline) return undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 100);
        });
      }
    };
    if (!(await nextMessage('subscribed', undefined, 60_000))) throw new Error('the subscribers could not connect');

    // Warm-up: publish until every subscriber has an event (upstream subscribed, plans cached).
    let price = 0;
    for (;;) {
      price++;
      await replica.publish({ modelId, price, publishedAt: now() });
      if (await nextMessage('received', price, 1_000)) break;
    }

    console.log(`publishing ${eventCount} events…`);
    const latencies: number[] = [];
    const lastArrivals: number[] = [];
    for (let i = 0; i < eventCount; i++) {
      price++;
      await replica.publish({ modelId, price, publishedAt: now() });
      const received = await nextMessage('received', price);
      if (!received || received.kind !== 'received') throw new Error(`event ${price} did not reach every subscriber`);
      latencies.push(...received.latencies);
      lastArrivals.push(Math.max(...received.latencies));
    }

    const ms = (value: number) => `${value.toFixed(1)} ms`;
    console.log(`\nsubscription fan-out: ${subscriberCount} subscribers on one gateway, ${eventCount} events, bus ${redisUrl ? 'Redis' : 'in-process'}`);
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`);
    console.log(`| deliveries | p50 | p99 | max | every subscriber served (p50 / p99) |`);
    console.log(`|---|---|---|---|---|`);
    console.log(
      `| ${latencies.length} | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 99))} | ${ms(Math.max(...latencies))} | ${ms(percentile(lastArrivals, 50))} / ${ms(percentile(lastArrivals, 99))} |`,
    );
  } finally {
    child?.kill();
    await stage?.stop();
    await dropDatabase(databaseUrl);
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The child process: `count` subscribers, each on its own socket, reporting when every one has an event. */
function subscribers(url: string, count: number) {
  const report = (message: FromSubscribers) => process.send!(message);
  const arrivals = new Map<number, number[]>();
  let subscribed = 0;
  for (let i = 0; i < count; i++) {
    const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => {} });
    client.on('connected', () => {
      if (++subscribed === count) report({ kind: 'subscribed' });
    });
    client.subscribe<{ ticked: { price: number; publishedAt: number } }>(
      { query: DOCUMENT },
      {
        next: ({ data }) => {
          const receivedAt = now();
          const { price, publishedAt } = data!.ticked;
          let latencies = arrivals.get(price);
          if (!latencies) arrivals.set(price, (latencies = []));
          latencies.push(receivedAt - publishedAt);
          if (latencies.length === count) {
            arrivals.delete(price);
            report({ kind: 'received', price, latencies });
          }
        },
        error: (error) => console.error('subscriber failed', error),
        complete: () => {},
      },
    );
  }
}

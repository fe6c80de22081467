/**
 * A Redis server of a test's own (the machine's `redis-server`), on a spare port, that the test
 * can stop and start again on the same port to see how the graph lives through Redis going away.
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestRedisServer {
  url: string;
  port: number;
  start(): Promise<void>;
  stop(): void;
}

async function sparePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const cli = (port: number, ...args: string[]) => execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

export async function startRedisServer(): Promise<TestRedisServer> {
  const port = await sparePort();
  const server: TestRedisServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      execFileSync('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'yes', '--dir', tmpdir(), '--pidfile', join(tmpdir(), `sixfold-redis-${port}.pid`)]);
      for (let attempt = 0; attempt < 100; attempt++) {
        try {
          if (cli(port, 'ping') === 'PONG') return;
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`redis-server on port ${port} did not start`);
    },
    stop() {
      try {
        cli(port, 'shutdown', 'nosave');
      } catch {
        // shutdown closes the connection before answering
      }
    },
  };
  await server.start();
  return server;
}

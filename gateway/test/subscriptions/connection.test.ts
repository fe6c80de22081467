/**
 * How a subscription connection is refused at `connection_init`: for good (bad credentials) or
 * for the moment (authentication unavailable, rate limited), which clients must tell apart.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import WebSocket from 'ws';
import { createLogger, ErrorCode, rateLimited, unauthenticated } from '@sixfold/kit';
import { startGateway, type RunningGateway } from '../../src/server.js';
import { SUPERGRAPH_SDL } from './supergraph.js';

let refusal: Error;
let gateway: RunningGateway;

beforeAll(async () => {
  gateway = await startGateway({
    supergraphSdl: SUPERGRAPH_SDL,
    identitySecret: 'connection-test-secret-of-enough-length',
    logger: createLogger('silent'),
    port: 0,
    authenticator: {
      authenticate: async () => {
        throw refusal;
      },
    },
  });
});
afterAll(() => gateway.stop());

/** Opens a graphql-ws connection, sends `connection_init`, and resolves with how the gateway closed it. */
function closeOfConnectionInit(): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(gateway.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer some-token' } })));
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    socket.on('error', reject);
  });
}

describe('a subscription connection', () => {
  it('is refused with 4403 Forbidden when its credentials are', async () => {
    refusal = unauthenticated('Invalid, expired or revoked credential');
    expect(await closeOfConnectionInit()).toEqual({ code: 4403, reason: 'Forbidden' });
  });

  it('is told to try again later (1013) while authentication is unavailable or it is over its rate limit', async () => {
    refusal = new GraphQLError('Authentication is unavailable right now; retry shortly', { extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE } });
    expect(await closeOfConnectionInit()).toEqual({ code: 1013, reason: 'Authentication is unavailable right now; retry shortly' });
    refusal = rateLimited(12);
    expect(await closeOfConnectionInit()).toEqual({ code: 1013, reason: 'Rate limit exceeded; retry after 12s' });
  });
});

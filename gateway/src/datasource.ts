import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ErrorCode, IDENTITY_HEADER } from '@sixfold/kit';
import { GraphQLError } from 'graphql';
import makeFetchHappen from 'make-fetch-happen';
import type { GatewayContext } from './context.js';

/** How long a subgraph may take to answer one fetch before the gateway gives up on it. */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 30_000;

/**
 * How the gateway talks to one subgraph: it forwards the caller's identity, signed, and turns a
 * subgraph that cannot be reached, or does not answer in time, into a SUBGRAPH_UNAVAILABLE error
 * naming it, so the rest of the response still arrives.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly name: string,
    url: string,
    readonly timeoutMs = DEFAULT_SUBGRAPH_TIMEOUT_MS,
  ) {
    // Apollo's own fetcher settings, plus a timeout: a hung subgraph must not hold requests forever.
    super({ url, fetcher: makeFetchHappen.defaults({ maxSockets: Infinity, retry: false, timeout: timeoutMs }) as never });
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    // Health checks and the gateway's own calls come without a request context.
    if (context?.signedIdentity) request.http?.headers.set(IDENTITY_HEADER, context.signedIdentity);
    if (context?.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    try {
      return await super.process(options);
    } catch (error) {
      if (isUnreachable(error)) {
        const timedOut = (error as { type?: string }).type === 'request-timeout';
        throw new GraphQLError(timedOut ? `Subgraph "${this.name}" did not answer within ${this.timeoutMs / 1000} s` : `Subgraph "${this.name}" is unavailable`, {
          extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: this.name },
        });
      }
      throw error;
    }
  }
}

function isUnreachable(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string }; type?: string; name?: string; extensions?: { response?: { status?: number } } };
  const code = e?.code ?? e?.cause?.code;
  if (code && ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT'].includes(code)) return true;
  if (e?.type === 'system' || e?.name === 'FetchError') return true;
  const status = e?.extensions?.response?.status;
  return status === 502 || status === 503 || status === 504;
}

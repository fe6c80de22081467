import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/**
 * Which proxies may tell us the client's address (`X-Forwarded-For`), in Express's `trust proxy`
 * terms: a hop count (`1` behind one load balancer), `loopback`, or addresses/CIDRs. Untrusted by
 * default: a client could otherwise pick its own address and its own anonymous rate limit.
 */
export type TrustProxy = number | string | undefined;

/** The client's address for one request or WebSocket upgrade, honouring only trusted proxies. */
export function clientAddressResolver(trust: TrustProxy): (request: IncomingMessage) => string {
  if (trust === undefined) return (request) => request.socket.remoteAddress ?? 'unknown';
  const trusted = typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : proxyAddr.compile(trust.split(',').map((t) => t.trim()));
  return (request) => proxyAddr(request, trusted);
}

/** `TRUST_PROXY=1` is a hop count; anything else is a list of addresses, CIDRs or names like `loopback`. */
export const parseTrustProxy = (value: string | undefined): TrustProxy => (value === undefined || value === '' ? undefined : /^\d+$/.test(value) ? Number(value) : value);

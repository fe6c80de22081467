import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { clientAddressResolver, parseTrustProxy } from '../src/client-address.js';

const request = (remoteAddress: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress }, connection: { remoteAddress }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }) as unknown as IncomingMessage;

describe('the client address', () => {
  it('is the peer, whatever X-Forwarded-For says, unless a proxy is trusted', () => {
    expect(clientAddressResolver(undefined)(request('10.0.0.5', '203.0.113.9'))).toBe('10.0.0.5');
  });

  it('comes from X-Forwarded-For behind a trusted proxy, and only as far as trust goes', () => {
    expect(clientAddressResolver(1)(request('10.0.0.5', '203.0.113.9'))).toBe('203.0.113.9');
    // A client prepending its own entry does not get past one trusted hop.
    expect(clientAddressResolver(1)(request('10.0.0.5', '198.51.100.1, 203.0.113.9'))).toBe('203.0.113.9');
    expect(clientAddressResolver('loopback')(request('127.0.0.1', '203.0.113.9'))).toBe('203.0.113.9');
    expect(clientAddressResolver('loopback')(request('10.0.0.5', '203.0.113.9'))).toBe('10.0.0.5');
  });

  it('reads TRUST_PROXY as a hop count or a list', () => {
    expect(parseTrustProxy(undefined)).toBeUndefined();
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('loopback, 10.0.0.0/8')).toBe('loopback, 10.0.0.0/8');
  });
});

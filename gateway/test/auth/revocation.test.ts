import { describe, expect, it } from '@jest/globals';
import { createLogger, EventQueue, type CredentialsRevoked } from '@sixfold/kit';
import { memoryCredentialCache } from '../../src/auth/credential-cache.js';
import { followRevocations } from '../../src/auth/revocation.js';

describe('following revocations', () => {
  it('keeps applying them when a listener throws', async () => {
    const events = new EventQueue<CredentialsRevoked>(() => {});
    const revocations = followRevocations(events, memoryCredentialCache(), createLogger('silent'));
    const heard: CredentialsRevoked[] = [];
    revocations.onRevoked(() => {
      throw new Error('listener bug');
    });
    revocations.onRevoked((revoked) => heard.push(revoked));
    events.push({ userIds: ['a'] });
    events.push({ userIds: ['b'] });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await revocations.stop();
    expect(heard).toEqual([{ userIds: ['a'] }, { userIds: ['b'] }]);
  });
});

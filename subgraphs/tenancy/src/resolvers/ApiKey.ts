import type { ApiKeyResolvers } from '../generated/graphql.js';

export const ApiKey: ApiKeyResolvers = {
  prefix: (key) => key.keyPrefix,
  isActive: (key) => key.isActive && !key.revokedAt && (!key.expiresAt || new Date(key.expiresAt) > new Date()),
};

import type { ApiKey, User } from '../generated/prisma/client.js';

export interface AuthPayloadValue {
  token: string;
  expiresAt: Date;
  user: User;
}

export interface CreatedApiKeyValue {
  apiKey: ApiKey;
  secret: string;
}

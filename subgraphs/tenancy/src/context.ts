import type { SubgraphContext } from '@sixfold/kit';
import type { AuthService } from './auth-service.js';
import type { Prisma } from './generated/prisma/client.js';
import type { TenancyLoaders } from './loaders.js';

export type TenancyTx = Prisma.TransactionClient;

export interface TenancyContext extends SubgraphContext<TenancyTx> {
  loaders: TenancyLoaders;
  /** Credential work that runs outside the caller's identity (log in, sign up): see auth-service.ts. */
  auth: AuthService;
}

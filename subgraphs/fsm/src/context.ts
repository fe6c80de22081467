import type { SubgraphContext } from '@sixfold/kit';
import type { Prisma } from './generated/prisma/client.js';
import type { FsmLoaders } from './loaders.js';

export type FsmTx = Prisma.TransactionClient;

export interface FsmContext extends SubgraphContext<FsmTx> {
  loaders: FsmLoaders;
}

import { subgraphSource, type SubgraphDefinition } from '@sixfold/kit';
import type { FsmContext, FsmTx } from './context.js';
import { PrismaClient } from './generated/prisma/client.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

const { typeDefs, port } = subgraphSource(import.meta.url);

export const fsm: SubgraphDefinition<FsmTx, FsmContext> = {
  name: 'fsm',
  defaultPort: port,
  typeDefs,
  resolvers: resolvers as never,
  dbRole: 'sixfold_fsm',
  PrismaClient: PrismaClient as never,
  createContext: (base) => ({ ...base, loaders: createLoaders(base.db) }),
};

import { subgraphSource, type SubgraphDefinition } from '@sixfold/kit';
import { AuthService, AUTHENTICATOR } from './auth-service.js';
import type { TenancyContext, TenancyTx } from './context.js';
import { PrismaClient } from './generated/prisma/client.js';
import { mountInternalRoutes } from './internal-routes.js';
import { createLoaders } from './loaders.js';
import { maintainPartitions } from './maintenance.js';
import { resolvers } from './resolvers/index.js';

const { typeDefs, port } = subgraphSource(import.meta.url);

export const tenancy: SubgraphDefinition<TenancyTx, TenancyContext> = {
  name: 'tenancy',
  defaultPort: port,
  typeDefs,
  resolvers: resolvers as never,
  dbRole: 'sixfold_tenancy',
  PrismaClient: PrismaClient as never,
  async createServices(runtime) {
    // Partitions for the months ahead exist before anything is written into them.
    await maintainPartitions(runtime.db()).catch((error: unknown) => runtime.logger.warn({ err: error }, 'partition maintenance failed'));
    return { auth: new AuthService(runtime.db(AUTHENTICATOR)) };
  },
  routes(app, runtime) {
    mountInternalRoutes(app, { auth: runtime.services.auth as AuthService, identitySecret: runtime.options.identitySecret, logger: runtime.logger });
  },
  createContext: (base, runtime) => ({ ...base, loaders: createLoaders(base.db), auth: runtime.services.auth as AuthService }),
};

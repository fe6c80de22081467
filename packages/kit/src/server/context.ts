import type { EventBus } from '../events.js';
import type { Identity } from '../identity.js';
import type { Logger } from '../logger.js';
import type { Db } from '../db/request-db.js';

/** What every resolver of every subgraph receives; a subgraph adds its loaders on top. */
export interface SubgraphContext<Tx> {
  identity: Identity;
  /** The request's database access: one transaction per request, carrying the identity for RLS. */
  db: Db<Tx>;
  bus: EventBus;
  logger: Logger;
  requestId: string;
}

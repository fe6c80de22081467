import type { StoreResolvers } from '../generated/graphql.js';
import { required } from '../queries/connection.js';
import { asPostalAddress } from '../shapes.js';

export const Store: StoreResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.storeById.load(ref.id),
  address: (store) => asPostalAddress(store.address),
  businessUnit: (store, _args, ctx) => required(ctx.loaders.businessUnitById.load(store.businessUnitId), `business unit of store ${store.id}`),
};

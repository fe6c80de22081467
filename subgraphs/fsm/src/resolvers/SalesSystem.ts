import type { SalesSystemResolvers } from '../generated/graphql.js';

export const SalesSystem: SalesSystemResolvers = {
  __resolveReference: (ref, ctx) => ('id' in ref ? ctx.loaders.salesSystemById.load(ref.id) : ctx.loaders.salesSystemByCode.load(ref.code)),
};

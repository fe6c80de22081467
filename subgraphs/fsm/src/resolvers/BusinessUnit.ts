import type { BusinessUnitResolvers } from '../generated/graphql.js';
import { childConnection } from '@sixfold/kit';
import { required } from '../queries/connection.js';

export const BusinessUnit: BusinessUnitResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.businessUnitById.load(ref.id),
  country: (unit, _args, ctx) => required(ctx.loaders.countryByCode.load(unit.countryCode), `country of business unit ${unit.id}`),
  stores: (unit, { activeOnly, ...page }, ctx) => childConnection(ctx.loaders.storesByBusinessUnit(activeOnly === true), unit.id, page),
  salesSystems: (unit, _args, ctx) => ctx.loaders.salesSystemLinksByBusinessUnit.load(unit.id),
  async primarySalesSystem(unit, _args, ctx) {
    const primary = (await ctx.loaders.salesSystemLinksByBusinessUnit.load(unit.id)).find((link) => link.isPrimary);
    return primary ? ctx.loaders.salesSystemById.load(primary.salesSystemId) : null;
  },
  salesChannelConfigurations: (unit, _args, ctx) => ctx.loaders.channelConfigurationsByBusinessUnit.load(unit.id),
};

import type { SalesChannelConfigurationResolvers } from '../generated/graphql.js';
import { required } from '../queries/connection.js';

export const SalesChannelConfiguration: SalesChannelConfigurationResolvers = {
  businessUnit: (config, _args, ctx) => required(ctx.loaders.businessUnitById.load(config.businessUnitId), `business unit of channel configuration ${config.id}`),
};

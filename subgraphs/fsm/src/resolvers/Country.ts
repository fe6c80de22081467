import type { CountryResolvers } from '../generated/graphql.js';

export const Country: CountryResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.countryByCode.load(ref.code),
  businessUnits: (country, _args, ctx) => ctx.loaders.businessUnitsByCountry.load(country.code),
};

import type { PriceResolvers } from '../generated/graphql.js';
import { modelOf } from './references.js';

interface StoredDiscount {
  minMillionTokens: number;
  discountPercent: string;
}

export const Price: PriceResolvers = {
  model: (price, _args, ctx) => modelOf(ctx, price.modelId),
  volumeDiscounts: (price) => (Array.isArray(price.volumeDiscounts) ? (price.volumeDiscounts as unknown as StoredDiscount[]) : []),
};

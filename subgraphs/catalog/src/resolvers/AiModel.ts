import type { AiModelResolvers } from '../generated/graphql.js';

export const AiModel: AiModelResolvers = {
  /** OpenRouter ids are `<provider slug>/<model slug>[:variant]`, the catalog's own slugs. */
  async model(aiModel, _args, ctx) {
    const [providerSlug, variant] = aiModel.id.split('/');
    if (!variant) return null;
    const model = await ctx.loaders.modelBySlug.load(variant.split(':')[0]!);
    if (!model) return null;
    const provider = await ctx.loaders.providerById.load(model.providerId);
    return provider?.slug === providerSlug ? model : null;
  },
};

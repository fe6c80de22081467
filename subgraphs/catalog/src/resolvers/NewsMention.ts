import type { NewsMentionResolvers } from '../generated/graphql.js';
import { modelOf } from './references.js';

export const NewsMention: NewsMentionResolvers = {
  async article(mention, _args, ctx) {
    const article = await ctx.loaders.articleById.load(mention.newsId);
    if (!article) throw new Error(`missing article ${mention.newsId}`);
    return article;
  },
  model: (mention, _args, ctx) => modelOf(ctx, mention.modelId),
  mentionType: (mention) => (mention.mentionType ? (mention.mentionType.toUpperCase() as 'PRIMARY' | 'COMPARISON' | 'BRIEF') : null),
};

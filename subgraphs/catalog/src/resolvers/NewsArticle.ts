import { pickLocale } from '@sixfold/kit';
import type { NewsArticleResolvers } from '../generated/graphql.js';

const MENTION_ORDER = ['primary', 'comparison', 'brief'];
const rank = (type: string | null) => (type && MENTION_ORDER.includes(type) ? MENTION_ORDER.indexOf(type) : MENTION_ORDER.length);

export const NewsArticle: NewsArticleResolvers = {
  title: (article, { locale }) => pickLocale(article.title, locale) ?? article.slug,
  summary: (article, { locale }) => pickLocale(article.summary, locale),
  content: (article, { locale }) => pickLocale(article.content, locale),
  author: (article) => (article.authorId ? { id: article.authorId } : null),
  async mentions(article, _args, ctx) {
    const mentions = await ctx.loaders.mentionsByArticle.load(article.id);
    return [...mentions].sort((a, b) => rank(a.mentionType) - rank(b.mentionType));
  },
};

import { pickLocale } from '@sixfold/kit';
import type { DocumentationResolvers } from '../generated/graphql.js';

export const Documentation: DocumentationResolvers = {
  title: (doc, { locale }) => pickLocale(doc.title, locale) ?? doc.url,
};

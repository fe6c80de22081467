import { scalarResolvers } from '@sixfold/kit';
import { DateResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/graphql.js';
import { AiModel } from './AiModel.js';
import { BenchmarkScore } from './BenchmarkScore.js';
import { BenchmarkSuite } from './BenchmarkSuite.js';
import { Documentation } from './Documentation.js';
import { Model } from './Model.js';
import { ModelListing } from './ModelListing.js';
import { Mutation } from './Mutation.js';
import { NewsArticle } from './NewsArticle.js';
import { NewsMention } from './NewsMention.js';
import { Price } from './Price.js';
import { Provider } from './Provider.js';
import { Query } from './Query.js';
import { Subscription } from './Subscription.js';
import { User } from './User.js';
import { UserPreferences } from './UserPreferences.js';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Date: DateResolver,
  Query,
  Mutation,
  Subscription,
  Provider,
  Model,
  Price,
  BenchmarkSuite,
  BenchmarkScore,
  Documentation,
  NewsArticle,
  NewsMention,
  ModelListing,
  AiModel,
  UserPreferences,
  User,
};

import { scalarResolvers } from '@sixfold/kit';
import type { Resolvers } from '../generated/graphql.js';
import { DatabaseHealth, SlowQuery } from './Admin.js';
import { Incident } from './Incident.js';
import { Model } from './Model.js';
import { Mutation } from './Mutation.js';
import { Provider } from './Provider.js';
import { Query } from './Query.js';
import { ModelRanking, ModelStatus, TrendingModel } from './Status.js';
import { Subscription } from './Subscription.js';

const { DateTime, JSON } = scalarResolvers;

export const resolvers: Resolvers = {
  DateTime,
  JSON,
  Query,
  Mutation,
  Subscription,
  Model,
  Provider,
  Incident,
  ModelStatus,
  ModelRanking,
  TrendingModel,
  DatabaseHealth,
  SlowQuery,
};

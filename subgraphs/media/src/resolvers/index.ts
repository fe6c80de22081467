import { scalarResolvers } from '@sixfold/kit';
import type { Resolvers } from '../generated/graphql.js';
import { BigIntScalar } from '../scalars.js';
import { MediaEmbedding } from './MediaEmbedding.js';
import { MediaFile } from './MediaFile.js';
import { MediaAuditEntry, MediaSearch, MediaSearchHit } from './MediaSearch.js';
import { MediaServiceCost, MediaUsage, MediaUsageTier } from './MediaUsage.js';
import { Mutation } from './Mutation.js';
import { ProcessingJob } from './ProcessingJob.js';
import { Query } from './Query.js';
import { Subscription } from './Subscription.js';
import { User } from './User.js';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  BigInt: BigIntScalar,
  Query,
  Mutation,
  Subscription,
  User,
  MediaFile,
  MediaEmbedding,
  ProcessingJob,
  MediaUsage,
  MediaUsageTier,
  MediaServiceCost,
  MediaSearchHit,
  MediaSearch,
  MediaAuditEntry,
};

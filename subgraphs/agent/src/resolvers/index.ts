import { scalarResolvers } from '@sixfold/kit';
import type { Resolvers } from '../generated/graphql.js';
import { AnalyticsEvent } from './AnalyticsEvent.js';
import { BackgroundTask } from './BackgroundTask.js';
import { CodeVersion } from './CodeVersion.js';
import { ConversationSession } from './ConversationSession.js';
import { DeadLetterEntry } from './DeadLetterEntry.js';
import { DebateSession } from './DebateSession.js';
import { DebateTurn } from './DebateTurn.js';
import { LlmProvider } from './LlmProvider.js';
import { LlmRequest } from './LlmRequest.js';
import { LlmResponse } from './LlmResponse.js';
import { LspServer } from './LspServer.js';
import { McpServer } from './McpServer.js';
import { Memory } from './Memory.js';
import { Mutation } from './Mutation.js';
import { ProviderPerformance } from './ProviderPerformance.js';
import { Query } from './Query.js';
import { Subscription } from './Subscription.js';
import { User } from './User.js';
import { VectorMemory } from './VectorMemory.js';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Mutation,
  Subscription,
  User,
  LlmProvider,
  McpServer,
  LspServer,
  ConversationSession,
  LlmRequest,
  LlmResponse,
  DebateSession,
  DebateTurn,
  CodeVersion,
  BackgroundTask,
  DeadLetterEntry,
  Memory,
  VectorMemory,
  AnalyticsEvent,
  ProviderPerformance,
};

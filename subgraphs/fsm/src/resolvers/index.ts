import { DateResolver } from 'graphql-scalars';
import { scalarResolvers } from '@sixfold/kit';
import type { Resolvers } from '../generated/graphql.js';
import { BusinessUnit } from './BusinessUnit.js';
import { BusinessUnitSalesSystem } from './BusinessUnitSalesSystem.js';
import { Country } from './Country.js';
import { ExternalReferenceMapping, FsmEntity } from './ExternalReferenceMapping.js';
import { Mutation } from './Mutation.js';
import { OperatorWorkload } from './OperatorWorkload.js';
import { ProjectOwnershipChange } from './ProjectOwnershipChange.js';
import { Query } from './Query.js';
import { RiskAssessment } from './RiskAssessment.js';
import { SalesChannelConfiguration } from './SalesChannelConfiguration.js';
import { SalesChannelPerformance } from './SalesChannelPerformance.js';
import { SalesPotentialAssessment } from './SalesPotentialAssessment.js';
import { SalesPreEstimation } from './SalesPreEstimation.js';
import { SalesSystem } from './SalesSystem.js';
import { SalesSystemIntegrationEvent } from './SalesSystemIntegrationEvent.js';
import { ServiceOrder } from './ServiceOrder.js';
import { ServiceOrderStatusChange } from './ServiceOrderStatusChange.js';
import { ServiceProject } from './ServiceProject.js';
import { Store } from './Store.js';
import { Subscription } from './Subscription.js';
import { User } from './User.js';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Date: DateResolver,
  Query,
  Mutation,
  Subscription,
  Country,
  SalesSystem,
  BusinessUnit,
  BusinessUnitSalesSystem,
  Store,
  ServiceOrder,
  ServiceOrderStatusChange,
  ServiceProject,
  ProjectOwnershipChange,
  OperatorWorkload,
  User,
  SalesChannelConfiguration,
  SalesSystemIntegrationEvent,
  SalesChannelPerformance,
  SalesPreEstimation,
  SalesPotentialAssessment,
  RiskAssessment,
  ExternalReferenceMapping,
  FsmEntity,
};

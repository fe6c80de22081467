import type { ResolverTypesConfig } from '../../packages/kit/src/codegen/generate-resolver-types.js';

const config: ResolverTypesConfig = {
  contextType: '../context.js#FsmContext',
  mappers: {
    Country: './prisma/client.js#Country as CountryRow',
    SalesSystem: './prisma/client.js#SalesSystem as SalesSystemRow',
    BusinessUnit: './prisma/client.js#BusinessUnit as BusinessUnitRow',
    BusinessUnitSalesSystem: './prisma/client.js#BusinessUnitSalesSystem as BusinessUnitSalesSystemRow',
    Store: './prisma/client.js#Store as StoreRow',
    ServiceOrder: './prisma/client.js#ServiceOrder as ServiceOrderRow',
    ServiceProject: './prisma/client.js#Project as ProjectRow',
    ProjectOwnershipChange: './prisma/client.js#ProjectOwnershipChange as ProjectOwnershipChangeRow',
    OperatorWorkload: './prisma/client.js#OperatorWorkload as OperatorWorkloadRow',
    SalesChannelConfiguration: './prisma/client.js#SalesChannelConfiguration as SalesChannelConfigurationRow',
    SalesSystemIntegrationEvent: './prisma/client.js#SalesSystemIntegrationEvent as SalesSystemIntegrationEventRow',
    SalesPreEstimation: './prisma/client.js#SalesPreEstimation as SalesPreEstimationRow',
    SalesPotentialAssessment: './prisma/client.js#SalesPotentialAssessment as SalesPotentialAssessmentRow',
    RiskAssessment: './prisma/client.js#RiskAssessment as RiskAssessmentRow',
    ExternalReferenceMapping: './prisma/client.js#ExternalReferenceMapping as ExternalReferenceMappingRow',
    SalesChannelPerformance: '../queries/channel-performance.js#ChannelPerformanceRow',
    ServiceOrderStatusChange: '../events.js#ServiceOrderStatusChanged',
    User: '../shapes.js#UserRef',
    PostalAddress: '../shapes.js#PostalAddress as PostalAddressJson',
    RiskFactor: '../shapes.js#RiskFactor as RiskFactorJson',
  },
};
export default config;

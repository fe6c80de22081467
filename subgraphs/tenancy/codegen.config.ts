import type { ResolverTypesConfig } from '../../packages/kit/src/codegen/generate-resolver-types.js';

const config: ResolverTypesConfig = {
  contextType: '../context.js#TenancyContext',
  mappers: {
    User: './prisma/client.js#User as UserRow',
    Organization: './prisma/client.js#Organization as OrganizationRow',
    OrganizationMember: './prisma/client.js#OrganizationMember as OrganizationMemberRow',
    Project: './prisma/client.js#Project as ProjectRow',
    Task: './prisma/client.js#Task as TaskRow',
    Comment: './prisma/client.js#Comment as CommentRow',
    Attachment: './prisma/client.js#Attachment as AttachmentRow',
    Notification: './prisma/client.js#Notification as NotificationRow',
    ApiKey: './prisma/client.js#ApiKey as ApiKeyRow',
    AuditEntry: './prisma/client.js#AuditLogEntry as AuditLogEntryRow',
    ProjectStats: './prisma/client.js#ProjectStats as ProjectStatsRow',
    UserActivity: './prisma/client.js#UserActivityStats as UserActivityStatsRow',
    AuthPayload: '../resolvers/payloads.js#AuthPayloadValue',
    CreatedApiKey: '../resolvers/payloads.js#CreatedApiKeyValue',
  },
};
export default config;

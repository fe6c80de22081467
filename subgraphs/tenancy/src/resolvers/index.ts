import { scalarResolvers } from '@sixfold/kit';
import type { Resolvers } from '../generated/graphql.js';
import { ApiKey } from './ApiKey.js';
import { Attachment } from './Attachment.js';
import { AuditEntry } from './AuditEntry.js';
import { Comment } from './Comment.js';
import { Mutation } from './Mutation.js';
import { Organization } from './Organization.js';
import { OrganizationMember } from './OrganizationMember.js';
import { Project } from './Project.js';
import { Query } from './Query.js';
import { Subscription } from './Subscription.js';
import { Task } from './Task.js';
import { User } from './User.js';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Mutation,
  Subscription,
  User,
  Organization,
  OrganizationMember,
  Project,
  Task,
  Comment,
  Attachment,
  ApiKey,
  AuditEntry,
};

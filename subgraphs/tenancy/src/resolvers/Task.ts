import { childConnection } from '@sixfold/kit';
import type { TaskPriority, TaskResolvers, TaskStatus } from '../generated/graphql.js';
import { toEnum } from './values.js';

export const Task: TaskResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.taskById.load(ref.id),
  async project(task, _args, ctx) {
    const project = await ctx.loaders.projectById.load(task.projectId);
    // Whoever sees a task sees its project (the task's policy is the project's).
    if (!project) throw new Error(`task ${task.id} refers to project ${task.projectId}, which is not visible`);
    return project;
  },
  parent: (task, _args, ctx) => (task.parentTaskId ? ctx.loaders.taskById.load(task.parentTaskId) : null),
  status: (task) => toEnum<TaskStatus>(task.status),
  priority: (task) => toEnum<TaskPriority>(task.priority),
  assignee: (task, _args, ctx) => (task.assigneeId ? ctx.loaders.userById.load(task.assigneeId) : null),
  reporter: (task, _args, ctx) => (task.reporterId ? ctx.loaders.userById.load(task.reporterId) : null),
  estimatedHours: (task) => task.estimatedHours?.toString() ?? null,
  actualHours: (task) => task.actualHours?.toString() ?? null,
  comments: (task, { first, after }, ctx) => childConnection(ctx.loaders.commentsByTask, task.id, { first, after }),
  attachments: (task, _args, ctx) => ctx.loaders.attachmentsByTask.load(task.id),
};

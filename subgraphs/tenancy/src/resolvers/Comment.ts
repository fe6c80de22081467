import type { CommentResolvers } from '../generated/graphql.js';
import { present } from './values.js';

export const Comment: CommentResolvers = {
  task: (comment, _args, ctx) => ctx.loaders.taskById.load(comment.taskId),
  author: (comment, _args, ctx) => ctx.loaders.userById.load(comment.userId),
  async mentions(comment, _args, ctx) {
    // People you may not see are left out.
    return present(await ctx.loaders.userById.loadMany(comment.mentions));
  },
  parent: (comment, _args, ctx) => (comment.parentCommentId ? ctx.loaders.commentById.load(comment.parentCommentId) : null),
  attachments: (comment, _args, ctx) => ctx.loaders.attachmentsByComment.load(comment.id),
};

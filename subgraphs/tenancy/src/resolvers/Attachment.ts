import type { AttachmentResolvers } from '../generated/graphql.js';

export const Attachment: AttachmentResolvers = {
  task: (attachment, _args, ctx) => (attachment.taskId ? ctx.loaders.taskById.load(attachment.taskId) : null),
  comment: (attachment, _args, ctx) => (attachment.commentId ? ctx.loaders.commentById.load(attachment.commentId) : null),
  uploadedBy: (attachment, _args, ctx) => ctx.loaders.userById.load(attachment.uploadedBy),
  fileSize: (attachment) => Number(attachment.fileSize),
};

import type { CodeValidationStatus, CodeVersionResolvers } from '../generated/graphql.js';
import { toGraphEnum } from '../values.js';

export const CodeVersion: CodeVersionResolvers = {
  async session(version, _args, ctx) {
    const session = await ctx.loaders.debateById.load(version.sessionId);
    if (!session) throw new Error(`code version ${version.id} without its debate ${version.sessionId}`);
    return session;
  },
  validationStatus: (version) => toGraphEnum<CodeValidationStatus>(version.validationStatus),
};

import type { LspServerResolvers } from '../generated/graphql.js';
import { stringList } from '../values.js';

export const LspServer: LspServerResolvers = {
  args: (server) => stringList(server.args),
  filePatterns: (server) => stringList(server.filePatterns),
};

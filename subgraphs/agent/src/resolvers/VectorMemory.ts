import type { VectorMemoryResolvers } from '../generated/graphql.js';
import { userRef } from '../references.js';
import { stringList } from '../values.js';

export const VectorMemory: VectorMemoryResolvers = {
  user: (memory) => userRef(memory.userId),
  replicatedTo: (memory) => stringList(memory.replicatedTo),
};

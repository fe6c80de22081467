import { runSubgraphProcess } from '@sixfold/kit';
import { agent } from './subgraph.js';

await runSubgraphProcess(agent);

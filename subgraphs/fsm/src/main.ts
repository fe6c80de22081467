import { runSubgraphProcess } from '@sixfold/kit';
import { fsm } from './subgraph.js';

await runSubgraphProcess(fsm);

import { runSubgraphProcess } from '@sixfold/kit';
import { observability } from './subgraph.js';

await runSubgraphProcess(observability);

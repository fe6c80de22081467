import { runSubgraphProcess } from '@sixfold/kit';
import { tenancy } from './subgraph.js';

await runSubgraphProcess(tenancy);

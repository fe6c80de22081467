import { runSubgraphProcess } from '@sixfold/kit';
import { media } from './subgraph.js';

await runSubgraphProcess(media);

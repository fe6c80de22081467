export { startGraph, type GraphOptions, type RunningGraph } from './graph.js';
export { SUBGRAPHS } from './subgraphs.js';

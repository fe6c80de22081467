import { ConfigError, loadConfig, runSubgraphProcess } from '@sixfold/kit';
import { catalogSettings } from './config.js';
import { catalog } from './subgraph.js';

// The catalog's own settings are read when it starts; a bad one stops it here, named.
try {
  loadConfig(catalogSettings);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
await runSubgraphProcess(catalog);

/**
 * `pnpm --filter @sixfold/catalog refresh-listings`: rebuilds catalog.model_listings now, without
 * blocking its readers (the subgraph also does it by itself shortly after every catalog write).
 */
import { ConfigError } from '@sixfold/kit';
import { refreshModelListings } from '../directory/listings.js';
import { standalone } from './standalone.js';

try {
  const command = standalone('refresh-listings');
  try {
    const started = Date.now();
    await refreshModelListings(command.db);
    const rows = await command.db.run((tx) => tx.modelListing.count());
    console.log(`refresh-listings: model_listings refreshed (${rows} active models) in ${Date.now() - started} ms`);
  } finally {
    await command.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? `refresh-listings: ${error.message}` : error);
  process.exitCode = 1;
}

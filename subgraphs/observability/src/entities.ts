/**
 * Catalog's Model and Provider, as this subgraph knows them: by id only. The gateway resolves
 * every other field from catalog.
 */
export interface EntityRef {
  id: string;
}

import { credentialAllows, forbidden, requireScope, requireUser, type Identity } from '@sixfold/kit';

/** The API-key scope that lets a non-admin edit the catalog. */
export const CATALOG_WRITE_SCOPE = 'catalog:write';

/** Catalog editors are admins and callers whose key carries `catalog:write`. */
export const requireCatalogEditor = (identity: Identity) => requireScope(identity, 'Editing the catalog', CATALOG_WRITE_SCOPE);

/** Saving one's own preferences: a user whose credential may write (a read-only key may not). */
export function requirePreferencesWriter(identity: Identity): string {
  const userId = requireUser(identity);
  if (!credentialAllows(identity, 'write', CATALOG_WRITE_SCOPE)) throw forbidden('This API key is read-only: saving preferences needs the write scope');
  return userId;
}

import { credentialAllows, forbidden, requireScope, requireUser, Scope, type Identity } from '@sixfold/kit';

/** Catalog editors are admins and callers whose key carries `catalog:write`. */
export const requireCatalogEditor = (identity: Identity) => requireScope(identity, 'Editing the catalog', Scope.catalogWrite);

/** Saving one's own preferences: a user whose credential may write (a read-only key may not). */
export function requirePreferencesWriter(identity: Identity): string {
  const userId = requireUser(identity);
  if (!credentialAllows(identity, Scope.write, Scope.catalogWrite)) throw forbidden('This API key is read-only: saving preferences needs the write scope');
  return userId;
}

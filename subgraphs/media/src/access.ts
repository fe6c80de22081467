import { credentialAllows, forbidden, hasScope, isAdmin, requireScope, requireUser, Scope, type Identity } from '@sixfold/kit';

/*
 * Scopes (the kit's registry describes them): processing workers' keys carry media:process,
 * billing systems' media:billing; media:write narrows a user's key to changing their media (the
 * generic write allows it too).
 */

/** Services whose work spans every user's media: they act as the media system itself. */
export const actsAsMediaSystem = (identity: Identity) => hasScope(identity, Scope.mediaProcess, Scope.mediaBilling);

/** Admins and the media system's services see every user's media; everyone else only their own. */
export const seesAllMedia = (identity: Identity) => isAdmin(identity) || actsAsMediaSystem(identity);

export const maySeeUser = (identity: Identity, userId: string) => seesAllMedia(identity) || identity.userId === userId;

export const requireProcessor = (identity: Identity) => requireScope(identity, 'Processing jobs', Scope.mediaProcess);
export const requireBilling = (identity: Identity) => requireScope(identity, 'Changing a subscription', Scope.mediaBilling);

/** A change to the caller's own files: a user whose credential may write (a read-only key may not). */
export function requireWriter(identity: Identity): string {
  const userId = requireUser(identity);
  if (!credentialAllows(identity, Scope.mediaWrite, Scope.write)) throw forbidden(`This API key lacks the ${Scope.mediaWrite} scope`);
  return userId;
}

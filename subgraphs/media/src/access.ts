import { credentialAllows, forbidden, hasScope, isAdmin, requireScope, requireUser, type Identity } from '@sixfold/kit';

/** Processing workers: API keys with this scope claim and report on jobs. */
export const PROCESS_SCOPE = 'media:process';
/** Billing systems: API keys with this scope change subscriptions. */
export const BILLING_SCOPE = 'media:billing';
/** Narrows a user's API key to changing their media (the generic `write` allows it too). */
export const WRITE_SCOPE = 'media:write';

/** Services whose work spans every user's media: they act as the media system itself. */
export const actsAsMediaSystem = (identity: Identity) => hasScope(identity, PROCESS_SCOPE, BILLING_SCOPE);

/** Admins and the media system's services see every user's media; everyone else only their own. */
export const seesAllMedia = (identity: Identity) => isAdmin(identity) || actsAsMediaSystem(identity);

export const maySeeUser = (identity: Identity, userId: string) => seesAllMedia(identity) || identity.userId === userId;

export const requireProcessor = (identity: Identity) => requireScope(identity, 'Processing jobs', PROCESS_SCOPE);
export const requireBilling = (identity: Identity) => requireScope(identity, 'Changing a subscription', BILLING_SCOPE);

/** A change to the caller's own files: a user whose credential may write (a read-only key may not). */
export function requireWriter(identity: Identity): string {
  const userId = requireUser(identity);
  if (!credentialAllows(identity, WRITE_SCOPE, 'write')) throw forbidden(`This API key lacks the ${WRITE_SCOPE} scope`);
  return userId;
}

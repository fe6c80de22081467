import type { Identity } from '@sixfold/kit';

export interface GatewayContext {
  requestId: string;
  identity: Identity;
  /** The identity as signed for subgraphs, computed once per request. */
  signedIdentity: string;
}

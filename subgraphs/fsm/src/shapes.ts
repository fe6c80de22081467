/**
 * Shapes the GraphQL types have that are not rows: references to other domains' entities and the
 * JSON documents some columns hold.
 */

/** Tenancy's User, by id: this subgraph knows nothing else about users; the gateway fetches the rest. */
export interface UserRef {
  id: string;
}

export const userRef = (id: string | null | undefined): UserRef | null => (id ? { id } : null);

/** `stores.address` and `service_orders.service_address`. */
export interface PostalAddress {
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  region?: string | null;
  countryCode?: string | null;
}

/** One element of `risk_factors` (on service orders and risk assessments). */
export interface RiskFactor {
  code: string;
  description?: string | null;
  /** Share of the score, 0 to 1, stored as a JSON number. */
  weight?: number | string | null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Addresses come from sales systems: read what is there, never fail on what is not. */
export function asPostalAddress(json: unknown): PostalAddress {
  if (!isObject(json)) return {};
  const text = (key: string) => (typeof json[key] === 'string' ? (json[key] as string) : null);
  return { street: text('street'), postalCode: text('postalCode'), city: text('city'), region: text('region'), countryCode: text('countryCode') };
}

export function asRiskFactors(json: unknown): RiskFactor[] {
  if (!Array.isArray(json)) return [];
  return json.filter((f): f is RiskFactor => isObject(f) && typeof f.code === 'string');
}

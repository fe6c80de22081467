/** Entities other subgraphs own, as this one refers to them: by key only. */
export interface UserRef {
  id: string;
}

export interface ProviderRef {
  id: string;
}

export const userRef = (id: string): UserRef => ({ id });
export const userRefOrNull = (id: string | null): UserRef | null => (id ? { id } : null);

/**
 * Small conversions every type resolver uses.
 *
 * The database keeps seed 001's lower-case values ('in_progress'); GraphQL enums are upper-case
 * (IN_PROGRESS). Statuses and roles cross this line here only.
 */
export const toEnum = <T extends string>(value: string) => value.toUpperCase() as T;

/** What `loadMany` found, without the misses (null: not there, or not visible to the caller). */
export function present<T>(values: ReadonlyArray<T | Error | null>): T[] {
  const found: T[] = [];
  for (const value of values) {
    if (value instanceof Error) throw value;
    if (value !== null) found.push(value);
  }
  return found;
}

/** Conversions between what the database stores and what the graph serves. */

/**
 * Status-like columns are lower-case varchar with a CHECK constraint (as in the seed); the graph
 * serves them as upper-case enums. (The task enums are Postgres enums, mapped by Prisma itself.)
 */
export const toGraphEnum = <E extends string>(value: string): E => value.toUpperCase() as E;
export const toColumnValue = (value: string): string => value.toLowerCase();

/** JSON arrays the agent stores as lists of strings (capabilities, args, positions, …). */
export const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Milliseconds and other bigint counters that fit a GraphQL Int. */
export const toInt = (value: bigint | number): number => Number(value);

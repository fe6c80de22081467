import { badInput } from './errors.js';

/** PostgreSQL's uuid syntax (any version), as the graph's ids are written. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are uuids: anything else can name no row, and sent to PostgreSQL as a uuid it would fail
 * the whole statement, so lookups by anything else find nothing without asking.
 */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** An id argument: the uuid, lower-cased, or BAD_USER_INPUT naming the argument. */
export function uuidArg(field: string, value: string): string {
  if (!isUuid(value)) throw badInput(field, 'is not a valid id');
  return value.toLowerCase();
}

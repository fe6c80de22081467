/** Input rules of the agent's writes, applied with the kit's parseInput before anything is written. */
import { z } from 'zod';
import type { Prisma } from './generated/prisma/client.js';

const DECIMAL = /^-?\d{1,28}(\.\d{1,10})?$/;

export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
export const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).nullish();
export const uuid = z.guid({ error: 'is not an id' });
// Typed as Prisma's JSON input: GraphQL's JSON scalar already guarantees JSON values.
export const jsonObject = z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }).transform((v) => v as Prisma.InputJsonObject);
export const jsonArray = z.array(z.unknown(), { error: 'must be a JSON array' }).transform((v) => v as Prisma.InputJsonArray);
/** A lower-case identifier such as `memory.reindex` or `completion`. */
export const identifier = (max: number) => z.string().max(max).regex(/^[a-z][a-z0-9_.:-]*$/, 'must be lower-case letters, digits and _ . : -');
export const nonNegativeInt = (max = 2_147_483_647) => z.number().int('must be a whole number').min(0, 'must not be negative').max(max);
/** A Decimal scalar (a string) between `min` and `max`. */
export const decimalBetween = (min: number, max: number) =>
  z.string().regex(DECIMAL, 'must be a decimal number').refine((v) => Number(v) >= min && Number(v) <= max, `must be between ${min} and ${max}`);
export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(500);

export const distinct = (values: readonly string[]) => new Set(values).size === values.length;

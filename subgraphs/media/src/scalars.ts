import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from '@sixfold/kit';

const WHOLE = /^-?\d{1,19}$/;

/**
 * Byte counts exceed GraphQL's 32-bit Int (a tier allows 500 GiB). Served as a JSON number while
 * exact (below 2^53), as a string beyond; read as a JS bigint. (graphql-scalars' BigInt does the
 * same but warns on every input unless BigInt.prototype is patched globally.)
 */
export const BigIntScalar = new GraphQLScalarType<bigint, number | string>({
  name: 'BigInt',
  serialize(value) {
    const n = typeof value === 'bigint' ? value : BigInt(value as number | string);
    return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(n) : n.toString();
  },
  parseValue(value) {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
    if (typeof value === 'string' && WHOLE.test(value)) return BigInt(value);
    throw badInput('BigInt', `"${String(value)}" is not a whole number`);
  },
  parseLiteral(ast) {
    if ((ast.kind === Kind.INT || ast.kind === Kind.STRING) && WHOLE.test(ast.value)) return BigInt(ast.value);
    throw badInput('BigInt', 'expects a whole number');
  },
});

import { GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { badInput } from './errors.js';

const DECIMAL_PATTERN = /^-?\d{1,28}(\.\d{1,10})?$/;

/**
 * Exact decimal numbers (money, scores) travel as strings, never floats.
 * Accepts a decimal string (or, leniently, an integer literal) as input.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number as a string, never a float: "12.5", "0.000015". Trailing zeros are dropped ("2", not "2.0000").',
  serialize(value) {
    if (value === null || value === undefined) return value as unknown as string;
    // A Prisma Decimal's toString() switches to exponent notation ("1e-7"); toFixed() without
    // digits never does, and never rounds.
    if (typeof value === 'object' && 'toFixed' in value) return (value as { toFixed(): string }).toFixed();
    return String(value);
  },
  parseValue(value) {
    const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
    if (typeof text !== 'string' || !DECIMAL_PATTERN.test(text)) throw badInput('Decimal', `"${String(value)}" is not a decimal string`);
    return text;
  },
  parseLiteral(ast) {
    if ((ast.kind === Kind.STRING || ast.kind === Kind.INT) && DECIMAL_PATTERN.test(ast.value)) return ast.value;
    throw badInput('Decimal', 'expects a decimal string such as "12.50"');
  },
});

export const scalarResolvers = {
  DateTime: DateTimeResolver,
  JSON: JSONResolver,
  Decimal: DecimalScalar,
};

export const DEFAULT_LOCALE = 'en-US';

/** Localized text lives in JSONB as {"en-US": "…", "zh-CN": "…"}; unknown locales fall back to en-US. */
export function pickLocale(value: unknown, locale: string | null | undefined = DEFAULT_LOCALE): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  const texts = value as Record<string, unknown>;
  const wanted = locale ?? DEFAULT_LOCALE;
  const language = wanted.split('-')[0];
  const candidate =
    texts[wanted] ??
    Object.entries(texts).find(([key]) => key.split('-')[0] === language)?.[1] ??
    texts[DEFAULT_LOCALE] ??
    Object.values(texts)[0];
  return typeof candidate === 'string' ? candidate : null;
}

/**
 * Input checks shared by the catalog's mutations, run with the kit's parseInput before anything is
 * written. Every failure becomes BAD_USER_INPUT naming the offending field, list positions as
 * subscripts (`input.name[1].locale`) as in the catalog's other errors.
 */
import { DEFAULT_LOCALE } from '@sixfold/kit';
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.js';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

const isLocale = (tag: string) => {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
};

/** Lower-cased, as the loaders key rows (PostgreSQL reads either case, and answers in lower case). */
export const uuid = z.guid('must be an id this API issued').transform((id) => id.toLowerCase());
export const providerSlug = z
  .string()
  .max(50, 'must be at most 50 characters')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase letters and digits in words joined by single hyphens');
/** Model slugs may keep a version's dots, as OpenRouter's do (claude-3.5-sonnet). */
export const modelSlug = z
  .string()
  .max(100, 'must be at most 100 characters')
  .regex(/^[a-z0-9]+([-.][a-z0-9]+)*$/, 'must be lowercase letters and digits in words joined by single hyphens or dots');
export const httpUrl = z
  .string()
  .max(500, 'must be at most 500 characters')
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'must be an http(s) URL');
export const region = z.string().max(20, 'must be at most 20 characters').regex(/^[a-z]+(-[a-z0-9]+)+$/, 'must be a region code such as eu-west');
export const currency = z.string().refine((code) => CURRENCIES.has(code), 'must be an ISO 4217 currency code such as USD or EUR');
/** A BCP 47 tag, stored in its canonical form (en-us → en-US). */
export const locale = z
  .string()
  .max(10, 'must be at most 10 characters')
  .refine(isLocale, 'must be a BCP 47 locale such as en-US')
  .transform((tag) => Intl.getCanonicalLocales(tag)[0]!);
export const jsonObject = z
  .record(z.string(), z.unknown(), 'must be a JSON object')
  .refine((value) => JSON.stringify(value).length <= 16_384, 'must be at most 16 KB of JSON')
  .transform((value) => value as Prisma.InputJsonObject);
/** A day (the Date scalar has already parsed it). */
export const day = z.date('must be a date such as 2025-06-10');

/** Localized text as `[{locale, text}]`, stored as {"en-US": "…", …}; en-US is required. */
export const localizedText = (maxLength: number) =>
  z
    .array(z.object({ locale, text: z.string().trim().min(1, 'must not be empty').max(maxLength, `must be at most ${maxLength} characters`) }))
    .superRefine((entries, ctx) => {
      const seen = new Set<string>();
      entries.forEach((entry, i) => {
        if (seen.has(entry.locale)) ctx.addIssue({ code: 'custom', path: [i, 'locale'], message: `${entry.locale} is given twice` });
        seen.add(entry.locale);
      });
    })
    .transform((entries) => Object.fromEntries(entries.map((e) => [e.locale, e.text])) as Record<string, string>);

export const withEnglish = (texts: Record<string, string>) => DEFAULT_LOCALE in texts;

/** A non-negative decimal that fits numeric(precision, scale). */
export const decimal = (precision: number, scale: number, range: { max?: string } = {}) =>
  z
    .string()
    .refine((value) => new RegExp(`^\\d{1,${precision - scale}}(\\.\\d{1,${scale}})?$`).test(value), `must be a non-negative number with at most ${precision - scale} digits before the point and ${scale} after`)
    .refine((value) => range.max === undefined || new Prisma.Decimal(value).lte(range.max), `must be at most ${range.max}`);

/** Per-unit prices: numeric(10, 4). */
export const money = decimal(10, 4);

export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

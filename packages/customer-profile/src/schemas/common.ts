import { z } from 'zod';

/** An amount of money in minor units (cents, fen): integers, so sums are exact. */
export const moneySchema = z.number().int('must be a whole number of minor units (cents)').min(0).max(1e12);

/** ISO 4217 code, e.g. "USD". */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD');

/** Dates arrive as ISO strings from JSON and CSV; `Date` objects pass through. */
export const dateSchema = z.coerce.date();

/** Lower-cased, trimmed email. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('must be a valid email address').max(254));

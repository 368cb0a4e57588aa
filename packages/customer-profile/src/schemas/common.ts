import { z } from 'zod';

/** An amount of money in minor units (cents, fen): the contracts' (the tier policy's thresholds are money too). */
export { moneySchema } from '@loyaldesk/contracts/money';

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

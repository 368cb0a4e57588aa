import { z } from 'zod';

/** Bounds of an amount of money in minor units (cents, fen): up to ten billion in major units. */
export const moneyLimits = { min: 0, max: 1e12 } as const;

/** An amount of money in minor units (cents, fen): integers, so sums are exact. */
export const moneySchema = z
  .number()
  .int('must be a whole number of minor units (cents)')
  .min(moneyLimits.min)
  .max(moneyLimits.max);

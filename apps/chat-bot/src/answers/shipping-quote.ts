import { toMinorUnits } from '../i18n/format.ts';
import type { ShippingOption, ShippingPolicy, ShippingZone } from './shipping-policy.ts';

/** The zone a destination country falls in: the zone listing it, else the rest-of-world zone, else none. */
export function zoneFor(policy: ShippingPolicy, country: string): ShippingZone | null {
  return (
    policy.zones.find((zone) => zone.countries.includes(country)) ??
    policy.zones.find((zone) => zone.restOfWorld) ??
    null
  );
}

/** One option's price to one zone, in minor units. */
export interface RateQuote {
  option: ShippingOption;
  cost: number;
  /** Free when the order subtotal reaches this; null when never free. */
  freeOver: number | null;
  transitDays: { min: number; max: number };
}

/** Every option that ships to `zone`, in the policy's order (the first is the default option). */
export function ratesForZone(policy: ShippingPolicy, zone: ShippingZone): RateQuote[] {
  const quotes: RateQuote[] = [];
  for (const option of policy.options) {
    const rate = option.rates.find((candidate) => candidate.zone === zone.id);
    if (!rate) continue;
    quotes.push({
      option,
      cost: toMinorUnits(rate.cost, policy.currency),
      freeOver: rate.freeOver === undefined ? null : toMinorUnits(rate.freeOver, policy.currency),
      transitDays: rate.transitDays,
    });
  }
  return quotes;
}

/**
 * What shipping costs for an order of `subtotal` (minor units) with `quote`.
 * @example shippingCost({ cost: 1200, freeOver: 10000, … }, 12000) // 0
 */
export function shippingCost(quote: Pick<RateQuote, 'cost' | 'freeOver'>, subtotal: number): number {
  return quote.freeOver !== null && subtotal >= quote.freeOver ? 0 : quote.cost;
}

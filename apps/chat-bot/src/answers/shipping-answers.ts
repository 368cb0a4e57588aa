import type { Language } from '@loyaldesk/contracts/language';
import type { ZoneQuoteView } from '../i18n/catalog.ts';
import { catalogFor } from '../i18n/catalogs.ts';
import { formatCalendarDay, formatMoney, formatTimeOfDay, intlLocale } from '../i18n/format.ts';
import { button, type BotReply } from './bot-reply.ts';
import { estimateDelivery } from './delivery-estimate.ts';
import type { ShippingPolicy, ShippingZone } from './shipping-policy.ts';
import { ratesForZone, zoneFor } from './shipping-quote.ts';

function countryName(country: string, language: Language): string {
  try {
    return new Intl.DisplayNames([intlLocale[language]], { type: 'region' }).of(country) ?? country;
  } catch {
    return country;
  }
}

function zoneQuote(policy: ShippingPolicy, zone: ShippingZone, language: Language): ZoneQuoteView {
  return {
    zone: zone.name[language],
    rates: ratesForZone(policy, zone).map((rate) => ({
      option: rate.option.name[language],
      cost: rate.cost === 0 ? null : formatMoney(rate.cost, policy.currency, language),
      freeOver:
        rate.freeOver === null || rate.cost === 0 ? null : formatMoney(rate.freeOver, policy.currency, language),
      days: rate.transitDays,
    })),
  };
}

/**
 * Shipping costs from the shop's policy: every option to the destination's zone, or, with no
 * destination, the default option to every zone.
 */
export function shippingCostAnswer(policy: ShippingPolicy, country: string | null, language: Language): BotReply {
  const text = catalogFor(language);
  const next = [
    button(text.labels.deliveryTime, { kind: 'shipping.time' }),
    button(text.labels.talkToPerson, { kind: 'handoff.request' }),
  ];
  if (country === null) {
    const views = policy.zones.map((zone) => zoneQuote(policy, zone, language));
    return { body: text.shippingOverview(views), language, quickReplies: next };
  }
  const zone = zoneFor(policy, country);
  if (!zone) return { body: text.noShippingTo(countryName(country, language)), language, quickReplies: next.slice(1) };
  return { body: text.shippingToZone(zoneQuote(policy, zone, language)), language, quickReplies: next };
}

/**
 * "If I order now, when will it arrive": ship day from the cut-off and business days in the shop's
 * time zone, then each option's transit days to the destination (or to the shop's first zone).
 */
export function deliveryTimeAnswer(
  policy: ShippingPolicy,
  country: string | null,
  now: Date,
  language: Language,
): BotReply {
  const text = catalogFor(language);
  const zone = country === null ? (policy.zones[0] ?? null) : zoneFor(policy, country);
  const next = [
    button(text.labels.shippingCost, { kind: 'shipping.cost' }),
    button(text.labels.trackOrder, { kind: 'order.track' }),
  ];
  if (!zone) return { body: text.noShippingTo(countryName(country ?? '', language)), language, quickReplies: next };
  const rates = ratesForZone(policy, zone);
  const estimates = rates.map((rate) => ({
    rate,
    estimate: estimateDelivery(now, { timeZone: policy.timeZone, ...policy.dispatch }, rate.transitDays),
  }));
  const first = estimates[0]?.estimate;
  if (!first) return { body: text.noShippingTo(zone.name[language]), language, quickReplies: next };
  return {
    body: text.deliveryEstimate({
      zone: zone.name[language],
      assumedZone: country === null,
      shipsToday: first.shipsToday,
      shipsOn: formatCalendarDay(first.shipsOn, language),
      cutOff: formatTimeOfDay(policy.dispatch.cutOffTime, language),
      estimates: estimates.map(({ rate, estimate }) => ({
        option: rate.option.name[language],
        earliest: formatCalendarDay(estimate.earliest, language),
        latest: formatCalendarDay(estimate.latest, language),
      })),
    }),
    language,
    quickReplies: next,
  };
}

/** The returns policy. */
export function returnsAnswer(policy: ShippingPolicy, language: Language): BotReply {
  const text = catalogFor(language);
  return {
    body: text.returns({
      windowDays: policy.returns.windowDays,
      freeReturns: policy.returns.freeReturns,
      conditions: policy.returns.conditions?.[language] ?? null,
    }),
    language,
    quickReplies: [
      button(text.labels.trackOrder, { kind: 'order.track' }),
      button(text.labels.talkToPerson, { kind: 'handoff.request' }),
    ],
  };
}

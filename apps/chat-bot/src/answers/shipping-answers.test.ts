import { beforeAll, describe, expect, it } from 'vitest';
import { loadShippingPolicy, type ShippingPolicy } from './shipping-policy.ts';
import { deliveryTimeAnswer, returnsAnswer, shippingCostAnswer } from './shipping-answers.ts';
import { ratesForZone, shippingCost, zoneFor } from './shipping-quote.ts';

describe('shipping answers', () => {
  let policy: ShippingPolicy;
  beforeAll(async () => {
    policy = await loadShippingPolicy();
  });

  it("finds a country's zone, falling back to the rest of the world", () => {
    expect(zoneFor(policy, 'TW')?.id).toBe('greater-china');
    expect(zoneFor(policy, 'BR')?.id).toBe('world');
    expect(zoneFor({ ...policy, zones: policy.zones.filter((zone) => !zone.restOfWorld) }, 'BR')).toBeNull();
  });

  it('prices in minor units and applies the free-shipping threshold', () => {
    const canada = zoneFor(policy, 'CA');
    const [standard] = canada ? ratesForZone(policy, canada) : [];
    expect(standard).toMatchObject({ cost: 1200, freeOver: 10000 });
    expect(standard && shippingCost(standard, 9999)).toBe(1200);
    expect(standard && shippingCost(standard, 10000)).toBe(0);
  });

  it('answers cost questions in each language', () => {
    expect(shippingCostAnswer(policy, 'CA', 'zh-Hant').body).toBe(
      '寄往加拿大的運費：\n• 標準配送：US$12.00（訂單滿 US$100.00 免運費），5–8個工作天\n• 特快配送：US$25.00，2–3個工作天',
    );
    expect(shippingCostAnswer(policy, 'BR', 'en').body).toBe(
      'Shipping to the rest of the world:\n• Standard: $25.00, 10–20 business days',
    );
    const noWorld = { ...policy, zones: policy.zones.filter((zone) => !zone.restOfWorld) };
    expect(shippingCostAnswer(noWorld, 'BR', 'en').body).toBe("Sorry, we don't ship to Brazil at the moment.");
  });

  it('gives arrival dates counted in business days from the cut-off', () => {
    // Friday 2026-03-06 15:30 in Toronto: after the 14:00 cut-off, ships Monday.
    const answer = deliveryTimeAnswer(policy, 'US', new Date('2026-03-06T20:30:00Z'), 'en');
    expect(answer.body).toBe(
      [
        'Order now and it ships Mon, Mar 9 (orders after 2:00 PM shop time or on a day off ship the next business day).',
        '• Standard to the United States: arrives Thu, Mar 12 – Mon, Mar 16',
        '• Express to the United States: arrives Tue, Mar 10 – Wed, Mar 11',
      ].join('\n'),
    );
    const today = deliveryTimeAnswer(policy, null, new Date('2026-03-04T15:00:00Z'), 'zh-Hans');
    expect(today.body.split('\n')[0]).toBe('现在下单（店铺时间 14:00 前），今天就能发货。');
    expect(today.body).toContain('告诉我目的地国家或地区');
  });

  it('states the returns policy', () => {
    expect(returnsAnswer(policy, 'en').body).toBe(
      'You can return items within 30 days of delivery, free of charge.\nItems must be unused and in their original packaging. Start a return from your order page.',
    );
  });
});

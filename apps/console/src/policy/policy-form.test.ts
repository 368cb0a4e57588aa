import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { numberFromInput, serverFieldError, setPath, slaPolicyFormSchema, tierPolicyFormSchema, toMinor, validateForm } from './policy-form.ts';

const sla = {
  firstResponseMinutes: { bronze: 180, silver: 90, gold: 40, platinum: 20 },
  resolutionMinutes: { bronze: 2880, silver: 1440, gold: 720, platinum: 480 },
  valueAdjustments: [{ minPercentile: 95, factor: 0.5 }],
  issueKindFactors: {
    order_missing: 0.5, order_damaged: 0.6, wrong_item: 0.7, order_delayed: 0.75, payment: 0.8, refund: 0.9,
    return: 1, shipping_question: 1.2, product_question: 1.5, account: 1.2, general: 1.5,
  },
};
const tiersPolicy = {
  tierWindowDays: 365,
  thresholds: { silver: { minSpend: 25_000, minOrders: 3 }, gold: { minSpend: 100_000, minOrders: 6 }, platinum: { minSpend: 300_000, minOrders: 12 } },
  expectedLifespanYears: 3,
};

describe('policy form validation', () => {
  it('accepts valid policies', () => {
    expect(validateForm(slaPolicyFormSchema, sla)).toEqual({});
    expect(validateForm(tierPolicyFormSchema, tiersPolicy)).toEqual({});
  });
  it('puts a client-side problem at its field as an i18n key', () => {
    const errors = validateForm(slaPolicyFormSchema, setPath(sla, 'firstResponseMinutes.gold', 0));
    expect(errors['firstResponseMinutes.gold']).toEqual({ key: 'validation.atLeast', values: { min: 1 } });
    expect(validateForm(slaPolicyFormSchema, setPath(sla, 'firstResponseMinutes.gold', 12.5))['firstResponseMinutes.gold']).toEqual({ key: 'validation.wholeNumber' });
    expect(validateForm(tierPolicyFormSchema, setPath(tiersPolicy, 'thresholds.gold.minOrders', numberFromInput('')))['thresholds.gold.minOrders']).toEqual({ key: 'validation.required' });
  });
  it('checks the bounds the server checks (the contracts’ limits): spend thresholds up to 10^12 minor units', () => {
    const largest = setPath(tiersPolicy, 'thresholds.platinum.minSpend', 1_000_000_000_000);
    expect(validateForm(tierPolicyFormSchema, largest)).toEqual({});
    const tooLarge = setPath(tiersPolicy, 'thresholds.platinum.minSpend', 1_000_000_000_001);
    expect(validateForm(tierPolicyFormSchema, tooLarge)['thresholds.platinum.minSpend']).toEqual({ key: 'validation.atMost', values: { max: 1_000_000_000_000 } });
    expect(validateForm(slaPolicyFormSchema, setPath(sla, 'resolutionMinutes.bronze', 129_601))['resolutionMinutes.bronze']).toEqual({ key: 'validation.atMost', values: { max: 129_600 } });
  });
  it('maps a server refusal to the field it names, without the prefix', () => {
    const error = new ApiError(400, 'loyaldesk:validation_failed', "Invalid body: thresholds.gold.minSpend: must be more than silver's", 'thresholds.gold.minSpend');
    expect(serverFieldError(error)).toEqual({ field: 'thresholds.gold.minSpend', problem: { text: "must be more than silver's" } });
    expect(serverFieldError(new ApiError(400, 'x', 'Invalid body', 'body'))).toBeNull();
    expect(serverFieldError(new ApiError(500, 'x', 'boom'))).toBeNull();
  });
  it('converts money and sets nested paths without touching the original', () => {
    expect(toMinor(250.5)).toBe(25_050);
    expect(Number.isNaN(toMinor(Number.NaN))).toBe(true);
    const changed = setPath(tiersPolicy, 'thresholds.silver.minOrders', 4);
    expect(changed.thresholds.silver.minOrders).toBe(4);
    expect(tiersPolicy.thresholds.silver.minOrders).toBe(3);
  });
});

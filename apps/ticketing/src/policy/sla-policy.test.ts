import { describe, expect, it } from 'vitest';
import type { SlaPolicy } from '@loyaldesk/contracts/policies';
import { ValidationError } from '@loyaldesk/platform/errors';
import { defaultSlaPolicy, parseSlaPolicy, valueAdjustmentFor } from './sla-policy.ts';

function validationErrorOf(input: unknown): ValidationError {
  try {
    parseSlaPolicy(input);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected parseSlaPolicy to refuse the input');
}

const withFirstResponse = (minutes: Partial<SlaPolicy['firstResponseMinutes']>): unknown => ({
  ...defaultSlaPolicy,
  firstResponseMinutes: { ...defaultSlaPolicy.firstResponseMinutes, ...minutes },
});

describe('parseSlaPolicy', () => {
  it('accepts the defaults unchanged', () => {
    expect(parseSlaPolicy(structuredClone(defaultSlaPolicy))).toEqual(defaultSlaPolicy);
  });

  it('names the field path of a bad value, with a 400 validation error', () => {
    const error = validationErrorOf(withFirstResponse({ gold: 0 }));
    expect(error.field).toBe('firstResponseMinutes.gold');
    expect(error.status).toBe(400);
    expect(error.code).toBe('loyaldesk:validation_failed');
    expect(error.message).toContain('firstResponseMinutes.gold: must be at least 1 minute');
  });

  it('refuses fractional minutes', () => {
    expect(validationErrorOf(withFirstResponse({ silver: 12.5 })).field).toBe('firstResponseMinutes.silver');
  });

  it('names a missing issue kind', () => {
    const { order_missing: _missing, ...rest } = defaultSlaPolicy.issueKindFactors;
    const error = validationErrorOf({ ...defaultSlaPolicy, issueKindFactors: rest });
    expect(error.field).toBe('issueKindFactors.order_missing');
  });

  it('refuses an unknown issue kind', () => {
    const error = validationErrorOf({
      ...defaultSlaPolicy,
      issueKindFactors: { ...defaultSlaPolicy.issueKindFactors, haunted_parcel: 1 },
    });
    expect(error.field).toBe('issueKindFactors.haunted_parcel');
  });

  it('refuses a higher tier with a longer target than the tier below', () => {
    const error = validationErrorOf(withFirstResponse({ platinum: 60 }));
    expect(error.field).toBe('firstResponseMinutes.platinum');
    expect(error.message).toContain("must not be longer than gold's (40)");
  });

  it('refuses a resolution target shorter than the first-response target', () => {
    const error = validationErrorOf({
      ...defaultSlaPolicy,
      resolutionMinutes: { ...defaultSlaPolicy.resolutionMinutes, platinum: 10 },
    });
    expect(error.field).toBe('resolutionMinutes.platinum');
  });

  it('refuses a value factor that lengthens targets', () => {
    const error = validationErrorOf({ ...defaultSlaPolicy, valueAdjustments: [{ minPercentile: 90, factor: 1.5 }] });
    expect(error.field).toBe('valueAdjustments.0.factor');
  });

  it('refuses a more valuable customer getting a longer target than a less valuable one', () => {
    const error = validationErrorOf({
      ...defaultSlaPolicy,
      valueAdjustments: [
        { minPercentile: 95, factor: 0.8 },
        { minPercentile: 80, factor: 0.5 },
      ],
    });
    expect(error.field).toBe('valueAdjustments.0.factor');
  });

  it('refuses a percentile finer than one decimal', () => {
    const error = validationErrorOf({ ...defaultSlaPolicy, valueAdjustments: [{ minPercentile: 99.95, factor: 0.5 }] });
    expect(error.field).toBe('valueAdjustments.0.minPercentile');
  });

  it('refuses the same percentile twice', () => {
    const error = validationErrorOf({
      ...defaultSlaPolicy,
      valueAdjustments: [
        { minPercentile: 90, factor: 0.5 },
        { minPercentile: 90, factor: 0.5 },
      ],
    });
    expect(error.field).toBe('valueAdjustments.1.minPercentile');
  });

  it('lists every problem in the message', () => {
    const error = validationErrorOf(withFirstResponse({ bronze: -1, gold: 'soon' as unknown as number }));
    expect(error.message).toContain('firstResponseMinutes.bronze');
    expect(error.message).toContain('firstResponseMinutes.gold');
  });
});

describe('valueAdjustmentFor', () => {
  it('applies the highest threshold the customer reaches', () => {
    expect(valueAdjustmentFor(defaultSlaPolicy, 97)?.factor).toBe(0.5);
    expect(valueAdjustmentFor(defaultSlaPolicy, 95)?.factor).toBe(0.5);
    expect(valueAdjustmentFor(defaultSlaPolicy, 85)?.factor).toBe(0.75);
    expect(valueAdjustmentFor(defaultSlaPolicy, 79.9)).toBeNull();
  });

  it('applies nothing to an unknown customer', () => {
    expect(valueAdjustmentFor(defaultSlaPolicy, null)).toBeNull();
  });

  it('does not depend on the order the rules are listed in', () => {
    const reversed = { ...defaultSlaPolicy, valueAdjustments: [...defaultSlaPolicy.valueAdjustments].reverse() };
    expect(valueAdjustmentFor(reversed, 99)?.factor).toBe(0.5);
  });
});

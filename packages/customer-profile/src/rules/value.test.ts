import { describe, expect, it } from 'vitest';
import { predictedLtv, valueBucket, valueBucketCount, valueBucketFloor, valuePercentile } from './value.ts';

describe('valueBucket', () => {
  it('puts values under $1 in bucket 0 and grows by 25% per bucket', () => {
    expect(valueBucket(0)).toBe(0);
    expect(valueBucket(99)).toBe(0);
    expect(valueBucket(100)).toBe(1);
    expect(valueBucket(124)).toBe(1);
    expect(valueBucket(125)).toBe(2);
    expect(valueBucket(1e12)).toBe(valueBucketCount - 1);
  });

  it('is consistent with each bucket floor', () => {
    for (let bucket = 1; bucket < 60; bucket++) {
      expect(valueBucket(valueBucketFloor(bucket) + 1)).toBe(bucket);
    }
  });
});

describe('valuePercentile', () => {
  it('counts everyone below plus half of the same bucket', () => {
    expect(valuePercentile([50, 30, 20], 2)).toBe(90);
    expect(valuePercentile([50, 30, 20], 0)).toBe(25);
    expect(valuePercentile([], 3)).toBe(0);
  });
});

describe('predictedLtv', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('is AOV × purchases per year × lifespan', () => {
    const twoYearsAgo = new Date(now.getTime() - 2 * 365.25 * 86_400_000);
    // AOV 100.00, 2 purchases a year, 3 years → 600.00
    expect(predictedLtv({ orderCount: 4, totalSpent: 40_000, firstOrderAt: twoYearsAgo }, 3, now)).toBe(60_000);
  });

  it('treats a tenure under a year as one year', () => {
    const lastMonth = new Date(now.getTime() - 30 * 86_400_000);
    expect(predictedLtv({ orderCount: 1, totalSpent: 5_000, firstOrderAt: lastMonth }, 3, now)).toBe(15_000);
  });

  it('is 0 without purchases', () => {
    expect(predictedLtv({ orderCount: 0, totalSpent: 0 }, 3, now)).toBe(0);
  });
});

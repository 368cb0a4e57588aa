import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bucketLowerEdge,
  bucketUpperEdge,
  histogramOf,
  latencyBucket,
  latencyBucketCount,
  mergeHistogramInto,
  quantile,
} from './latency-histogram.ts';

/** The nearest-rank quantile of the raw values: what the histogram approximates. */
function exactQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1] ?? NaN;
}

describe('latencyBucket', () => {
  it('uses the documented edges: under a second, then four buckets per doubling', () => {
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(0.999)).toBe(0);
    expect(latencyBucket(-5)).toBe(0);
    expect(latencyBucket(1)).toBe(1);
    expect(latencyBucket(2)).toBe(5);
    expect(latencyBucket(60)).toBe(24);
    expect(latencyBucket(64)).toBe(25);
    expect(latencyBucket(3600)).toBe(48);
    expect(latencyBucket(86_400)).toBe(66);
    expect(latencyBucket(1e12)).toBe(latencyBucketCount - 1);
    expect(bucketLowerEdge(24)).toBeCloseTo(53.82, 2);
    expect(bucketUpperEdge(24)).toBe(64);
    expect(bucketUpperEdge(latencyBucketCount - 1)).toBe(Infinity);
  });

  it('puts every value inside its bucket’s edges', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e8, noNaN: true }), (seconds) => {
        const bucket = latencyBucket(seconds);
        expect(seconds).toBeGreaterThanOrEqual(bucketLowerEdge(bucket));
        expect(seconds).toBeLessThan(bucketUpperEdge(bucket));
      }),
    );
  });
});

describe('quantile', () => {
  it('reads median and p90 of a known set within their buckets', () => {
    const values = [30, 45, 60, 90, 120, 180, 300, 600, 900, 3600];
    const histogram = histogramOf(values);
    const median = quantile(histogram, 0.5);
    const p90 = quantile(histogram, 0.9);
    // Nearest rank: the 5th (120 s) and the 9th (900 s) of ten.
    expect(median?.low).toBeLessThanOrEqual(120);
    expect(median?.high).toBeGreaterThan(120);
    expect(median?.seconds).toBeCloseTo(117.4, 1);
    expect(p90?.low).toBeLessThanOrEqual(900);
    expect(p90?.high).toBeGreaterThan(900);
    expect(p90?.seconds).toBeCloseTo(939.0, 0);
    expect(quantile(histogramOf([]), 0.5)).toBeNull();
  });

  it('is within one bucket of the exact quantile for any data, and merging histograms changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 10, max: 5e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.array(fc.double({ min: 10, max: 5e6, noNaN: true }), { maxLength: 300 }),
        fc.constantFrom(0.5, 0.9),
        (a, b, q) => {
          const merged = histogramOf(a);
          mergeHistogramInto(merged, histogramOf(b));
          const estimate = quantile(merged, q);
          const exact = exactQuantile([...a, ...b], q);
          expect(estimate).not.toBeNull();
          expect(exact).toBeGreaterThanOrEqual(estimate?.low ?? Infinity);
          expect(exact).toBeLessThan(estimate?.high ?? -Infinity);
          // Half a bucket either way: a factor of 2^(1/8) ≈ 1.09 (plus the estimate's rounding to 0.1 s).
          expect(Math.abs(Math.log2((estimate?.seconds ?? 0) / exact))).toBeLessThanOrEqual(0.125 + 0.01);
        },
      ),
    );
  });
});

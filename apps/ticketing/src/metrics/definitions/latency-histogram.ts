/**
 * Latency histograms with fixed logarithmic buckets, in seconds. Bucket 0 holds [0 s, 1 s);
 * bucket i ≥ 1 holds [2^((i−1)/4) s, 2^(i/4) s): four buckets per doubling, each about 19% wide
 * (1 s, 1.19 s, 1.41 s, 1.68 s, 2 s, … 1 min ≈ bucket 24, 1 h ≈ bucket 48, 1 d ≈ bucket 66).
 * The last bucket (95) is open-ended from 2^23.5 s ≈ 137 days. Because the edges never change,
 * histograms from any days, tiers and agents merge by adding counts, and a median or p90 read
 * from the merged counts is within one bucket of the exact one.
 */
export const latencyBucketCount = 96;

const bucketsPerDoubling = 4;
const lastBucket = latencyBucketCount - 1;

/** The lower edge of bucket `index`, in seconds. */
export function bucketLowerEdge(index: number): number {
  return index <= 0 ? 0 : 2 ** ((index - 1) / bucketsPerDoubling);
}

/** The upper edge of bucket `index`, in seconds (Infinity for the last, open-ended bucket). */
export function bucketUpperEdge(index: number): number {
  return index >= lastBucket ? Infinity : 2 ** (index / bucketsPerDoubling);
}

/**
 * The bucket a latency falls in; negative and non-finite inputs count as 0 s.
 * @example latencyBucket(60) // 24: [2^5.75 s, 2^6 s) = [53.8 s, 64 s)
 */
export function latencyBucket(seconds: number): number {
  if (!(seconds >= 1)) return 0;
  let index = Math.min(lastBucket, 1 + Math.floor(Math.log2(seconds) * bucketsPerDoubling));
  // Math.log2 may land a hair off on an exact edge; the edges themselves decide.
  while (index > 1 && bucketLowerEdge(index) > seconds) index--;
  while (index < lastBucket && bucketLowerEdge(index + 1) <= seconds) index++;
  return index;
}

/** Counts per bucket, dense (index = bucket). */
export type LatencyHistogram = number[];

export function emptyHistogram(): LatencyHistogram {
  return new Array<number>(latencyBucketCount).fill(0);
}

/** Adds `source` into `target` (same edges, so merging is adding). */
export function mergeHistogramInto(target: LatencyHistogram, source: readonly number[]): void {
  for (let i = 0; i < latencyBucketCount; i++) target[i] = (target[i] ?? 0) + (source[i] ?? 0);
}

export function histogramCount(histogram: readonly number[]): number {
  let total = 0;
  for (const count of histogram) total += count;
  return total;
}

/** A quantile read from a histogram: the estimate and the bucket the exact value lies in. */
export interface QuantileEstimate {
  /** Seconds: the bucket's geometric midpoint (its lower edge for the open-ended last bucket). */
  seconds: number;
  low: number;
  high: number;
}

/**
 * The q-quantile (nearest rank: the smallest value with at least q·n values at or below it). The
 * exact value lies in [low, high); the estimate is within ±9% of it (half a bucket, in ratio),
 * except in bucket 0 (under a second) and the open-ended last bucket. Null for an empty histogram.
 * @example quantile(histogramOf([30, 60, 120]), 0.5)?.seconds // ≈ 58.7 (bucket 24: 53.8–64 s)
 */
export function quantile(histogram: readonly number[], q: number): QuantileEstimate | null {
  const total = histogramCount(histogram);
  if (total <= 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < latencyBucketCount; i++) {
    seen += histogram[i] ?? 0;
    if (seen >= rank) return estimateIn(i);
  }
  return estimateIn(lastBucket);
}

function estimateIn(index: number): QuantileEstimate {
  const low = bucketLowerEdge(index);
  const high = bucketUpperEdge(index);
  const seconds = index === 0 ? 0.5 : Number.isFinite(high) ? Math.sqrt(low * high) : low;
  return { seconds: Math.round(seconds * 10) / 10, low, high };
}

/** A histogram of the given latencies (seconds); for tests and fixtures. */
export function histogramOf(latencies: readonly number[]): LatencyHistogram {
  const histogram = emptyHistogram();
  for (const seconds of latencies) {
    const index = latencyBucket(seconds);
    histogram[index] = (histogram[index] ?? 0) + 1;
  }
  return histogram;
}

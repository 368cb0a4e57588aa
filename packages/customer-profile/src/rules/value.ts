/** Customer-value histogram: bucket 0 holds values under $1; bucket i ≥ 1 holds [$1·1.25^(i−1), $1·1.25^i). */
export const valueBucketCount = 80;
const bucketBase = 100; // minor units
const bucketRatio = 1.25;

/** The histogram bucket for a value in minor units. */
export function valueBucket(valueMinor: number): number {
  if (valueMinor < bucketBase) return 0;
  const index = 1 + Math.floor(Math.log(valueMinor / bucketBase) / Math.log(bucketRatio) + 1e-9);
  return Math.min(valueBucketCount - 1, index);
}

/** Lower bound (minor units) of a bucket. */
export function valueBucketFloor(bucket: number): number {
  return bucket === 0 ? 0 : Math.round(bucketBase * bucketRatio ** (bucket - 1));
}

/**
 * Percentile (0–100) of a customer in `bucket` among all counted customers: those below plus half
 * of those in the same bucket, so the answer is exact to within one bucket (25% in value).
 * @example valuePercentile([50, 30, 20], 2) // 90: 80 below, half of 20 alike
 */
export function valuePercentile(counts: readonly number[], bucket: number): number {
  let below = 0;
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i] ?? 0;
    total += count;
    if (i < bucket) below += count;
  }
  if (total <= 0) return 0;
  const same = counts[bucket] ?? 0;
  return Math.round(((below + same / 2) / total) * 1000) / 10;
}

const yearMs = 365.25 * 86_400_000;

/**
 * Predicted LTV = average order value × purchases per year × expected lifespan in years, with
 * purchases per year over the customer's tenure so far (at least one year, so a single recent
 * order does not extrapolate to hundreds).
 * @example predictedLtv({ orderCount: 4, totalSpent: 40_000, firstOrderAt: twoYearsAgo }, 3, now) // 60_000
 */
export function predictedLtv(
  stats: { orderCount: number; totalSpent: number; firstOrderAt?: Date | undefined },
  expectedLifespanYears: number,
  now: Date,
): number {
  if (stats.orderCount === 0 || !stats.firstOrderAt) return 0;
  const averageOrderValue = stats.totalSpent / stats.orderCount;
  const tenureYears = Math.max(1, (now.getTime() - stats.firstOrderAt.getTime()) / yearMs);
  const perYear = stats.orderCount / tenureYears;
  return Math.round(averageOrderValue * perYear * expectedLifespanYears);
}

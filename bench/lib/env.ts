import { parseEnv, platformEnvSchema } from '@loyaldesk/platform/env';
import { z } from 'zod';

const orderCounts = z
  .string()
  .transform((value) => value.split(',').map((part) => Number(part.trim().replace(/_/g, ''))))
  .pipe(z.array(z.number().int('must be whole numbers').min(1000, 'must be at least 1000 each').max(10_000_000)).min(1))
  .transform((counts) => [...new Set(counts)].sort((a, b) => a - b));

const ticketCounts = z
  .string()
  .transform((value) => value.split(',').map((part) => Number(part.trim().replace(/_/g, ''))))
  .pipe(z.array(z.number().int('must be whole numbers').min(1000, 'must be at least 1000 each').max(10_000_000)).min(1))
  .transform((counts) => [...new Set(counts)].sort((a, b) => a - b));

/** The benchmarks' environment: the platform's, plus knobs for quicker runs while developing a benchmark. */
export const benchEnvSchema = platformEnvSchema.extend({
  /** Open tickets the `claim` benchmark queues. */
  BENCH_CLAIM_TICKETS: z.coerce.number().int().min(20_000).max(10_000_000).default(1_000_000),
  /** How often the `claim` benchmark times load-all-and-sort (tens of seconds each at 1M tickets). */
  BENCH_LOAD_AND_SORT_RUNS: z.coerce.number().int().min(1).max(20).default(3),
  /** Ticket counts whose rollups the `metrics` benchmark builds, comma-separated, ascending. */
  BENCH_METRICS_TICKETS: ticketCounts.default([100_000, 1_000_000]),
  /** Collection sizes the `profile` benchmark measures at, comma-separated, grown in ascending order. */
  BENCH_PROFILE_ORDERS: orderCounts.default([10_000, 1_000_000]),
  /** Timed calls per side (measured and baseline) for each latency measure. */
  BENCH_SAMPLES: z.coerce.number().int().min(100).max(1_000_000).default(3000),
  /** Orders per insertMany when loading data (customers go in batches a quarter this size). */
  BENCH_LOAD_BATCH: z.coerce.number().int().min(100).max(100_000).default(10_000),
});

export type BenchEnv = z.infer<typeof benchEnvSchema>;

/** Parses `process.env` (throws a ConfigError naming each bad variable). */
export function readBenchEnv(): BenchEnv {
  return parseEnv(benchEnvSchema);
}

import path from 'node:path';
import { parseEnv, platformEnvSchema } from '@loyaldesk/platform/env';
import { defaultDataDir } from '@loyaldesk/platform/local-servers';
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

const nodeArgs = z
  .string()
  .optional()
  .transform((value) => (value ?? '').split(/\s+/).filter((flag) => flag.length > 0))
  .pipe(z.array(z.string().startsWith('--', 'must be node flags starting with --')));

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
  /** Where datasets kept between runs live (the `chat` benchmark's orders): git-ignored, under `.data/`. */
  BENCH_DATA_DIR: z.string().min(1).default(path.join(defaultDataDir, 'bench')),
  /** Orders in the `chat` benchmark's database (kept between runs, loaded once). */
  BENCH_CHAT_ORDERS: z.coerce.number().int().min(1000).max(10_000_000).default(100_000),
  /** Orders each side of the `webhooks` benchmark ingests per round (new orders, new customers). */
  BENCH_WEBHOOK_ORDERS: z.coerce.number().int().min(100).max(1_000_000).default(2000),
  /** Requests (or ingestions) in flight at once in the `webhooks` benchmark: a closed loop, so throughput at saturation. */
  BENCH_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** Rounds of the `webhooks` benchmark, each side alternating first; medians are reported. */
  BENCH_WEBHOOK_ROUNDS: z.coerce.number().int().min(1).max(9).default(3),
  /** Concurrent verified shoppers (socket.io connections, one open conversation each) of the `chat` benchmark. */
  BENCH_CHAT_SHOPPERS: z.coerce.number().int().min(10).max(5000).default(1000),
  /** Questions each shopper asks back to back in the closed-loop (saturation) phase; the chat's flood guard allows a burst of 20 events. */
  BENCH_CHAT_QUESTIONS: z.coerce.number().int().min(1).max(15).default(10),
  /** Offered load of the fixed-rate phase (CPU per answer, latency), questions per second across all shoppers: keep it under every side's saturation. */
  BENCH_CHAT_RATE: z.coerce.number().int().min(10).max(5000).default(200),
  /** How long the fixed-rate phase offers that load. */
  BENCH_CHAT_SECONDS: z.coerce.number().int().min(5).max(600).default(20),
  /** Untimed seconds at the fixed rate before the timed ones, so the figures are the steady state at that load. */
  BENCH_CHAT_WARMUP_SECONDS: z.coerce.number().int().min(1).max(60).default(3),
  /** Rounds; each runs every side once, in rotating order, and the report gives each round and the medians. */
  BENCH_CHAT_ROUNDS: z.coerce.number().int().min(1).max(9).default(3),
  /** Extra `node` flags for the chat app (e.g. `--cpu-prof`); its logs are then kept, and their folder printed. */
  BENCH_CHAT_NODE_ARGS: nodeArgs,
  /**
   * Another build of the chat app to measure in the same run, alternating with this one: the
   * folder holding its `src/main.ts` (e.g. `apps/chat-bot` of an older checkout with its own
   * node_modules). Its figures are reported beside this build's, each against the same baseline.
   */
  BENCH_CHAT_OTHER_APP_DIR: z.string().min(1).optional(),
  /** That build's name in the report. */
  BENCH_CHAT_OTHER_LABEL: z.string().regex(/^[a-z][a-z0-9_-]{0,19}$/, 'must be a short lower-case name').default('other'),
  /** `node` flags that build runs with (its own `npm start` flags, if any). */
  BENCH_CHAT_OTHER_NODE_ARGS: nodeArgs,
  /** Extra environment for that build, as space-separated NAME=value pairs (settings it names differently). */
  BENCH_CHAT_OTHER_ENV: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(/\s+/).filter((pair) => pair.length > 0))
    .pipe(z.array(z.string().regex(/^[A-Z][A-Z0-9_]*=\S*$/, 'must be NAME=value pairs')))
    .transform((pairs) => Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]))),
});

export type BenchEnv = z.infer<typeof benchEnvSchema>;

/** Parses `process.env` (throws a ConfigError naming each bad variable). */
export function readBenchEnv(): BenchEnv {
  return parseEnv(benchEnvSchema);
}

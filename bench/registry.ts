import type { Benchmark } from './lib/benchmark.ts';
import { chatBenchmark } from './benchmarks/chat.ts';
import { claimBenchmark } from './benchmarks/claim.ts';
import { metricsBenchmark } from './benchmarks/metrics.ts';
import { profileBenchmark } from './benchmarks/profile.ts';
import { relayBenchmark } from './benchmarks/relay.ts';
import { webhooksBenchmark } from './benchmarks/webhooks.ts';

/** Every benchmark `npm run bench` knows, in the order `npm run bench` runs them. */
export const benchmarks: readonly Benchmark[] = [profileBenchmark, claimBenchmark, metricsBenchmark, webhooksBenchmark, chatBenchmark, relayBenchmark];

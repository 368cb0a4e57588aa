import type { Benchmark } from './lib/benchmark.ts';
import { profileBenchmark } from './benchmarks/profile.ts';

/** Every benchmark `npm run bench` knows, in the order `npm run bench` runs them. */
export const benchmarks: readonly Benchmark[] = [profileBenchmark];

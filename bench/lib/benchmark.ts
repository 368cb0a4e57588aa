import type { Connection } from '@loyaldesk/platform/mongo';
import type { Redis } from '@loyaldesk/platform/redis';
import type { BenchEnv } from './env.ts';

/**
 * One result line: `value` of the code under test next to `baseline`, the same quantity for the
 * reference measured in the same run (null when a measure has no reference, e.g. a load time).
 */
export interface Measure {
  measure: string;
  value: number;
  unit: string;
  baseline: number | null;
  /** When the benchmark runs rounds and `value` is their median: each round's value, and the baseline's. */
  rounds?: readonly number[];
  baselineRounds?: readonly number[];
}

/** A database of the benchmark's own: dropped (external server) or thrown away (local server) on release. */
export interface BenchDatabase {
  connection: Connection;
  dbName: string;
  /** e.g. "FerretDB v1.24.2 (MongoDB 7.0.42 wire-compatible), started for this run". */
  description: string;
  /** Redis on the same footing (started for this run, or REDIS_URL), a client without keyPrefix. */
  redis: Redis;
  redisUrl: string;
  /** Prefix for every Redis key the benchmark writes (its keys are deleted on release). */
  redisPrefix: string;
  /** e.g. "Redis 7.0.15, started for this run". */
  redisDescription: string;
}

/** What the harness hands a benchmark. */
export interface BenchContext {
  env: BenchEnv;
  /** Aborted on Ctrl-C / SIGTERM: long loops stop at their next check. */
  signal: AbortSignal;
  /** A fresh database and Redis key space on throwaway servers (or a `bench_<random>` database on MONGODB_URI and key prefix on REDIS_URL), released by the harness. */
  openDatabase(): Promise<BenchDatabase>;
  /** Registers work to undo when the benchmark ends, fails or is interrupted (run last-in first-out). */
  onCleanup(label: string, undo: () => Promise<void>): void;
  /** Human-readable output (tables, notes) on stdout. */
  print(text: string): void;
}

/** A benchmark as the registry lists it (bench/benchmarks/<name>.ts). */
export interface Benchmark {
  name: string;
  description: string;
  run(context: BenchContext): Promise<Measure[]>;
}

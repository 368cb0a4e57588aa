/** Latency summary in microseconds. */
export interface LatencyStats {
  samples: number;
  p50: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

/** Summarizes durations in microseconds (nearest-rank percentiles, so every reported value was observed). */
export function summarize(durationsUs: readonly number[]): LatencyStats {
  if (durationsUs.length === 0) throw new Error('summarize: no samples');
  const sorted = [...durationsUs].sort((a, b) => a - b);
  const rank = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    samples: sorted.length,
    p50: rank(50),
    p99: rank(99),
    mean: total / sorted.length,
    min: sorted[0] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
  };
}

/** Runs `operation` once and returns how long it took in microseconds. */
export async function timeOnce(operation: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await operation();
  return Number(process.hrtime.bigint() - start) / 1000;
}

export interface CompareOptions {
  /** Untimed calls per side first (JIT, connection pool, server caches). */
  warmup: number;
  /** Timed calls per side. */
  samples: number;
  /** The code under test; `i` lets the caller pick a different key per call. */
  measured: (i: number) => Promise<unknown>;
  /** The reference it is compared with. */
  baseline: (i: number) => Promise<unknown>;
  /** Untimed work before each call of `measured` (e.g. a write the measured read must then see). */
  prepare?: (i: number) => Promise<unknown>;
  signal?: AbortSignal;
}

/**
 * Times `measured` against `baseline`, one call of each per step, swapping which goes first on
 * every step so that drift (server caches warming, background work, CPU frequency) and any
 * advantage of going second fall on both sides equally.
 */
export async function compareLatency(
  options: CompareOptions,
): Promise<{ measured: LatencyStats; baseline: LatencyStats }> {
  const measured: number[] = [];
  const baseline: number[] = [];
  for (let step = -options.warmup; step < options.samples; step++) {
    if (step % 64 === 0) options.signal?.throwIfAborted();
    const i = step + options.warmup;
    let measuredUs: number;
    let baselineUs: number;
    if (step % 2 === 0) {
      await options.prepare?.(i);
      measuredUs = await timeOnce(() => options.measured(i));
      baselineUs = await timeOnce(() => options.baseline(i));
    } else {
      baselineUs = await timeOnce(() => options.baseline(i));
      await options.prepare?.(i);
      measuredUs = await timeOnce(() => options.measured(i));
    }
    if (step >= 0) {
      measured.push(measuredUs);
      baseline.push(baselineUs);
    }
  }
  return { measured: summarize(measured), baseline: summarize(baseline) };
}

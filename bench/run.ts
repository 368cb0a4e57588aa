// `npm run bench` runs every benchmark; `npm run bench -- <name> [<name>…]` runs the ones named.
import { z } from 'zod';
import type { Benchmark, Measure } from './lib/benchmark.ts';
import { CleanupStack } from './lib/cleanup.ts';
import { openBenchDatabase } from './lib/database.ts';
import { readBenchEnv } from './lib/env.ts';
import { formatTable } from './lib/table.ts';
import { benchmarks } from './registry.ts';

const argsSchema = z.array(
  z
    .string()
    .trim()
    .min(1)
    .refine((arg) => !arg.startsWith('-'), 'unknown option; the only one is --help'),
);

class UsageError extends Error {}

function available(): string {
  return formatTable(
    ['benchmark', 'what it measures'],
    benchmarks.map((benchmark) => [benchmark.name, benchmark.description]),
    { indent: '  ' },
  );
}

function selectBenchmarks(argv: readonly string[]): readonly Benchmark[] {
  const parsed = argsSchema.safeParse(argv);
  if (!parsed.success) {
    throw new UsageError(
      `Invalid argument ${JSON.stringify(argv[Number(parsed.error.issues[0]?.path[0] ?? 0)])}: ${parsed.error.issues[0]?.message ?? 'bad argument'}.\nAvailable benchmarks:\n${available()}`,
    );
  }
  if (parsed.data.length === 0) return benchmarks;
  const unknown = parsed.data.filter((name) => !benchmarks.some((benchmark) => benchmark.name === name));
  if (unknown.length > 0) {
    throw new UsageError(
      `Unknown benchmark${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.\nAvailable benchmarks:\n${available()}\n` +
        'Run one with `npm run bench -- <name>`, or all with `npm run bench`.',
    );
  }
  return benchmarks.filter((benchmark) => parsed.data.includes(benchmark.name));
}

/** The machine-readable line for one measure; ratio = value / baseline, null without a baseline; each round's values when there are rounds. */
function measureLine(bench: string, measure: Measure): string {
  const ratio = measure.baseline === null || measure.baseline === 0 ? null : round(measure.value / measure.baseline);
  const baseline = measure.baseline === null ? null : round(measure.baseline);
  return JSON.stringify({
    bench,
    measure: measure.measure,
    value: round(measure.value),
    unit: measure.unit,
    baseline,
    ratio,
    ...(measure.rounds ? { rounds: measure.rounds.map(round) } : {}),
    ...(measure.baselineRounds ? { baselineRounds: measure.baselineRounds.map(round) } : {}),
  });
}

function round(value: number): number {
  return Number(value.toPrecision(6));
}

async function main(): Promise<number> {
  if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h' || arg === '--list')) {
    console.log(`Usage: npm run bench [-- <name>…]\nAvailable benchmarks:\n${available()}`);
    return 0;
  }
  const selected = selectBenchmarks(process.argv.slice(2));
  const env = readBenchEnv();

  const controller = new AbortController();
  let cleanup = new CleanupStack();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupts++;
    if (interrupts > 1) {
      console.error(`\n${signal} again: exiting without cleaning up.`);
      process.exit(130);
    }
    console.error(`\n${signal}: stopping and cleaning up (press Ctrl-C again to exit at once)…`);
    controller.abort(new Error(`interrupted by ${signal}`));
    cleanup
      .run()
      .catch((error: unknown) => console.error(error instanceof Error ? error.message : error))
      .finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let failed = 0;
  for (const benchmark of selected) {
    cleanup = new CleanupStack();
    const stack = cleanup;
    console.log(`\n=== ${benchmark.name}: ${benchmark.description} ===`);
    const started = Date.now();
    try {
      const measures = await benchmark.run({
        env,
        signal: controller.signal,
        openDatabase: () => openBenchDatabase(env, (label, undo) => stack.add(label, undo)),
        onCleanup: (label, undo) => stack.add(label, undo),
        print: (text) => console.log(text),
      });
      await stack.run();
      console.log(`\n${benchmark.name} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
      for (const measure of measures) console.log(measureLine(benchmark.name, measure));
    } catch (error) {
      // The signal handler is already cleaning up and exits when done; wait for it.
      if (controller.signal.aborted)
        return stack.run().then(
          () => 130,
          () => 130,
        );
      failed++;
      console.error(
        `\n${benchmark.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      await stack
        .run()
        .catch((cleanupError: unknown) =>
          console.error(cleanupError instanceof Error ? cleanupError.message : cleanupError),
        );
    }
  }
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Usage and configuration mistakes: the message says what to do, a stack trace would bury it.
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);

// `npm run faults -- [--shoppers N] [--agents M] [--minutes T] [--json-out FILE]`: the fault suite.
// Defaults are the CI size (test/faults/fault-suite.test.ts runs them); the full run is
// `npm run faults -- --shoppers 2000 --agents 50 --minutes 10`. Exit code 0 when every check holds.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ciFaultRun, minimumLoadSeconds } from './fault-schedule.ts';
import { runFaultSuite } from './fault-run.ts';

const optionsSchema = z.object({
  shoppers: z.coerce.number().int().min(1).max(20_000).default(ciFaultRun.shoppers),
  agents: z.coerce.number().int().min(1).max(500).default(ciFaultRun.agents),
  minutes: z.coerce
    .number()
    .min(minimumLoadSeconds / 60, `must be at least ${minimumLoadSeconds / 60} (the four faults need ${minimumLoadSeconds} s)`)
    .max(240)
    .default(ciFaultRun.minutes),
  'json-out': z.string().min(1).optional(),
});

const usage = 'Usage: npm run faults -- [--shoppers N] [--agents M] [--minutes T] [--json-out FILE]';

async function main(): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        shoppers: { type: 'string' },
        agents: { type: 'string' },
        minutes: { type: 'string' },
        'json-out': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (values['help']) {
    console.log(usage);
    return 0;
  }
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    console.error(`--${String(issue?.path[0] ?? '?')} ${issue?.message ?? 'is invalid'}\n${usage}`);
    return 2;
  }
  const options = parsed.data;

  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupts++;
    console.error(`\n${signal}: stopping the run and everything it started…`);
    if (interrupts > 1) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const result = await runFaultSuite({
    shoppers: options.shoppers,
    agents: options.agents,
    minutes: options.minutes,
    log: (line) => console.log(line),
    signal: controller.signal,
  });
  console.log(`\n${result.report}\n`);
  for (const line of result.jsonLines) console.log(line);
  if (options['json-out']) writeFileSync(options['json-out'], JSON.stringify({ passed: result.passed, checks: result.checks, measures: result.measures }, null, 2));
  if (result.logDir) console.log(`\nThe processes' logs are kept in ${result.logDir}`);
  console.log(result.passed ? '\nfaults: every check passed' : `\nfaults: ${result.checks.filter((check) => !check.pass).length} check(s) FAILED`);
  return result.passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);

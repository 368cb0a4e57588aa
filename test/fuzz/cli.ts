// `npm run fuzz [-- --runs N] [--seed S] [--concurrency C] [--only REGEX]`: the full fuzz run
// (10,000 payloads per target by default). It runs the same Vitest suite `npm test` runs with
// 1,000, so the database server and Redis come from the same global setup.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { inheritedEnvironment } from '../support/env.ts';

const usage = 'Usage: npm run fuzz [-- --runs N] [--seed S] [--concurrency C] [--only REGEX]';

const optionsSchema = z.object({
  runs: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  seed: z.coerce.number().int().optional(),
  concurrency: z.coerce.number().int().min(1).max(256).optional(),
  only: z
    .string()
    .min(1)
    .refine((text) => {
      try {
        new RegExp(text);
        return true;
      } catch {
        return false;
      }
    }, 'must be a regular expression')
    .optional(),
});

function parseOptions(argv: string[]): z.infer<typeof optionsSchema> {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string' },
      seed: { type: 'string' },
      concurrency: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`--${String(issue?.path[0] ?? '?')}: ${issue?.message ?? 'invalid'}\n${usage}`);
  }
  return parsed.data;
}

let options: z.infer<typeof optionsSchema>;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}

const testDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn('npx', ['vitest', 'run', 'fuzz/fuzz.test.ts'], {
  cwd: testDir,
  stdio: 'inherit',
  env: {
    ...inheritedEnvironment(),
    LOYALDESK_FUZZ_RUNS: String(options.runs),
    ...(options.seed !== undefined ? { LOYALDESK_FUZZ_SEED: String(options.seed) } : {}),
    ...(options.concurrency !== undefined ? { LOYALDESK_FUZZ_CONCURRENCY: String(options.concurrency) } : {}),
    ...(options.only !== undefined ? { LOYALDESK_FUZZ_ONLY: options.only } : {}),
  },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));

import { z } from 'zod';
import { countFlag, parseCommandLine } from './command-line.ts';
import { demoCustomerCount } from './demo-data.ts';

export const seedUsage = `Usage: npm run seed -- [--customers 5000] [--seed 42] [--now <ISO time>] [--force]

  --customers   customers in total, the ${demoCustomerCount} fixed demo customers included (default 5000)
  --seed        same seed, same data (default 42)
  --now         reference time the two years of orders lead up to (default: the time
                recorded by an earlier seed of this database, else the current time)
  --batch-size  orders per bulk write (default 1000)
  --concurrency bulk writes in flight at once (default 2)
  --force       seed a database holding other data (another seed's, or not the seed's at all)

Re-running with the same --seed resumes an interrupted run or extends to more --customers;
it never writes an order twice.`;

export const maxSeedCustomers = 2_000_000;

/** What `npm run seed` accepts (keys as the flags are spelled); `clock` bounds `--now` (the future has no order history). */
export function seedArgsSchema(clock: () => Date = () => new Date()) {
  return z
    .object({
      customers: countFlag('--customers', { min: demoCustomerCount, max: maxSeedCustomers }).default(5000),
      seed: countFlag('--seed', { min: 0, max: 2 ** 32 - 1 }).default(42),
      now: z
        .string()
        .trim()
        .regex(
          /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/,
          '--now must be an ISO time such as 2026-11-23T12:00:00Z',
        )
        .transform((value) => new Date(value))
        .refine((date) => !Number.isNaN(date.getTime()), {
          message: '--now must be a real date, such as 2026-11-23T12:00:00Z',
          abort: true,
        })
        .refine((date) => date.getTime() <= clock().getTime() + 60_000, '--now cannot be in the future')
        .optional(),
      'batch-size': countFlag('--batch-size', { min: 10, max: 20_000 }).default(1000),
      concurrency: countFlag('--concurrency', { min: 1, max: 8 }).default(2),
      force: z.boolean().default(false),
      help: z.boolean().default(false),
    })
    .transform(({ 'batch-size': batchSize, ...rest }) => ({ ...rest, batchSize }));
}
export type SeedArgs = z.output<ReturnType<typeof seedArgsSchema>>;

/** Parses `npm run seed` arguments; throws a UsageError with a one-line reason. */
export function parseSeedArgs(argv: readonly string[], clock?: () => Date): SeedArgs {
  return parseCommandLine(
    argv,
    {
      customers: { type: 'string' },
      seed: { type: 'string' },
      now: { type: 'string' },
      'batch-size': { type: 'string' },
      concurrency: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    seedArgsSchema(clock),
  );
}

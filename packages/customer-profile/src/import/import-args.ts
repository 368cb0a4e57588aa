import { z } from 'zod';
import { countFlag, parseCommandLine } from '../seed/command-line.ts';

export const importUsage = `Usage: npm run import -- [--format shopify] <orders.jsonl | orders.csv> [--batch-size 1000]

  .jsonl / .ndjson  one order object per line, as the order webhook takes it
  .csv              one row per line item; columns in packages/customer-profile/src/import/index.ts
  --format shopify  the file is Shopify orders, one order's JSON per line (Shopify's bulk export)
  --batch-size      orders per bulk write (default 1000)

Bad orders are reported with their line and field and skipped; the rest are imported. Importing
the same file again changes nothing.`;

const importArgsSchema = z
  .object({
    positionals: z.array(z.string()),
    'batch-size': countFlag('--batch-size', { min: 1, max: 20_000 }).default(1000),
    format: z.enum(['shopify'], { error: '--format takes shopify (or leave it out for our own JSONL or CSV)' }).optional(),
    help: z.boolean().default(false),
  })
  .superRefine((args, ctx) => {
    if (args.help) return;
    if (args.positionals.length === 0)
      ctx.addIssue({ code: 'custom', message: 'give the file to import, e.g. npm run import -- orders.jsonl' });
    if (args.positionals.length > 1)
      ctx.addIssue({ code: 'custom', message: `give one file at a time (got ${args.positionals.length})` });
  })
  .transform(({ positionals, 'batch-size': batchSize, format, help }) => ({
    file: positionals[0] ?? '',
    batchSize,
    help,
    ...(format ? { source: format } : {}),
  }));
export type ImportArgs = z.output<typeof importArgsSchema>;

/** Parses `npm run import` arguments; throws a UsageError with a one-line reason. */
export function parseImportArgs(argv: readonly string[]): ImportArgs {
  return parseCommandLine(
    argv,
    { 'batch-size': { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    importArgsSchema,
    true,
  );
}

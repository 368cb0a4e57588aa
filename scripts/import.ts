// npm run import -- [--format shopify] <orders.jsonl | orders.csv> — bulk order import; bad orders
// are listed by line and field and skipped (layouts: packages/customer-profile/src/import/index.ts).
// What each stored batch means for the desk (purchases, customers whose tier moved) is queued for
// ticketing as `orders.ingested` jobs, applied as an order webhook is.
import { z } from 'zod';
import { queueNames } from '@loyaldesk/contracts/queues';
import { createCustomerProfileService } from '@loyaldesk/customer-profile/service';
import {
  ImportFileError,
  countLines,
  importOrders,
  importUsage,
  inspectImportFile,
  ordersIngestedJobOf,
  parseImportArgs,
  type ImportArgs,
  type ImportFile,
  type ImportRejection,
} from '@loyaldesk/customer-profile/import';
import { UsageError } from '@loyaldesk/customer-profile/seed';
import { createProgressBar, runCommand } from '@loyaldesk/platform/cli';
import { parseEnv } from '@loyaldesk/platform/env';
import { tierFloorTagsSchema } from '@loyaldesk/customer-profile/schemas';
import { durableJobOptions, openJobQueue } from '@loyaldesk/platform/jobs';

const startedAt = performance.now();

let args: ImportArgs;
try {
  args = parseImportArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`import: ${error.message}\n\n${importUsage}\n`);
  process.exit(2);
}
if (args.help) {
  console.log(importUsage);
  process.exit(0);
}

// Checked before any server starts, so a mistyped path fails at once.
let file: ImportFile;
try {
  file = await inspectImportFile(args.file, args.source);
} catch (error) {
  if (!(error instanceof ImportFileError)) throw error;
  process.stderr.write(`import: ${error.message}\n`);
  process.exit(1);
}
const totalLines = await countLines(file.path);

const number = (value: number): string => value.toLocaleString('en-US');

function describe(rejection: ImportRejection): string {
  const order = rejection.order ? ` (order ${rejection.order})` : '';
  const problems = rejection.problems.map((problem) => {
    const where = [
      problem.line !== rejection.line ? `line ${problem.line}` : '',
      problem.column ? `column ${problem.column}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const field = problem.field ? `${problem.field}: ` : '';
    return `${where ? `[${where}] ` : ''}${field}${problem.message}`;
  });
  return `  line ${rejection.line}${order}: ${problems.join('; ')}`;
}

// Ticketing's Bull prefix and tag tier floors: both must agree (its BULL_PREFIX, TIER_FLOOR_TAGS).
const { BULL_PREFIX: bullPrefix, TIER_FLOOR_TAGS: tierFloorTags } = parseEnv(
  z.object({
    BULL_PREFIX: z.string().regex(/^[A-Za-z0-9_:-]{1,40}$/, 'must be 1–40 letters, digits, _, : or -').default('bull'),
    TIER_FLOOR_TAGS: tierFloorTagsSchema,
  }),
  process.env,
);

await runCommand('import', async ({ connection, services, serversDescription, logger }) => {
  console.log(
    `Importing ${file.path} (${file.format === 'shopify' ? 'Shopify orders, JSONL' : file.format.toUpperCase()}, ${number(totalLines)} lines; ${serversDescription})…`,
  );
  const profiles = createCustomerProfileService({ connection, tierFloorTags });
  await profiles.init();
  const ordersIngested = openJobQueue(queueNames.ordersIngested, { redisUrl: services.redisUrl, prefix: bullPrefix, logger });
  let purchases = 0;
  const customersMoved = new Set<string>();

  const bar = createProgressBar('lines', Math.max(totalLines, 1));
  const result = await importOrders(profiles, {
    file: file.path,
    batchSize: args.batchSize,
    onProgress: ({ lines }) => bar.update(Math.min(lines, totalLines)),
    ...(args.source ? { source: args.source } : {}),
    // Imported purchases count for "repurchased after support", and re-rank tickets, as webhook deliveries do.
    onIngested: async (batch) => {
      await ordersIngested.add(ordersIngestedJobOf(batch), durableJobOptions);
      purchases += batch.purchases.length;
      for (const customerId of batch.standingChanged) customersMoved.add(customerId);
    },
  }).finally(() => ordersIngested.close());
  bar.update(totalLines);
  bar.stop();

  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const rejectedOrders = result.rejected.length;
  console.log(
    `\nRead ${number(result.orders)} orders from ${number(result.lines)} lines: ${number(result.ingested)} ingested, ` +
      `${number(rejectedOrders)} rejected (${seconds} s).`,
  );
  if (purchases > 0 || customersMoved.size > 0)
    console.log(
      `Queued for ticketing: ${number(purchases)} purchases (repurchase after support) and ${number(customersMoved.size)} customers whose tier or value moved (their open tickets are re-ranked; ticketing applies this when it runs).`,
    );
  if (rejectedOrders > 0) {
    console.log(`\nRejected (fix these lines and import the file again; what was ingested stays as it is):`);
    // The whole list is in the result; a terminal full of the same mistake helps nobody.
    const shown = 1000;
    for (const rejection of result.rejected.slice(0, shown)) console.log(describe(rejection));
    if (rejectedOrders > shown) console.log(`  … and ${number(rejectedOrders - shown)} more like these`);
  }
});

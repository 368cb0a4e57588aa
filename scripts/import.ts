// npm run import -- <orders.jsonl | orders.csv> — bulk order import; bad orders are listed by line
// and field and skipped (layouts: packages/customer-profile/src/import/index.ts).
import { createCustomerProfileService } from '@loyaldesk/customer-profile/service';
import {
  ImportFileError,
  countLines,
  importOrders,
  importUsage,
  inspectImportFile,
  parseImportArgs,
  type ImportArgs,
  type ImportFile,
  type ImportRejection,
} from '@loyaldesk/customer-profile/import';
import { UsageError } from '@loyaldesk/customer-profile/seed';
import { createProgressBar, runCommand } from '@loyaldesk/platform/cli';
import { createMetricsService } from '@loyaldesk/ticketing/metrics-service';

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
  file = await inspectImportFile(args.file);
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

await runCommand('import', async ({ connection, serversDescription, logger }) => {
  console.log(
    `Importing ${file.path} (${file.format.toUpperCase()}, ${number(totalLines)} lines; ${serversDescription})…`,
  );
  const profiles = createCustomerProfileService({ connection });
  await profiles.init();
  // Imported purchases count for "repurchased after support" exactly as webhook deliveries do.
  const metrics = createMetricsService({ connection, logger });
  let repurchases = 0;

  const bar = createProgressBar('lines', Math.max(totalLines, 1));
  const result = await importOrders(profiles, {
    file: file.path,
    batchSize: args.batchSize,
    onProgress: ({ lines }) => bar.update(Math.min(lines, totalLines)),
    onPurchases: async (purchases) => {
      repurchases += (await metrics.recordCustomerOrders(purchases)).marked;
    },
  });
  bar.update(totalLines);
  bar.stop();

  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const rejectedOrders = result.rejected.length;
  console.log(
    `\nRead ${number(result.orders)} orders from ${number(result.lines)} lines: ${number(result.ingested)} ingested, ` +
      `${number(rejectedOrders)} rejected (${seconds} s).`,
  );
  if (repurchases > 0)
    console.log(
      `${number(repurchases)} resolved tickets now count as followed by a purchase (repurchase after support).`,
    );
  if (rejectedOrders > 0) {
    console.log(`\nRejected (fix these lines and import the file again; what was ingested stays as it is):`);
    // The whole list is in the result; a terminal full of the same mistake helps nobody.
    const shown = 1000;
    for (const rejection of result.rejected.slice(0, shown)) console.log(describe(rejection));
    if (rejectedOrders > shown) console.log(`  … and ${number(rejectedOrders - shown)} more like these`);
  }
});

// npm run seed -- --customers 5000 [--seed 42] — deterministic demo data, resumable and idempotent
// (see packages/customer-profile/src/seed/index.ts for what is generated and the demo customers).
import { createCustomerProfileService } from '@loyaldesk/customer-profile/service';
import {
  UsageError,
  demoCustomerCount,
  parseSeedArgs,
  seedDatabase,
  seedUsage,
  summarizeSeededData,
  type SeedArgs,
} from '@loyaldesk/customer-profile/seed';
import { createProgressBar, runCommand } from '@loyaldesk/platform/cli';

const startedAt = performance.now();

let args: SeedArgs;
try {
  args = parseSeedArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`seed: ${error.message}\n\n${seedUsage}\n`);
  process.exit(2);
}
if (args.help) {
  console.log(seedUsage);
  process.exit(0);
}

const number = (value: number): string => value.toLocaleString('en-US');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const tally = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .map(([key, count]) => `${key} ${number(count)}`)
    .join(', ') || 'none';

await runCommand('seed', async ({ connection, serversDescription }) => {
  console.log(`Seeding ${number(args.customers)} customers with --seed ${args.seed} (${serversDescription})…`);
  const profiles = createCustomerProfileService({ connection });
  await profiles.init();

  const seedStart = performance.now();
  let bar: ReturnType<typeof createProgressBar> | undefined;
  const result = await seedDatabase(profiles, {
    seed: args.seed,
    customers: args.customers,
    ...(args.now ? { now: args.now } : {}),
    batchSize: args.batchSize,
    concurrency: args.concurrency,
    force: args.force,
    onProgress: ({ done, total }) => {
      bar ??= createProgressBar('customers', total);
      bar.update(done);
    },
  });
  bar?.stop();
  const seedMs = performance.now() - seedStart;

  if (result.from === result.to) {
    console.log(
      `Nothing to do: this database already holds the first ${number(result.from)} customers of --seed ${result.seed} ` +
        `(reference time ${result.now.toISOString()}).`,
    );
  } else {
    const resumed = result.from > 0 ? ` (continuing after customer ${number(result.from)})` : '';
    console.log(
      `Wrote customers ${number(result.from + 1)}–${number(result.to)}${resumed}: ${number(result.ingested)} of ` +
        `${number(result.generated)} orders ingested in ${seconds(seedMs)} ` +
        `(${number(Math.round(result.generated / Math.max(seedMs / 1000, 0.001)))} orders/s); reference time ${result.now.toISOString()}.`,
    );
  }

  const summary = await summarizeSeededData(profiles);
  if (summary) {
    console.log(`\nDemo data in this database (--seed ${summary.seed}, reference time ${summary.now.toISOString()}):`);
    console.log(`  customers            ${number(summary.customers)} (${demoCustomerCount} fixed demo customers)`);
    console.log(`  orders               ${number(summary.orders)}`);
    console.log(`  orders by status     ${tally(summary.ordersByStatus)}`);
    console.log(`  shipments by status  ${tally(summary.shipmentsByStatus)}`);
    console.log(`  customers by tier    ${tally(summary.customersByTier)} (as written)`);
  }
  console.log(
    '\nDemo: order 1042 + alice.walker@example.com (UPS, in transit); all demo customers: packages/customer-profile/src/seed/index.ts',
  );

  if (result.rejected.length > 0) {
    process.exitCode = 1;
    console.error(`\n${number(result.rejected.length)} orders were rejected:`);
    for (const rejection of result.rejected.slice(0, 20)) {
      console.error(`  order ${rejection.order}: ${rejection.message} (${rejection.code})`);
    }
    if (result.rejected.length > 20) console.error(`  … and ${number(result.rejected.length - 20)} more`);
  }
  console.log(`\nDone in ${seconds(performance.now() - startedAt)} (starting servers included).`);
});

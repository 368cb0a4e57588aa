// npm run profiles:rebuild — recomputes every customer and the value histogram from the orders.
import { createCustomerProfileService } from '@loyaldesk/customer-profile/service';
import { createProgressBar, runCommand } from '@loyaldesk/platform/cli';

await runCommand('profiles:rebuild', async ({ connection, serversDescription }) => {
  console.log(`Rebuilding customer profiles from orders (${serversDescription})…`);
  const profiles = createCustomerProfileService({ connection });
  await profiles.init();
  let bar: ReturnType<typeof createProgressBar> | undefined;
  let phase = '';
  const result = await profiles.rebuildProfiles((progress) => {
    if (progress.phase !== phase) {
      bar?.stop();
      phase = progress.phase;
      bar = createProgressBar(progress.phase === 'orders' ? 'reading orders   ' : 'writing customers', progress.total);
    }
    bar?.update(progress.done);
  });
  bar?.stop();
  console.log(
    `Rebuilt ${result.customers} customers from ${result.orders} orders in ${(result.durationMs / 1000).toFixed(1)} s.`,
  );
});

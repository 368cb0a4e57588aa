// `npm run metrics:rebuild`: recomputes every metric rollup from the tickets, ticket follow-ups
// and closed conversations, with progress. Run it while the ticketing service is stopped (or
// idle): changes recorded during the rebuild may be overwritten.
import { createProgressBar, runCommand } from '@loyaldesk/platform/cli';
import { createMetricsService } from '../metrics-service.ts';
import type { RebuildProgress } from '../rollups/rebuild-rollups.ts';

const labels: Record<RebuildProgress['phase'], string> = {
  tickets: 'reading tickets          ',
  followUps: 'reading follow-ups       ',
  conversations: 'reading conversations    ',
  deliveryProblems: 'reading delivery problems',
  rollups: 'writing rollups          ',
};

await runCommand('metrics:rebuild', async ({ connection, serversDescription, logger }) => {
  console.log(`Rebuilding metric rollups from tickets (${serversDescription})…`);
  const metrics = createMetricsService({ connection, logger });
  const started = Date.now();
  let bar: { phase: RebuildProgress['phase']; total: number; update(done: number): void; stop(): void } | undefined;
  const result = await metrics.rebuildRollups((progress) => {
    if (bar?.phase !== progress.phase) {
      bar?.stop();
      // The ticket count is an estimate and the other reads have no count up front: grow as needed.
      const total = Math.max(1, progress.total ?? progress.done);
      bar = { phase: progress.phase, total, ...createProgressBar(labels[progress.phase], total) };
    }
    bar.update(Math.min(progress.done, bar.total));
  });
  bar?.stop();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `Rebuilt ${result.rollupsWritten} rollups (${result.rollupsDeleted} stale ones deleted) from ` +
      `${result.tickets} tickets, ${result.followUps} follow-ups and ${result.conversations} closed conversations in ${seconds} s.`,
  );
  if (result.invalidTickets.length > 0) {
    console.log(
      `${result.invalidTickets.length} tickets did not parse and were left out, e.g. ${result.invalidTickets.slice(0, 5).join(', ')}.`,
    );
  }
});

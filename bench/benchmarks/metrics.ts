import { createProgressBar } from '@loyaldesk/platform/cli';
import { createMetricsService, type FollowUpTicket, type MetricsService } from '@loyaldesk/ticketing/metrics-service';
import { rebuildRollups } from '@loyaldesk/ticketing/rebuild-rollups';
import { rollupCollectionName, type RollupDocument } from '@loyaldesk/ticketing/rollup-repository';
import { agentIdAt, supportHistory } from '../datasets/support-history.ts';
import type { Benchmark, BenchContext, BenchDatabase, Measure } from '../lib/benchmark.ts';
import { compareLatency, type LatencyStats } from '../lib/latency.ts';
import { createRandom } from '../lib/random.ts';
import { formatCount, formatNumber, formatTable, type Cell } from '../lib/table.ts';

const dayMs = 86_400_000;
const periodDays = 90;
const historyDays = 365;
const agents = 20;

/** How the dashboard is read: each a way the service is used, measured against the same single read. */
interface DashboardMode {
  name: string;
  description: string;
  /** Prepares one call (untimed): e.g. empties the cache, or records a ticket event. */
  before?: (i: number) => Promise<void>;
}

interface SizeResult {
  tickets: number;
  rollups: number;
  buildSeconds: number;
  modes: Array<{ mode: DashboardMode; measured: LatencyStats; baseline: LatencyStats }>;
}

/** The manager dashboard over 90 days against one `_id` read, with 100k and 1M tickets' worth of rollups. */
export const metricsBenchmark: Benchmark = {
  name: 'metrics',
  description: "manager dashboard (getDashboard, 90 days) vs one findOne({_id}) with 100k and 1M tickets' rollups",
  run: runMetrics,
};

async function runMetrics(context: BenchContext): Promise<Measure[]> {
  const { env, signal, print } = context;
  const database = await context.openDatabase();
  print(`database: ${database.description}; ${database.redisDescription}; database ${database.dbName}`);
  const samples = Math.max(100, Math.round(env.BENCH_SAMPLES / 10));
  const warmup = Math.ceil(samples / 5);
  const now = new Date();
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - (periodDays - 1) * dayMs).toISOString().slice(0, 10);
  print(
    `tickets created evenly over the ${historyDays} days up to today, ${agents} agents, 4 tiers; rollups built from ` +
      `the tickets' contributions by the rebuild (nothing stored per ticket); dashboard ${from} → ${to} ` +
      `(${periodDays} days, all tiers); ${samples} timed calls per side (after ${warmup} untimed)`,
  );

  const metrics = createMetricsService({
    connection: database.connection,
    redis: { client: database.redis, prefix: database.redisPrefix },
  });
  const db = database.connection.db;
  if (!db) throw new Error('the database connection is not open');
  const rollups = db.collection<RollupDocument>(rollupCollectionName);
  const modes = dashboardModes(metrics, now);

  const results: SizeResult[] = [];
  for (const tickets of env.BENCH_METRICS_TICKETS) {
    signal.throwIfAborted();
    const built = await buildRollups(metrics, tickets, now);
    print(
      `\nbuilt ${formatNumber(built.rollups)} rollups from ${formatCount(tickets)} tickets in ${built.seconds.toFixed(1)} s`,
    );
    const dayIds = await existingDayRollups(database, now);
    const random = createRandom(tickets);
    const sizeResult: SizeResult = { tickets, rollups: built.rollups, buildSeconds: built.seconds, modes: [] };
    for (const mode of modes) {
      const query = { from, to };
      const latency = await compareLatency({
        warmup,
        samples,
        signal,
        ...(mode.before ? { prepare: mode.before } : {}),
        measured: async () => {
          const dashboard = await metrics.getDashboard(query);
          if (dashboard.ticketsCreated === 0)
            throw new Error('the dashboard found no tickets: the rollups and the read disagree');
        },
        baseline: async () => {
          const id = dayIds[Math.floor(random() * dayIds.length)] ?? '';
          if (!(await rollups.findOne({ _id: id }))) throw new Error(`rollup ${id} not found`);
        },
      });
      sizeResult.modes.push({ mode, ...latency });
    }
    results.push(sizeResult);
    print(`\nat ${formatCount(tickets)} tickets (${formatNumber(built.rollups)} rollups), microseconds per call:`);
    print(sizeTable(sizeResult));
  }
  print(report(results));
  return measures(results);
}

/** The ways the dashboard is measured. */
function dashboardModes(metrics: MetricsService, now: Date): DashboardMode[] {
  return [
    {
      // The cold path of any instance but the first: rollups changed since the last read (a ticket
      // event today) and nothing held in this process (another instance, a restart). The rollups
      // that event touched come from MongoDB, the rest from the shared cache in Redis.
      name: 'dashboard_cold',
      description:
        'getDashboard, 90 days, a ticket event since the last read, nothing cached in process (changed rollups from MongoDB, the rest from Redis)',
      before: async (i) => {
        const [opened, resolved] = liveTicket(1_000_000 + i, now);
        await metrics.recordTicketChange(null, opened);
        await metrics.recordTicketChange(opened, resolved);
        metrics.rollupCache.clear();
      },
    },
    {
      // The first read after Redis lost its data (or with a cold Redis): every rollup from MongoDB.
      name: 'dashboard_uncached',
      description:
        'getDashboard, 90 days, a ticket event since the last read, nothing cached in process or in Redis (every rollup from MongoDB)',
      before: async (i) => {
        const [opened, resolved] = liveTicket(2_000_000 + i, now);
        await metrics.recordTicketChange(null, opened);
        await metrics.recordTicketChange(opened, resolved);
        metrics.rollupCache.clear();
        await metrics.rollupCache.clearShared();
      },
    },
    {
      name: 'dashboard_warm',
      description: 'getDashboard, 90 days, no change since the last read',
    },
    {
      name: 'dashboard_live',
      description: 'getDashboard, 90 days, a ticket opened and resolved today since the last read',
      before: async (i) => {
        const [opened, resolved] = liveTicket(i, now);
        await metrics.recordTicketChange(null, opened);
        await metrics.recordTicketChange(opened, resolved);
      },
    },
  ];
}

/** A ticket opened, answered and resolved today by one of the desk's agents (before and after). */
function liveTicket(i: number, now: Date): [FollowUpTicket, FollowUpTicket] {
  const createdAt = new Date(now.getTime() - 3_600_000);
  const opened: FollowUpTicket = {
    id: `tkt_live_${i}`,
    version: 0,
    status: 'assigned',
    customerId: null,
    createdAt,
    deadline: new Date(createdAt.getTime() + 40 * 60_000),
    resolutionDeadline: new Date(createdAt.getTime() + 720 * 60_000),
    breakdown: { tier: 'gold' },
    assigneeId: agentIdAt(i % agents),
    assignedAt: createdAt,
    firstShopperMessageAt: createdAt,
    firstRepliedAt: null,
    resolvedAt: null,
    reopenCount: 0,
    slaBreaches: { firstResponse: null, resolution: null },
    survey: null,
  };
  const resolved: FollowUpTicket = {
    ...opened,
    version: 1,
    status: 'resolved',
    firstRepliedAt: new Date(createdAt.getTime() + 10 * 60_000),
    resolvedAt: new Date(createdAt.getTime() + 50 * 60_000),
  };
  return [opened, resolved];
}

/** Replaces the rollups with those of `tickets` generated tickets (the rebuild's own code path). */
async function buildRollups(
  metrics: MetricsService,
  tickets: number,
  now: Date,
): Promise<{ rollups: number; seconds: number }> {
  const started = process.hrtime.bigint();
  let bar: ReturnType<typeof createProgressBar> | undefined;
  let phase = '';
  const result = await rebuildRollups(
    metrics.stores,
    supportHistory({ tickets, days: historyDays, agents, now, seed: 20_261_123 }),
    {
      ticketCount: tickets,
      onProgress: (progress) => {
        if (progress.phase !== 'tickets' && progress.phase !== 'rollups') return;
        if (progress.phase !== phase) {
          bar?.stop();
          phase = progress.phase;
          bar = createProgressBar(
            progress.phase === 'tickets' ? `summing ${formatCount(tickets)} tickets' contributions` : 'writing rollups',
            progress.total ?? progress.done,
          );
        }
        bar?.update(progress.done);
      },
    },
  );
  bar?.stop();
  return { rollups: result.rollupsWritten, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** The ids of the day-totals rollups of the period, for the baseline's reads. */
async function existingDayRollups(database: BenchDatabase, now: Date): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < historyDays; i++) ids.push(`${new Date(now.getTime() - i * dayMs).toISOString().slice(0, 10)}|*`);
  const db = database.connection.db;
  if (!db) throw new Error('the database connection is not open');
  const collection = db.collection<RollupDocument>(rollupCollectionName);
  const found = await Promise.all(ids.map(async (id) => ((await collection.findOne({ _id: id })) ? id : null)));
  return found.filter((id): id is string => id !== null);
}

function sizeTable(result: SizeResult): string {
  const rows: Cell[][] = [];
  for (const { mode, measured, baseline } of result.modes) {
    rows.push([mode.description, measured.p50, measured.p99, measured.mean, measured.min, measured.max]);
    rows.push([
      '  one findOne({_id}) of a day rollup',
      baseline.p50,
      baseline.p99,
      baseline.mean,
      baseline.min,
      baseline.max,
    ]);
  }
  return formatTable(['read', 'p50', 'p99', 'mean', 'min', 'max'], rows, { indent: '  ' });
}

function report(results: readonly SizeResult[]): string {
  const lines: string[] = ['\ndashboard / one _id read (same server, same run), and growth with the ticket count:'];
  const rows: Cell[][] = [];
  const first = results[0];
  const last = results[results.length - 1];
  for (const result of results) {
    for (const { mode, measured, baseline } of result.modes) {
      rows.push([
        mode.name,
        formatCount(result.tickets),
        measured.p50,
        baseline.p50,
        ratio(measured.p50, baseline.p50),
        ratio(measured.p99, baseline.p99),
        verdict(measured.p50 / baseline.p50 <= 20),
      ]);
    }
  }
  lines.push(
    formatTable(['mode', 'tickets', 'p50 µs', 'read p50 µs', 'p50 ratio', 'p99 ratio', '≤ 20× (p50)'], rows, {
      indent: '  ',
    }),
  );
  if (first && last && first !== last) {
    const growth: Cell[][] = first.modes.map(({ mode, measured, baseline }, index) => {
      const later = last.modes[index] ?? { measured, baseline };
      const dashboard = later.measured.p50 / measured.p50;
      const read = later.baseline.p50 / baseline.p50;
      return [
        mode.name,
        ratio(later.measured.p50, measured.p50),
        ratio(later.measured.p99, measured.p99),
        ratio(later.baseline.p50, baseline.p50),
        `${(dashboard / read).toFixed(2)}×`,
        verdict(dashboard <= 1.2),
        verdict(dashboard / read <= 1.2),
      ];
    });
    lines.push(
      `\ngrowth from ${formatCount(first.tickets)} to ${formatCount(last.tickets)} tickets (p50; "relative" divides by the ` +
        `growth of the single read measured alongside, which moves with the server's state and the machine's load):`,
    );
    lines.push(
      formatTable(
        ['mode', 'p50 growth', 'p99 growth', 'read p50 growth', 'relative', '≤ 1.2×', '≤ 1.2× relative'],
        growth,
        { indent: '  ' },
      ),
    );
  }
  return lines.join('\n');
}

function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}×`;
}

function verdict(met: boolean): string {
  return met ? 'yes' : 'NO';
}

function measures(results: readonly SizeResult[]): Measure[] {
  const list: Measure[] = [];
  for (const result of results) {
    const size = formatCount(result.tickets);
    for (const { mode, measured, baseline } of result.modes) {
      for (const stat of ['p50', 'p99', 'mean'] as const) {
        list.push({
          measure: `${mode.name}.${stat}@${size}`,
          value: measured[stat],
          unit: 'us',
          baseline: baseline[stat],
        });
      }
    }
    list.push({ measure: `rollups.build_seconds@${size}`, value: result.buildSeconds, unit: 's', baseline: null });
  }
  const first = results[0];
  const last = results[results.length - 1];
  if (first && last && first !== last) {
    const span = `${formatCount(first.tickets)}_to_${formatCount(last.tickets)}`;
    first.modes.forEach(({ mode, measured, baseline }, index) => {
      const later = last.modes[index];
      if (!later) return;
      // Baseline: the single read's growth over the same step, so ratio = growth relative to it.
      for (const stat of ['p50', 'p99'] as const) {
        list.push({
          measure: `${mode.name}.${stat}.growth_${span}`,
          value: later.measured[stat] / measured[stat],
          unit: 'x',
          baseline: later.baseline[stat] / baseline[stat],
        });
      }
    });
  }
  return list;
}

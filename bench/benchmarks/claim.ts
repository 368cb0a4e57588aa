import type { Collection } from 'mongodb';
import { createProgressBar } from '@loyaldesk/platform/cli';
import type { Redis } from '@loyaldesk/platform/redis';
import { claimNext, type ClaimRequest } from '@loyaldesk/ticketing/claim-next';
import type { RoutingGroup } from '@loyaldesk/ticketing/routing-group';
import type { Ticket } from '@loyaldesk/ticketing/ticket';
import { createTicketQueue, type TicketQueue } from '@loyaldesk/ticketing/ticket-queue';
import { createTicketRepository, type TicketRepository } from '@loyaldesk/ticketing/ticket-repository';
import { ticketCollectionName, type TicketDocument } from '@loyaldesk/ticketing/ticket-storage';
import { benchRoutes, deadlineOf, openTicketAt, ticketFacts, ticketIdAt } from '../datasets/ticket-dataset.ts';
import type { Benchmark, BenchContext, Measure } from '../lib/benchmark.ts';
import { createBulkWriter } from '../lib/bulk-writer.ts';
import { compareLatency, summarize, type LatencyStats } from '../lib/latency.ts';
import { createRandom } from '../lib/random.ts';
import { formatCount, formatNumber, formatTable, type Cell } from '../lib/table.ts';

/**
 * The tickets nobody claims during the run, stored lean: what a queued ticket needs to be found
 * open and routed (`status`, `language`, `skill`, `deadline`). FerretDB's cost per document grows
 * with its fields (≈ 7 µs per field read or written), so full documents would make the 1M load
 * take minutes and each load-all-and-sort run about six minutes; lean ones make load-and-sort
 * faster than it would be on real tickets, so its ratio is conservative.
 */
type LeanTicketDocument = Pick<TicketDocument, '_id' | 'status' | 'language' | 'skill' | 'deadline'>;

const dayMs = 86_400_000;
const agentCount = 8;

interface LoadPhase {
  what: string;
  count: number;
  seconds: number;
}

interface ClaimResult {
  tickets: number;
  claim: { measured: LatencyStats; baseline: LatencyStats };
  position: { measured: LatencyStats; baseline: LatencyStats };
  loadAndSortUs: number[];
  loads: LoadPhase[];
}

/** Claim-next with a million open tickets against its raw operations and against load-all-and-sort. */
export const claimBenchmark: Benchmark = {
  name: 'claim',
  description:
    'claim-next and queue position with 1M open tickets vs ZPOPMIN + _id update, ZRANK, and load-all-and-sort',
  run: runClaim,
};

async function runClaim(context: BenchContext): Promise<Measure[]> {
  const { env, signal, print } = context;
  const total = env.BENCH_CLAIM_TICKETS;
  const samples = env.BENCH_SAMPLES;
  const warmup = Math.min(500, Math.ceil(samples / 5));
  const database = await context.openDatabase();
  print(`database: ${database.description}; ${database.redisDescription}; database ${database.dbName}`);

  const tickets = createTicketRepository(database.connection);
  await tickets.init();
  const queue = createTicketQueue({ redis: database.redis, prefix: database.redisPrefix });
  const db = database.connection.db;
  if (!db) throw new Error('the database connection is not open');
  const raw = db.collection<LeanTicketDocument>(ticketCollectionName);
  const baselineKey = `${database.redisPrefix}bench:zpopmin`;

  // The front (earliest deadlines, claimed by claim-next) and the back (latest deadlines, updated by
  // the baseline) are full tickets; the rest are lean. Claim-next pops exactly the front.
  const claims = warmup + samples;
  const layout = { front: claims, back: claims, total };
  print(
    `${formatCount(total)} open tickets in ${benchRoutes.length} routing groups (${benchRoutes.map((r) => r.group).join(', ')}); ` +
      `${formatNumber(layout.front + layout.back)} full stored tickets (the ${formatNumber(layout.front)} claim-next pops, ` +
      `the ${formatNumber(layout.back)} the baseline updates), the rest lean (_id, status, language, skill, deadline)`,
  );
  print(`${samples} timed calls per side (after ${warmup} untimed), alternating measured and baseline`);

  const loads = await load({ tickets, raw, queue, redis: database.redis, baselineKey, layout, signal });
  print('');
  print(
    formatTable(
      ['load', 'count', 'seconds', 'per second'],
      loads.map((l) => [l.what, l.count, round1(l.seconds), Math.round(l.count / l.seconds)]),
      { indent: '  ' },
    ),
  );

  // Agents serve every group (like the demo agents, who speak every language and have every skill):
  // each claim looks at the heads of all four sorted sets, and pops the earliest front ticket.
  const agents: ClaimRequest[] = Array.from({ length: agentCount }, (_, k) => ({
    agentId: `agent-${k}`,
    groups: benchRoutes.map((route) => route.group),
  }));
  const claimed: Ticket[] = [];
  const backIds = Array.from({ length: layout.back }, (_, i) => ticketIdAt(total - layout.back + i));
  const claim = await compareLatency({
    warmup,
    samples,
    signal,
    measured: async (i) => {
      const ticket = await claimNext(
        { queue, tickets },
        agents[i % agents.length] ?? { agentId: 'agent-0', groups: [] },
      );
      if (!ticket) throw new Error(`claim ${i} found the queue empty`);
      claimed.push(ticket);
    },
    baseline: async (i) => {
      const [member] = await database.redis.zpopmin(baselineKey);
      if (member === undefined) throw new Error('the baseline sorted set is empty');
      const at = new Date();
      const result = await raw.updateOne(
        { _id: backIds[i] ?? '', status: 'open' },
        {
          $set: { status: 'assigned', assigneeId: `agent-${i % agentCount}`, assignedAt: at, updatedAt: at },
          $inc: { version: 1 },
        },
      );
      if (result.modifiedCount !== 1) throw new Error(`baseline update ${i} matched no open ticket`);
    },
  });
  verifyClaims(claimed, layout.front);
  print(`\nverified: ${claimed.length} claims, each an open front ticket (the earliest deadlines), none twice`);

  // Place in line of tickets deep in the queue (the lean middle), each side its own random tickets.
  const random = createRandom(total);
  const middle = (): number => layout.front + Math.floor(random() * (total - layout.front - layout.back));
  const positionIds = Array.from({ length: warmup + samples }, () => middle());
  const rankIds = Array.from({ length: warmup + samples }, () => middle());
  const position = await compareLatency({
    warmup,
    samples,
    signal,
    measured: async (i) => {
      if (!(await queue.position(ticketIdAt(positionIds[i] ?? 0))))
        throw new Error('a queued ticket has no place in line');
    },
    baseline: async (i) => {
      const index = rankIds[i] ?? 0;
      const key = queue.keys.group(routeOf(index).group);
      if ((await database.redis.zrank(key, ticketIdAt(index))) === null) throw new Error('a queued ticket has no rank');
    },
  });

  print(
    `\nload-all-and-sort: read every open ticket through the repository, sort by deadline (${env.BENCH_LOAD_AND_SORT_RUNS} runs)`,
  );
  const loadAndSortUs: number[] = [];
  for (let run = 0; run < env.BENCH_LOAD_AND_SORT_RUNS; run++) {
    signal.throwIfAborted();
    const started = process.hrtime.bigint();
    const open: Array<Pick<Ticket, 'id' | 'deadline'>> = [];
    for await (const batch of tickets.findAllOpen(5000)) for (const ticket of batch) open.push(ticket);
    open.sort((a, b) => a.deadline.getTime() - b.deadline.getTime() || (a.id < b.id ? -1 : 1));
    const us = Number(process.hrtime.bigint() - started) / 1000;
    loadAndSortUs.push(us);
    print(
      `  run ${run + 1}: ${formatNumber(open.length)} open tickets read and sorted in ${(us / 1e6).toFixed(1)} s (first: ${open[0]?.id ?? 'none'})`,
    );
  }

  const result: ClaimResult = { tickets: total, claim, position, loadAndSortUs, loads };
  print(report(result));
  return measures(result);
}

function routeOf(index: number): (typeof benchRoutes)[number] {
  const route = benchRoutes[index % benchRoutes.length];
  if (!route) throw new Error('no routes');
  return route;
}

/** Generates and stores the tickets and queues them; returns what each part took. */
async function load(options: {
  tickets: TicketRepository;
  raw: Collection<LeanTicketDocument>;
  queue: TicketQueue;
  redis: Redis;
  baselineKey: string;
  layout: { front: number; back: number; total: number };
  signal: AbortSignal;
}): Promise<LoadPhase[]> {
  const { tickets, raw, queue, redis, baselineKey, layout, signal } = options;
  const random = createRandom(20_260_301);
  const now = Date.now();
  // Front: created 40 days ago; middle: over the 30 days up to yesterday; back: the last day. The
  // longest first-response target is hours, so the three bands never interleave in deadline order.
  const createdAt = (index: number): Date => {
    if (index < layout.front) return new Date(now - 40 * dayMs + index * 1000);
    if (index >= layout.total - layout.back) return new Date(now - dayMs + (index - (layout.total - layout.back)) * 10);
    return new Date(now - 31 * dayMs + Math.floor(random() * 30 * dayMs));
  };

  const batchSize = 10_000;
  const writer = createBulkWriter(2);
  const progress = createProgressBar(`loading ${formatCount(layout.total)} tickets`, layout.total);
  const started = process.hrtime.bigint();
  let stored = 0;
  let fullCount = 0;
  const queueBatch: Array<{ id: string; deadline: number; group: RoutingGroup }> = [];
  const redisPhase = { seconds: 0 };
  try {
    let full: Ticket[] = [];
    let lean: LeanTicketDocument[] = [];
    const flush = async (): Promise<void> => {
      const fullBatch = full;
      const leanBatch = lean;
      const entries = queueBatch.splice(0);
      full = [];
      lean = [];
      // MongoDB and Redis are separate servers: store and queue each batch at the same time.
      await writer.submit(async () => {
        await Promise.all([
          (async () => {
            const redisStarted = process.hrtime.bigint();
            await queueInRedis(redis, queue, baselineKey, entries);
            redisPhase.seconds += Number(process.hrtime.bigint() - redisStarted) / 1e9;
          })(),
          (async () => {
            if (fullBatch.length > 0) await tickets.insertMany(fullBatch);
            if (leanBatch.length > 0) await raw.insertMany(leanBatch, { ordered: false });
          })(),
        ]);
        stored += fullBatch.length + leanBatch.length;
        progress.update(stored);
      });
    };
    for (let index = 0; index < layout.total; index++) {
      const route = routeOf(index);
      const facts = ticketFacts(random, createdAt(index));
      if (index < layout.front || index >= layout.total - layout.back) {
        const ticket = openTicketAt(index, facts, route);
        full.push(ticket);
        fullCount++;
        queueBatch.push({ id: ticket.id, deadline: ticket.deadline.getTime(), group: route.group });
      } else {
        const deadline = deadlineOf(facts);
        lean.push({ _id: ticketIdAt(index), status: 'open', language: route.language, skill: route.skill, deadline });
        queueBatch.push({ id: ticketIdAt(index), deadline: deadline.getTime(), group: route.group });
      }
      if (full.length + lean.length >= batchSize) {
        signal.throwIfAborted();
        await flush();
      }
    }
    await flush();
    await writer.drain();
  } finally {
    progress.stop();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const queued = (await Promise.all(benchRoutes.map((route) => queue.size(route.group)))).reduce((a, b) => a + b, 0);
  if (queued !== layout.total) throw new Error(`the groups hold ${queued} tickets, not ${layout.total}`);
  return [
    { what: `tickets stored (${formatNumber(fullCount)} full, rest lean) and queued`, count: layout.total, seconds },
    {
      what: '  queueing in Redis alone (ZADD, HSET in pipelines; alongside)',
      count: layout.total,
      seconds: redisPhase.seconds,
    },
  ];
}

/** Queues tickets as the queue's enqueue script would: group sorted sets, routes hash, groups set; plus the baseline key. */
async function queueInRedis(
  redis: Redis,
  queue: TicketQueue,
  baselineKey: string,
  entries: ReadonlyArray<{ id: string; deadline: number; group: RoutingGroup }>,
): Promise<void> {
  if (entries.length === 0) return;
  const pipeline = redis.pipeline();
  const chunk = 1000;
  for (let i = 0; i < entries.length; i += chunk) {
    const part = entries.slice(i, i + chunk);
    for (const route of benchRoutes) {
      const members = part
        .filter((entry) => entry.group === route.group)
        .flatMap((entry) => [entry.deadline, entry.id]);
      if (members.length > 0) pipeline.zadd(queue.keys.group(route.group), ...members);
    }
    pipeline.hset(queue.keys.routes, ...part.flatMap((entry) => [entry.id, entry.group]));
    pipeline.zadd(baselineKey, ...part.flatMap((entry) => [entry.deadline, entry.id]));
  }
  pipeline.sadd(queue.keys.groups, ...benchRoutes.map((route) => route.group));
  const results = (await pipeline.exec()) ?? [];
  const failure = results.find(([error]) => error !== null);
  if (failure?.[0]) throw failure[0];
}

function verifyClaims(claimed: readonly Ticket[], front: number): void {
  const ids = new Set<string>();
  const frontIds = new Set(Array.from({ length: front }, (_, i) => ticketIdAt(i)));
  for (const ticket of claimed) {
    if (ids.has(ticket.id)) throw new Error(`ticket ${ticket.id} claimed twice`);
    ids.add(ticket.id);
    if (!frontIds.has(ticket.id))
      throw new Error(`claim-next handed out ${ticket.id}, not one of the earliest deadlines`);
    if (ticket.status !== 'assigned' || ticket.history.length !== 2)
      throw new Error(`ticket ${ticket.id} is not assigned once`);
  }
}

function median(values: readonly number[]): number {
  return summarize(values).p50;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function report(result: ClaimResult): string {
  const size = formatCount(result.tickets);
  const { claim, position } = result;
  const lines: string[] = [];
  const row = (label: string, stats: LatencyStats): Cell[] => [
    label,
    stats.p50,
    stats.p99,
    stats.mean,
    stats.min,
    stats.max,
  ];
  lines.push(`\nat ${size} open tickets, microseconds per call:`);
  lines.push(
    formatTable(
      ['operation', 'p50', 'p99', 'mean', 'min', 'max'],
      [
        row('claim-next (lease in Redis + conditional findOneAndUpdate + release)', claim.measured),
        row('raw: ZPOPMIN on one key + conditional updateOne by _id', claim.baseline),
        row('queue position (place in line + recent claims)', position.measured),
        row('raw: ZRANK on the group key', position.baseline),
      ],
      { indent: '  ' },
    ),
  );
  const loadAndSort = median(result.loadAndSortUs);
  const targets: Cell[][] = [
    target('claim-next p99 / raw operations p99', claim.measured.p99 / claim.baseline.p99, '≤ 1.5×', (r) => r <= 1.5),
    target('load-all-and-sort (median) / claim-next p99', loadAndSort / claim.measured.p99, '≥ 100×', (r) => r >= 100),
    target('queue position p99 / ZRANK p99', position.measured.p99 / position.baseline.p99, '≤ 2×', (r) => r <= 2),
    target('claim-next p50 / raw operations p50 (context)', claim.measured.p50 / claim.baseline.p50, '—', () => null),
    target('queue position p50 / ZRANK p50 (context)', position.measured.p50 / position.baseline.p50, '—', () => null),
  ];
  lines.push(
    `\ntargets (same servers, same data, same run); load-all-and-sort median ${(loadAndSort / 1e6).toFixed(1)} s:`,
  );
  lines.push(formatTable(['ratio', 'measured', 'target', 'met'], targets, { indent: '  ' }));
  return lines.join('\n');
}

function target(label: string, ratio: number, limit: string, met: (ratio: number) => boolean | null): Cell[] {
  const verdict = met(ratio);
  const shown = ratio >= 100 ? `${Math.round(ratio).toLocaleString('en-US')}×` : `${ratio.toFixed(2)}×`;
  return [label, shown, limit, verdict === null ? '' : verdict ? 'yes' : 'NO'];
}

function measures(result: ClaimResult): Measure[] {
  const size = formatCount(result.tickets);
  const { claim, position } = result;
  const list: Measure[] = [];
  for (const stat of ['p50', 'p99', 'mean'] as const) {
    list.push({
      measure: `claim_next.${stat}@${size}`,
      value: claim.measured[stat],
      unit: 'us',
      baseline: claim.baseline[stat],
    });
  }
  list.push({
    measure: `claim_next.p99_vs_load_and_sort@${size}`,
    value: claim.measured.p99,
    unit: 'us',
    baseline: median(result.loadAndSortUs),
  });
  for (const stat of ['p50', 'p99', 'mean'] as const) {
    list.push({
      measure: `queue_position.${stat}@${size}`,
      value: position.measured[stat],
      unit: 'us',
      baseline: position.baseline[stat],
    });
  }
  list.push({
    measure: `load_and_sort.seconds@${size}`,
    value: median(result.loadAndSortUs) / 1e6,
    unit: 's',
    baseline: null,
  });
  const [loadAll] = result.loads;
  if (loadAll) list.push({ measure: `load.seconds@${size}`, value: loadAll.seconds, unit: 's', baseline: null });
  return list;
}

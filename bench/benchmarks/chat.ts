import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { MongoClient } from 'mongodb';
import { repoRoot } from '@loyaldesk/platform/local-servers';
import { connectMongo } from '@loyaldesk/platform/mongo';
import { createCustomerProfileService } from '@loyaldesk/customer-profile/service';
import { en } from '@loyaldesk/chat-bot/catalog-en';
import { defaultFloodLimits } from '@loyaldesk/chat-bot/flood-guard';
import { signIdentityToken } from '@loyaldesk/chat-bot/identity-token';
import {
  customerIdAt,
  ensureOrders,
  orderAt,
  orderNumberAt,
  ordersPerCustomer,
  type OrderLoad,
} from '../datasets/order-dataset.ts';
import type { Benchmark, BenchContext, Measure } from '../lib/benchmark.ts';
import { connectShoppers, runClosedLoop, runFixedRate, type ChatProtocol } from '../lib/chat-shoppers.ts';
import { startChildServer, type ChildServer } from '../lib/child-server.ts';
import { openKeptServers, type KeptServers } from '../lib/kept-servers.ts';
import { warmPageCache } from '../lib/page-cache.ts';
import { summarize, type LatencyStats } from '../lib/latency.ts';
import { machineCpuTimes, type MachineCpuTimes } from '../lib/process-stats.ts';
import { createRandom } from '../lib/random.ts';
import { formatCount, formatNumber, formatTable, type Cell } from '../lib/table.ts';

type Side = 'app' | 'baseline';

/** One side's run at one order count. Latencies in microseconds. */
interface SideRun {
  connectSeconds: number;
  /** Closed loop: every shopper asks its next question once answered. */
  closed: Phase;
  /** Open loop at the configured rate. */
  fixed: Phase;
  idleRssBytes: number;
  /** With every shopper's conversation open, after both phases. */
  rssBytes: number;
  peakRssBytes: number;
}

/** One phase of a run: right answers (timed), and questions the app refused or failed, or never answered. */
interface Phase {
  answers: number;
  seconds: number;
  latency: LatencyStats;
  failed: number;
  timedOut: number;
  failureSamples: string[];
  /** The server process's CPU time (user + system) per answer in this phase, in ms: what throughput is made of. */
  cpuMsPerAnswer: number;
  /** The database server's CPU time per answer in this phase, in ms (NaN when it is not a local process). */
  databaseCpuMsPerAnswer: number;
  /**
   * How busy the whole 2-core machine was in this phase (all processes, 0–1), and the share the
   * hypervisor gave away (steal): a slow stretch shows here, not in the app's own numbers.
   */
  machineBusyShare: number;
  machineStealShare: number;
}

/** CPU counters read at the start and at the end of a phase; a phase's figures are the differences. */
interface CpuMark {
  server: number;
  database: number | undefined;
  machine: MachineCpuTimes;
}

/** The chat's collections (apps/chat-bot/src/conversations/conversation-repository.ts), dropped around each app run. */
const chatCollections = ['conversations', 'conversation_messages'];

interface SizeResult {
  orders: number;
  load: OrderLoad & { indexSeconds: number };
  runs: Record<Side, SideRun[]>;
}

const warmupQuestions = 2;
/** The chat's per-socket flood guard: the load must stay under it, or the app would refuse questions. */
const floodGuard = defaultFloodLimits;

/** 1,000 verified shoppers asking order status through the chat app vs a bare Socket.IO server doing one read per question. */
export const chatBenchmark: Benchmark = {
  name: 'chat',
  description:
    '1,000 verified shoppers asking order status: chat app (child process) vs a bare Socket.IO + findOne({_id}) server, 10k and 1M orders',
  run: runChat,
};

async function runChat(context: BenchContext): Promise<Measure[]> {
  const { env, signal, print } = context;
  const shopperCount = env.BENCH_CHAT_SHOPPERS;
  const perShopperRate = env.BENCH_CHAT_RATE / shopperCount;
  // The app's flood guard must never refuse a question: that would measure the guard, not the answers.
  if (
    1 + warmupQuestions + env.BENCH_CHAT_QUESTIONS >= floodGuard.burst ||
    perShopperRate > floodGuard.perSecond * 0.75
  )
    throw new Error(
      `BENCH_CHAT_QUESTIONS ${env.BENCH_CHAT_QUESTIONS} or BENCH_CHAT_RATE ${env.BENCH_CHAT_RATE} over ${shopperCount} shoppers ` +
        `would hit the chat's flood guard (burst ${floodGuard.burst}, ${floodGuard.perSecond}/s per socket)`,
    );
  const servers = await openKeptServers(env, 'chat', context.onCleanup);
  print(`database: ${servers.description}; ${servers.redisDescription}`);
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'loyaldesk-bench-chat-'));
  if (env.BENCH_CHAT_NODE_ARGS.length > 0)
    print(`chat app node flags: ${env.BENCH_CHAT_NODE_ARGS.join(' ')}; logs kept in ${logDir}`);
  else context.onCleanup(`remove ${logDir}`, async () => rmSync(logDir, { recursive: true, force: true }));
  print(
    `${formatNumber(shopperCount)} shoppers (socket.io-client over WebSocket, in this process; the servers are child processes), ` +
      `each verified by a storefront identity token, asking "where is my order <n>" about their own orders.\n` +
      `closed loop: ${env.BENCH_CHAT_QUESTIONS} questions each, the next once answered (after ${warmupQuestions} untimed); ` +
      `fixed rate: ${formatNumber(env.BENCH_CHAT_RATE)} questions/s for ${env.BENCH_CHAT_SECONDS} s after ${env.BENCH_CHAT_WARMUP_SECONDS} s untimed at that rate, latency from the scheduled send; ` +
      `${env.BENCH_CHAT_ROUNDS} round(s) per order count, order counts taking turns, app and baseline alternating first`,
  );

  const prepared: { result: SizeResult; dbName: string; index: number }[] = [];
  for (const size of env.BENCH_CHAT_ORDERS) {
    signal.throwIfAborted();
    const dbName = servers.databaseName(formatCount(size).toLowerCase());
    const load = await prepareOrders(servers, dbName, size, env.BENCH_LOAD_BATCH, signal);
    print(
      `\n${formatCount(size)} orders in ${dbName}: ` +
        (load.written > 0
          ? `${formatNumber(load.written)} loaded in ${load.seconds.toFixed(1)} s (${Math.round((load.seconds * 1e6) / load.written)} µs/order)` +
            (load.kept > 0 ? `, resuming after ${formatNumber(load.kept)} kept` : '')
          : `kept from an earlier run`) +
        `; the service's indexes ensured in ${load.indexSeconds.toFixed(1)} s`,
    );
    // Both sides read orders nobody read yet (shoppers drawn at random): from the disk, unless cached.
    const warmed = await warmPageCache(servers.databaseFiles(dbName), dbName);
    if (warmed.bytes > 0)
      print(
        `  ${mb(warmed.bytes)} MB (${warmed.files.join(', ')}) read into the OS page cache in ${warmed.seconds.toFixed(1)} s, ` +
          `as a running database holds its working set (bench/lib/page-cache.ts)`,
      );
    prepared.push({ result: { orders: size, load, runs: { app: [], baseline: [] } }, dbName, index: prepared.length });
  }
  // Order counts take turns round by round (10k, 1M, then 1M, 10k, …), as app and baseline do within
  // one: this shared 2-core machine has slow stretches of minutes, and the p99 growth 10k → 1M is
  // the app against itself, so running all of one size before the other measured the machine.
  print('');
  for (let round = 0; round < env.BENCH_CHAT_ROUNDS; round++) {
    for (const { result, dbName, index } of round % 2 === 0 ? prepared : [...prepared].reverse()) {
      const size = result.orders;
      const order: Side[] = (round + index) % 2 === 0 ? ['app', 'baseline'] : ['baseline', 'app'];
      for (const side of order) {
        signal.throwIfAborted();
        const run = await runSide({ side, servers, dbName, size, round, logDir, context });
        result.runs[side].push(run);
        print(
          `  ${formatCount(size).padStart(4)} round ${round + 1} ${side.padEnd(8)}: ${formatNumber(Math.round(run.closed.answers / run.closed.seconds))} answers/s closed loop ` +
            `(p99 ${ms(run.closed.latency.p99)} ms); at ${env.BENCH_CHAT_RATE}/s p50 ${ms(run.fixed.latency.p50)} ms, ` +
            `p99 ${ms(run.fixed.latency.p99)} ms; CPU ${run.closed.cpuMsPerAnswer.toFixed(2)} / ${run.fixed.cpuMsPerAnswer.toFixed(2)} ms per answer ` +
            `(database ${run.closed.databaseCpuMsPerAnswer.toFixed(2)} / ${run.fixed.databaseCpuMsPerAnswer.toFixed(2)}; ` +
            `machine ${percent(run.fixed.machineBusyShare)} busy, ${percent(run.fixed.machineStealShare)} stolen at ${env.BENCH_CHAT_RATE}/s); ` +
            `RSS ${mb(run.rssBytes)} MB (idle ${mb(run.idleRssBytes)} MB); ` +
            `connected in ${run.connectSeconds.toFixed(1)} s` +
            failureNote(run),
        );
      }
    }
  }
  const results = prepared.map(({ result }) => result);
  print(report(results, env.BENCH_CHAT_RATE, shopperCount));
  return measures(results, env.BENCH_CHAT_RATE);
}

/** Loads (or resumes, or reuses) the orders and builds the service's indexes, as a running shop has them. */
async function prepareOrders(
  servers: KeptServers,
  dbName: string,
  size: number,
  batchSize: number,
  signal: AbortSignal,
): Promise<OrderLoad & { indexSeconds: number }> {
  const client = new MongoClient(servers.mongoUri, { retryWrites: false });
  await client.connect();
  try {
    const db = client.db(dbName);
    // Conversations left by an interrupted run would only make the next one slower.
    for (const name of chatCollections)
      await db
        .collection(name)
        .drop()
        .catch(() => undefined);
    const load = await ensureOrders({ db, count: size, batchSize, signal });
    const connection = await connectMongo({ uri: servers.mongoUri, dbName, autoIndex: false, attempts: 3 });
    const started = process.hrtime.bigint();
    try {
      // The app would otherwise build them at start, on 1M orders, while being measured.
      await createCustomerProfileService({ connection }).init();
    } finally {
      await connection.close();
    }
    return { ...load, indexSeconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    await client.close();
  }
}

async function runSide(options: {
  side: Side;
  servers: KeptServers;
  dbName: string;
  size: number;
  round: number;
  logDir: string;
  context: BenchContext;
}): Promise<SideRun> {
  const { side, servers, dbName, size, round, logDir, context } = options;
  const { env, signal } = context;
  const identitySecret = randomBytes(32).toString('hex');
  const logFile = path.join(logDir, `${side}-${formatCount(size)}-${round + 1}.log`);
  const child = await startServer(side, { servers, dbName, identitySecret, logFile, env: context.env, logDir });
  const stopped = { done: false };
  context.onCleanup(`stop the ${side} server`, async () => {
    if (!stopped.done) await child.stop();
  });
  try {
    // Each side its own shoppers (customers drawn at random), so neither reads orders the other just cached.
    const random = createRandom(size * 31 + round * 2 + (side === 'app' ? 0 : 1));
    const customers = Math.floor(size / ordersPerCustomer);
    const chosen = new Set<number>();
    while (chosen.size < env.BENCH_CHAT_SHOPPERS) chosen.add(Math.floor(random() * customers));
    const customerOf = [...chosen];
    const orderFor =
      (offset: number) =>
      (shopper: number, question: number): string =>
        orderNumberAt((customerOf[shopper] ?? 0) * ordersPerCustomer + ((offset + question) % ordersPerCustomer));

    const idleRssBytes = child.rssBytes();
    const connectStarted = process.hrtime.bigint();
    const protocol =
      side === 'app'
        ? chatProtocol((shopper) =>
            signIdentityToken(identitySecret, customerIdAt(customerOf[shopper] ?? 0), new Date(Date.now() + 3_600_000)),
          )
        : bareProtocol();
    const shoppers = await connectShoppers({ url: child.url, count: env.BENCH_CHAT_SHOPPERS, protocol, signal });
    try {
      const connectSeconds = Number(process.hrtime.bigint() - connectStarted) / 1e9;
      await runClosedLoop(shoppers, warmupQuestions, orderFor(0), signal);
      const mark = (): CpuMark => ({
        server: child.cpuSeconds(),
        database: servers.databaseCpuSeconds(),
        machine: machineCpuTimes(),
      });
      const closedFrom = mark();
      const closed = await runClosedLoop(shoppers, env.BENCH_CHAT_QUESTIONS, orderFor(warmupQuestions), signal);
      const closedTo = mark();
      // The same offered load untimed first, for both sides: the latency measured is the steady
      // state at that load, not the tail of the closed loop's backlog (GC, queues) draining.
      await runFixedRate(
        shoppers,
        env.BENCH_CHAT_RATE,
        env.BENCH_CHAT_WARMUP_SECONDS,
        orderFor(warmupQuestions + env.BENCH_CHAT_QUESTIONS),
        signal,
      );
      const fixedFrom = mark();
      const fixed = await runFixedRate(
        shoppers,
        env.BENCH_CHAT_RATE,
        env.BENCH_CHAT_SECONDS,
        orderFor(warmupQuestions + env.BENCH_CHAT_QUESTIONS + 1),
        signal,
      );
      const fixedTo = mark();
      if (env.BENCH_CHAT_LATENCY_DIR)
        writeLatencyBySecond(env.BENCH_CHAT_LATENCY_DIR, `${side}-${formatCount(size)}-${round + 1}`, fixed);
      const phase = (result: typeof closed, from: CpuMark, to: CpuMark): Phase => {
        const answers = result.latenciesUs.length;
        const perAnswerMs = (seconds: number): number => (answers > 0 ? (seconds * 1000) / answers : Number.NaN);
        const machineSeconds =
          to.machine.busy +
          to.machine.idle +
          to.machine.steal -
          (from.machine.busy + from.machine.idle + from.machine.steal);
        return {
          answers,
          seconds: result.seconds,
          // No right answer at all (everything refused) still reports, as NaN latencies, instead of throwing.
          latency: answers > 0 ? summarize(result.latenciesUs) : nanLatency(),
          failed: result.failures.failed,
          timedOut: result.failures.timedOut,
          failureSamples: result.failures.samples,
          cpuMsPerAnswer: perAnswerMs(to.server - from.server),
          databaseCpuMsPerAnswer:
            from.database === undefined || to.database === undefined
              ? Number.NaN
              : perAnswerMs(to.database - from.database),
          machineBusyShare: (to.machine.busy - from.machine.busy) / machineSeconds,
          machineStealShare: (to.machine.steal - from.machine.steal) / machineSeconds,
        };
      };
      return {
        connectSeconds,
        closed: phase(closed, closedFrom, closedTo),
        fixed: phase(fixed, fixedFrom, fixedTo),
        idleRssBytes,
        rssBytes: child.rssBytes(),
        peakRssBytes: child.peakRssBytes(),
      };
    } finally {
      shoppers.close();
    }
  } finally {
    stopped.done = true;
    await child.stop();
    if (side === 'app') await dropConversations(options.servers.mongoUri, dbName);
  }
}

/**
 * The fixed-rate phase second by second (answers, p50, p99, max by when each question was due), as
 * `<dir>/<side>-<orders>-<round>.tsv`: shows whether a p99 comes from a few stalls or from load
 * all along.
 */
function writeLatencyBySecond(dir: string, name: string, run: { latenciesUs: number[]; sentAtMs: number[] }): void {
  const bySecond = new Map<number, number[]>();
  run.latenciesUs.forEach((latencyUs, i) => {
    const second = Math.floor((run.sentAtMs[i] ?? 0) / 1000);
    const latencies = bySecond.get(second) ?? [];
    latencies.push(latencyUs / 1000);
    bySecond.set(second, latencies);
  });
  const rows = [...bySecond]
    .sort(([a], [b]) => a - b)
    .map(([second, latencies]) => {
      latencies.sort((a, b) => a - b);
      const at = (q: number): string =>
        (latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? 0).toFixed(1);
      return [second, latencies.length, at(0.5), at(0.99), at(1)].join('\t');
    });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.tsv`), ['second\tanswers\tp50_ms\tp99_ms\tmax_ms', ...rows].join('\n') + '\n');
}

async function startServer(
  side: Side,
  options: {
    servers: KeptServers;
    dbName: string;
    identitySecret: string;
    logFile: string;
    logDir: string;
    env: BenchContext['env'];
  },
): Promise<ChildServer> {
  const { servers, dbName } = options;
  if (side === 'baseline') {
    return startChildServer({
      entry: path.join(repoRoot, 'bench/lib/bare-order-server.ts'),
      env: { BENCH_MONGODB_URI: servers.mongoUri, BENCH_MONGODB_DB: dbName },
      portVariable: 'BENCH_PORT',
      logFile: options.logFile,
    });
  }
  const profileDir = options.env.BENCH_CHAT_CPU_PROFILE_DIR;
  return startChildServer({
    // The app exactly as `npm start -w apps/chat-bot` runs it.
    entry: path.join(repoRoot, 'apps/chat-bot/src/main.ts'),
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      MONGODB_URI: servers.mongoUri,
      MONGODB_DB: dbName,
      REDIS_URL: servers.redisUrl,
      CHAT_HOST: '127.0.0.1',
      // Each shopper comes from its own X-Forwarded-For address, as behind one load balancer.
      CHAT_TRUST_PROXY_HOPS: '1',
      CHAT_SESSION_SECRET: randomBytes(32).toString('hex'),
      SHOP_IDENTITY_SECRET: options.identitySecret,
      // Its own Redis keys, so a shared REDIS_URL keeps this run apart from anything else there.
      BULL_PREFIX: `bench-chat-${randomBytes(4).toString('hex')}`,
      CHAT_REDIS_PREFIX: `bench-chat-${randomBytes(4).toString('hex')}:`,
    },
    portVariable: 'CHAT_PORT',
    logFile: options.logFile,
    nodeArgs: [
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      ...options.env.BENCH_CHAT_NODE_ARGS,
    ],
  });
}

async function dropConversations(uri: string, dbName: string): Promise<void> {
  const client = new MongoClient(uri);
  try {
    await client.connect();
    for (const name of chatCollections)
      await client
        .db(dbName)
        .collection(name)
        .drop()
        .catch(() => undefined);
  } finally {
    await client.close();
  }
}

/** The chat app: start a conversation with the identity token, expect it verified, wait for the greeting; answers are "Order #<n>: <status> …". */
function chatProtocol(identityToken: (shopper: number) => string): ChatProtocol {
  const greeted = new Set<number>();
  return {
    async open(socket: Socket, shopper: number) {
      const greeting = new Promise<void>((resolve) => socket.once('message.created', () => resolve()));
      const ready: unknown = await socket
        .timeout(30_000)
        .emitWithAck('conversation.start', { identityToken: identityToken(shopper), language: 'en' });
      if (!isObject(ready) || ready['ok'] !== true || ready['customerVerified'] !== true)
        throw new Error(`shopper ${shopper}: conversation.start did not verify: ${JSON.stringify(ready)}`);
      await greeting;
      greeted.add(shopper);
    },
    answerOf(payload, shopper) {
      if (!greeted.has(shopper)) return null;
      const message = isObject(payload) ? payload['message'] : undefined;
      if (!isObject(message) || !isObject(message['author']) || message['author']['kind'] !== 'bot') return null;
      const body = typeof message['body'] === 'string' ? message['body'] : '';
      const orderNumber = /#(\w+)/.exec(body)?.[1] ?? '?';
      const expected = `Order #${orderNumber}: ${en.orderStatus[orderAt(Number(orderNumber) - 1_000_000).status]} (`;
      return body.startsWith(expected)
        ? { orderNumber }
        : { orderNumber, error: `wrong answer: ${body.slice(0, 120)}` };
    },
  };
}

/** The baseline: nothing to open; answers carry the order document read by `_id`. */
function bareProtocol(): ChatProtocol {
  return {
    async open() {},
    answerOf(payload) {
      if (!isObject(payload) || typeof payload['orderNumber'] !== 'string') return null;
      const orderNumber = payload['orderNumber'];
      const order = payload['order'];
      const expected = orderAt(Number(orderNumber) - 1_000_000).status;
      return isObject(order) && order['status'] === expected
        ? { orderNumber }
        : { orderNumber, error: `wrong order: ${JSON.stringify(order).slice(0, 120)}` };
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function nanLatency(): LatencyStats {
  return { samples: 0, p50: Number.NaN, p99: Number.NaN, mean: Number.NaN, min: Number.NaN, max: Number.NaN };
}

/** Questions without a right answer in a run, with a sample of why; empty when every question was answered. */
function failureNote(run: SideRun): string {
  const { closed, fixed } = run;
  if (closed.failed + closed.timedOut + fixed.failed + fixed.timedOut === 0) return '';
  return (
    `\n    NOT ANSWERED: closed loop ${closed.failed} failed/refused, ${closed.timedOut} timed out; ` +
    `fixed rate ${fixed.failed} failed/refused, ${fixed.timedOut} timed out; e.g. ` +
    [...closed.failureSamples, ...fixed.failureSamples].slice(0, 2).join(' | ')
  );
}

/** The median run of a side by `pick` (rounds > 1), else the only run. */
function median(runs: readonly SideRun[], pick: (run: SideRun) => number): number {
  const values = runs.map(pick).sort((a, b) => a - b);
  return values[Math.floor((values.length - 1) / 2)] ?? Number.NaN;
}

const throughput = (run: SideRun): number => run.closed.answers / run.closed.seconds;

function ms(us: number): string {
  return (us / 1000).toFixed(1);
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}

function verdict(met: boolean): string {
  return met ? 'yes' : 'NO';
}

function report(results: readonly SizeResult[], rate: number, shoppers: number): string {
  const lines: string[] = [];
  const rows: Cell[][] = [];
  for (const result of results) {
    const size = formatCount(result.orders);
    for (const side of ['app', 'baseline'] as const) {
      const runs = result.runs[side];
      rows.push([
        size,
        side === 'app' ? 'chat app' : 'bare Socket.IO + findOne',
        Math.round(median(runs, throughput)),
        Number(ms(median(runs, (run) => run.closed.latency.p50))),
        Number(ms(median(runs, (run) => run.closed.latency.p99))),
        Number(ms(median(runs, (run) => run.fixed.latency.p50))),
        Number(ms(median(runs, (run) => run.fixed.latency.p99))),
        Number(median(runs, (run) => run.closed.cpuMsPerAnswer).toFixed(2)),
        Number(median(runs, (run) => run.closed.databaseCpuMsPerAnswer).toFixed(2)),
        Math.round(median(runs, (run) => run.rssBytes) / 1024 / 1024),
        median(runs, (run) => run.closed.failed + run.fixed.failed),
        median(runs, (run) => run.closed.timedOut + run.fixed.timedOut),
      ]);
    }
  }
  lines.push(
    `\n${formatNumber(shoppers)} shoppers; latency in ms (send → answer); CPU: the server process's and the database server's, per answer in the closed loop; RSS with every conversation open:`,
  );
  lines.push(
    formatTable(
      [
        'orders',
        'server',
        'answers/s',
        'closed p50',
        'closed p99',
        `p50 @${rate}/s`,
        `p99 @${rate}/s`,
        'CPU ms/answer',
        'database CPU ms/answer',
        'RSS MB',
        'failed',
        'timed out',
      ],
      rows,
      { indent: '  ' },
    ),
  );

  const targets: Cell[][] = [];
  for (const result of results) {
    const size = formatCount(result.orders);
    const app = result.runs.app;
    const base = result.runs.baseline;
    const tput = median(app, throughput);
    const tputRatio = tput / median(base, throughput);
    const p99Ratio = median(app, (run) => run.fixed.latency.p99) / median(base, (run) => run.fixed.latency.p99);
    targets.push([`throughput / baseline @${size}`, ratio(tputRatio), '≥ 0.5×', verdict(tputRatio >= 0.5)]);
    targets.push([`throughput @${size}`, `${Math.round(tput)}/s`, '≥ 500/s', verdict(tput >= 500)]);
    targets.push([`p99 / baseline p99 at ${rate}/s @${size}`, ratio(p99Ratio), '≤ 3×', verdict(p99Ratio <= 3)]);
    const p50Ratio = median(app, (run) => run.fixed.latency.p50) / median(base, (run) => run.fixed.latency.p50);
    targets.push([`p50 / baseline p50 at ${rate}/s @${size} (context)`, ratio(p50Ratio), '—', '']);
  }
  const first = results[0];
  const last = results[results.length - 1];
  if (first && last && first !== last) {
    const growth = (side: Side): number =>
      median(last.runs[side], (run) => run.fixed.latency.p99) /
      median(first.runs[side], (run) => run.fixed.latency.p99);
    const span = `${formatCount(first.orders)} → ${formatCount(last.orders)}`;
    targets.push([`app p99 growth ${span}`, ratio(growth('app')), '≤ 1.2×', verdict(growth('app') <= 1.2)]);
    targets.push([`baseline p99 growth ${span} (context)`, ratio(growth('baseline')), '—', '']);
  }
  lines.push(`\ntargets (same machine, same database, same run):`);
  lines.push(formatTable(['measure', 'measured', 'target', 'met'], targets, { indent: '  ' }));

  const memory: Cell[][] = results.map((result) => {
    const app = result.runs.app;
    const rss = median(app, (run) => run.rssBytes);
    const idle = median(app, (run) => run.idleRssBytes);
    return [
      formatCount(result.orders),
      Number(mb(idle)),
      Number(mb(rss)),
      Number(mb(median(app, (run) => run.peakRssBytes))),
      Math.round((rss - idle) / shoppers / 1024),
      Number(mb(median(result.runs.baseline, (run) => run.rssBytes))),
    ];
  });
  lines.push(`\nchat app memory (VmRSS of its process) at ${formatNumber(shoppers)} open conversations:`);
  lines.push(
    formatTable(
      ['orders', 'idle MB', `${formatNumber(shoppers)} open MB`, 'peak MB', 'KB per conversation', 'baseline MB'],
      memory,
      { indent: '  ' },
    ),
  );

  const loads: Cell[][] = results.map((result) => [
    formatCount(result.orders),
    result.load.kept,
    result.load.written,
    Math.round(result.load.seconds * 10) / 10,
    result.load.written > 0 ? Math.round((result.load.seconds * 1e6) / result.load.written) : '—',
    Math.round(result.load.indexSeconds * 10) / 10,
  ]);
  lines.push(`\norder datasets (kept between runs; insertMany of the service's documents, 2 batches in flight):`);
  lines.push(formatTable(['orders', 'kept', 'loaded now', 'load s', 'µs/order', 'indexes s'], loads, { indent: '  ' }));
  return lines.join('\n');
}

function measures(results: readonly SizeResult[], rate: number): Measure[] {
  const list: Measure[] = [];
  for (const result of results) {
    const size = formatCount(result.orders);
    const { app, baseline } = result.runs;
    list.push({
      measure: `answers_per_second@${size}`,
      value: median(app, throughput),
      unit: '1/s',
      baseline: median(baseline, throughput),
    });
    list.push({
      measure: `cpu_ms_per_answer.closed_loop@${size}`,
      value: median(app, (run) => run.closed.cpuMsPerAnswer),
      unit: 'ms',
      baseline: median(baseline, (run) => run.closed.cpuMsPerAnswer),
    });
    for (const stat of ['p50', 'p99'] as const) {
      list.push({
        measure: `latency.${stat}.at_${rate}_per_s@${size}`,
        value: median(app, (run) => run.fixed.latency[stat]) / 1000,
        unit: 'ms',
        baseline: median(baseline, (run) => run.fixed.latency[stat]) / 1000,
      });
    }
    for (const stat of ['p50', 'p99'] as const) {
      list.push({
        measure: `latency.${stat}.closed_loop@${size}`,
        value: median(app, (run) => run.closed.latency[stat]) / 1000,
        unit: 'ms',
        baseline: median(baseline, (run) => run.closed.latency[stat]) / 1000,
      });
    }
    list.push({
      measure: `unanswered_questions@${size}`,
      value: median(app, (run) => run.closed.failed + run.closed.timedOut + run.fixed.failed + run.fixed.timedOut),
      unit: 'questions',
      baseline: median(
        baseline,
        (run) => run.closed.failed + run.closed.timedOut + run.fixed.failed + run.fixed.timedOut,
      ),
    });
    list.push({
      measure: `rss_mb.open_conversations@${size}`,
      value: median(app, (run) => run.rssBytes) / 1024 / 1024,
      unit: 'MB',
      baseline: median(baseline, (run) => run.rssBytes) / 1024 / 1024,
    });
    if (result.load.written > 0)
      list.push({ measure: `load.seconds@${size}`, value: result.load.seconds, unit: 's', baseline: null });
  }
  const first = results[0];
  const last = results[results.length - 1];
  if (first && last && first !== last) {
    const growth = (side: Side): number =>
      median(last.runs[side], (run) => run.fixed.latency.p99) /
      median(first.runs[side], (run) => run.fixed.latency.p99);
    list.push({
      measure: `latency.p99.growth_${formatCount(first.orders)}_to_${formatCount(last.orders)}`,
      value: growth('app'),
      unit: 'x',
      baseline: growth('baseline'),
    });
  }
  return list;
}

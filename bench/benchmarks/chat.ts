import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { MongoClient } from 'mongodb';
import { z } from 'zod';
import { repoRoot } from '@loyaldesk/platform/local-servers';
import { connectMongo } from '@loyaldesk/platform/mongo';
import { createCustomerProfileService } from '@loyaldesk/customer-profile/service';
import { en } from '@loyaldesk/chat-bot/catalog-en';
import { defaultFloodLimits } from '@loyaldesk/chat-bot/flood-guard';
import { signIdentityToken } from '@loyaldesk/chat-bot/identity-token';
import { customerIdAt, ensureOrders, orderAt, orderNumberAt, ordersPerCustomer } from '../datasets/order-dataset.ts';
import type { Benchmark, BenchContext, Measure } from '../lib/benchmark.ts';
import { connectShoppers, runClosedLoop, runFixedRate, type ChatProtocol } from '../lib/chat-shoppers.ts';
import { startChildServer, type ChildServer } from '../lib/child-server.ts';
import { openKeptServers, type KeptServers } from '../lib/kept-servers.ts';
import { warmPageCache } from '../lib/page-cache.ts';
import { summarize } from '../lib/latency.ts';
import { createRandom } from '../lib/random.ts';
import { formatCount, formatNumber, formatTable, type Cell } from '../lib/table.ts';

/** A server the benchmark measures: a build of the chat app, or the bare Socket.IO baseline. */
interface Side {
  name: string;
  kind: 'chat' | 'bare';
  /** The chat app's folder (holding `src/main.ts`); its repository root is two levels up. */
  appDir?: string;
  /** What runs: the app's build (`dist/main.js`) when it has one, as its `npm start` runs it; else `src/main.ts`. */
  entry?: string;
  nodeArgs: readonly string[];
  extraEnv: Record<string, string>;
}

/** What one round measured on one side. */
interface SideRound {
  /** Closed loop (each shopper asks its next question once answered): answers per second. */
  saturationPerSecond: number;
  /** At the fixed rate: the server process's CPU (user + system) per answer, in ms. */
  cpuMsPerAnswer: number;
  /** At the fixed rate: the database server's CPU per answer, in ms (NaN when it is not a local process). */
  databaseCpuMsPerAnswer: number;
  /** At the fixed rate, from each question's scheduled send to its answer, in ms. */
  p50Ms: number;
  p99Ms: number;
  /** VmRSS once the server answers /health, before any connection. */
  idleRssMb: number;
  /** VmRSS with every shopper connected and its conversation open, before any question. */
  openRssMb: number;
  /** (open − idle) / shoppers. */
  kbPerConversation: number;
  /** VmRSS after both load phases, every conversation still open (heap grown under load; context). */
  afterLoadRssMb: number;
  unanswered: number;
  failureSamples: string[];
}

/** The per-side measures, in report order: name, unit, how to read it from a round, decimals shown. */
const measureDefinitions = [
  { measure: 'answers_per_second.saturation', unit: '1/s', pick: (r: SideRound) => r.saturationPerSecond, digits: 0 },
  { measure: 'cpu_ms_per_answer.app', unit: 'ms', pick: (r: SideRound) => r.cpuMsPerAnswer, digits: 2 },
  { measure: 'cpu_ms_per_answer.database', unit: 'ms', pick: (r: SideRound) => r.databaseCpuMsPerAnswer, digits: 2 },
  { measure: 'rss_mb.idle', unit: 'MB', pick: (r: SideRound) => r.idleRssMb, digits: 0 },
  { measure: 'rss_mb.open_conversations', unit: 'MB', pick: (r: SideRound) => r.openRssMb, digits: 0 },
  { measure: 'rss_kb_per_conversation', unit: 'KB', pick: (r: SideRound) => r.kbPerConversation, digits: 1 },
  { measure: 'rss_mb.after_load', unit: 'MB', pick: (r: SideRound) => r.afterLoadRssMb, digits: 0 },
  { measure: 'latency_ms.p50', unit: 'ms', pick: (r: SideRound) => r.p50Ms, digits: 1 },
  { measure: 'latency_ms.p99', unit: 'ms', pick: (r: SideRound) => r.p99Ms, digits: 1 },
  { measure: 'unanswered_questions', unit: 'questions', pick: (r: SideRound) => r.unanswered, digits: 0 },
] as const;

/** The chat's collections (apps/chat-bot/src/conversations/storage/conversation-store.ts), dropped after each chat run. */
const chatCollections = ['conversations', 'conversation_messages'];

const warmupQuestions = 2;
/** The chat's per-socket flood guard: the load must stay under it, or the app would refuse questions. */
const floodGuard = defaultFloodLimits;
const baselineName = 'baseline';

/** Verified shoppers asking order status through the chat app vs a bare Socket.IO server doing one read per question. */
export const chatBenchmark: Benchmark = {
  name: 'chat',
  description:
    'verified shoppers asking order status: chat app (child process) vs a bare Socket.IO + findOne({_id}) server: saturation, CPU per answer, RSS idle and per conversation',
  run: runChat,
};

async function runChat(context: BenchContext): Promise<Measure[]> {
  const { env, signal, print } = context;
  const shopperCount = env.BENCH_CHAT_SHOPPERS;
  // The app's flood guard must never refuse a question: that would measure the guard, not the answers.
  if (
    1 + warmupQuestions + env.BENCH_CHAT_QUESTIONS >= floodGuard.burst ||
    env.BENCH_CHAT_RATE / shopperCount > floodGuard.perSecond * 0.75
  )
    throw new Error(
      `BENCH_CHAT_QUESTIONS ${env.BENCH_CHAT_QUESTIONS} or BENCH_CHAT_RATE ${env.BENCH_CHAT_RATE} over ${shopperCount} shoppers ` +
        `would hit the chat's flood guard (burst ${floodGuard.burst}, ${floodGuard.perSecond}/s per socket)`,
    );
  const sides: Side[] = [
    {
      name: 'app',
      kind: 'chat',
      appDir: path.join(repoRoot, 'apps/chat-bot'),
      nodeArgs: env.BENCH_CHAT_NODE_ARGS,
      extraEnv: {},
    },
  ];
  if (env.BENCH_CHAT_OTHER_APP_DIR !== undefined) {
    const appDir = path.resolve(env.BENCH_CHAT_OTHER_APP_DIR);
    if (!existsSync(path.join(appDir, 'src/main.ts')))
      throw new Error(`BENCH_CHAT_OTHER_APP_DIR ${appDir} has no src/main.ts`);
    sides.push({
      name: env.BENCH_CHAT_OTHER_LABEL,
      kind: 'chat',
      appDir,
      nodeArgs: env.BENCH_CHAT_OTHER_NODE_ARGS,
      extraEnv: env.BENCH_CHAT_OTHER_ENV,
    });
  }
  sides.push({ name: baselineName, kind: 'bare', nodeArgs: [], extraEnv: {} });

  for (const side of sides) if (side.appDir !== undefined) side.entry = buildEntry(side.appDir, print);

  const servers = await openKeptServers(env, 'chat', context.onCleanup);
  print(`database: ${servers.description}; ${servers.redisDescription}`);
  for (const side of sides)
    if (side.kind === 'chat')
      print(
        `${side.name}: ${side.entry ?? ''}${side.nodeArgs.length > 0 ? ` with node ${side.nodeArgs.join(' ')}` : ''}`,
      );
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'loyaldesk-bench-chat-'));
  if (env.BENCH_CHAT_NODE_ARGS.length > 0) print(`logs kept in ${logDir}`);
  else context.onCleanup(`remove ${logDir}`, async () => rmSync(logDir, { recursive: true, force: true }));
  print(
    `${formatNumber(shopperCount)} shoppers (socket.io-client over WebSocket, in this process; the servers are child processes), ` +
      `each verified by a storefront identity token, asking "where is my order <n>" about their own orders.\n` +
      `saturation: closed loop, ${env.BENCH_CHAT_QUESTIONS} questions each, the next once answered (after ${warmupQuestions} untimed); ` +
      `fixed rate: ${formatNumber(env.BENCH_CHAT_RATE)} questions/s for ${env.BENCH_CHAT_SECONDS} s after ${env.BENCH_CHAT_WARMUP_SECONDS} s untimed, ` +
      `CPU per answer and latency (from the scheduled send) measured there; ` +
      `RSS idle at start and with every conversation open before any question; ${env.BENCH_CHAT_ROUNDS} round(s), the sides' order rotating`,
  );

  const size = env.BENCH_CHAT_ORDERS;
  const dbName = servers.databaseName(formatCount(size).toLowerCase());
  const load = await prepareOrders(servers, dbName, size, env.BENCH_LOAD_BATCH, signal);
  print(
    `\n${formatCount(size)} orders in ${dbName}: ` +
      (load.written > 0
        ? `${formatNumber(load.written)} loaded in ${load.seconds.toFixed(1)} s` +
          (load.kept > 0 ? `, resuming after ${formatNumber(load.kept)} kept` : '')
        : `kept from an earlier run`),
  );
  // Every side reads orders nobody read yet (shoppers drawn at random): from the disk, unless cached.
  await warmPageCache(servers.databaseFiles(dbName), dbName);

  const rounds = new Map<string, SideRound[]>(sides.map((side) => [side.name, []]));
  print('');
  for (let round = 0; round < env.BENCH_CHAT_ROUNDS; round++) {
    const order = sides.map((_, index) => sides[(index + round) % sides.length]).filter((side) => side !== undefined);
    for (const [position, side] of order.entries()) {
      signal.throwIfAborted();
      const result = await runSide({
        side,
        seed: round * sides.length + position,
        servers,
        dbName,
        size,
        logDir,
        context,
      });
      rounds.get(side.name)?.push(result);
      print(
        `  round ${round + 1} ${side.name.padEnd(8)}: ${Math.round(result.saturationPerSecond)} answers/s saturated; ` +
          `at ${env.BENCH_CHAT_RATE}/s CPU ${result.cpuMsPerAnswer.toFixed(2)} ms/answer (database ${result.databaseCpuMsPerAnswer.toFixed(2)}), ` +
          `p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms; ` +
          `RSS idle ${result.idleRssMb.toFixed(0)} MB, ${result.openRssMb.toFixed(0)} MB open (${result.kbPerConversation.toFixed(1)} KB/conversation), ` +
          `${result.afterLoadRssMb.toFixed(0)} MB after load` +
          (result.unanswered > 0
            ? `\n    NOT ANSWERED: ${result.unanswered}; e.g. ${result.failureSamples.slice(0, 2).join(' | ')}`
            : ''),
      );
    }
  }
  print(report(sides, rounds, env.BENCH_CHAT_RATE, shopperCount));
  return measures(sides, rounds);
}

/**
 * The chat app's entry as its own `npm start` runs it: `npm run build` then `dist/main.js` when its
 * package.json has a build script (this checkout), else `src/main.ts` under tsx (older checkouts).
 */
function buildEntry(appDir: string, print: (line: string) => void): string {
  const manifest = z
    .object({ scripts: z.record(z.string(), z.string()).optional() })
    .parse(JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')));
  if (manifest.scripts?.['build'] === undefined) return path.join(appDir, 'src/main.ts');
  const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: appDir, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run build in ${appDir} failed: ${built.stderr || built.stdout}`);
  print(built.stdout.trim());
  return path.join(appDir, 'dist/main.js');
}

/** Loads (or resumes, or reuses) the orders and builds the service's indexes, as a running shop has them. */
async function prepareOrders(
  servers: KeptServers,
  dbName: string,
  size: number,
  batchSize: number,
  signal: AbortSignal,
): Promise<{ written: number; kept: number; seconds: number }> {
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
    try {
      // The app would otherwise build them at start while being measured.
      await createCustomerProfileService({ connection }).init();
    } finally {
      await connection.close();
    }
    return load;
  } finally {
    await client.close();
  }
}

async function runSide(options: {
  side: Side;
  seed: number;
  servers: KeptServers;
  dbName: string;
  size: number;
  logDir: string;
  context: BenchContext;
}): Promise<SideRound> {
  const { side, seed, servers, dbName, size, logDir, context } = options;
  const { env, signal } = context;
  const identitySecret = randomBytes(32).toString('hex');
  const logFile = path.join(logDir, `${side.name}-${seed + 1}.log`);
  const child = await startServer(side, { servers, dbName, identitySecret, logFile });
  const stopped = { done: false };
  context.onCleanup(`stop the ${side.name} server`, async () => {
    if (!stopped.done) await child.stop();
  });
  try {
    // Each run its own shoppers (customers drawn at random), so no side reads orders another just cached.
    const random = createRandom(size * 31 + seed);
    const customers = Math.floor(size / ordersPerCustomer);
    const chosen = new Set<number>();
    while (chosen.size < env.BENCH_CHAT_SHOPPERS) chosen.add(Math.floor(random() * customers));
    const customerOf = [...chosen];
    const orderFor =
      (offset: number) =>
      (shopper: number, question: number): string =>
        orderNumberAt((customerOf[shopper] ?? 0) * ordersPerCustomer + ((offset + question) % ordersPerCustomer));

    const idleRssBytes = child.rssBytes();
    const protocol =
      side.kind === 'chat'
        ? chatProtocol((shopper) =>
            signIdentityToken(identitySecret, customerIdAt(customerOf[shopper] ?? 0), new Date(Date.now() + 3_600_000)),
          )
        : bareProtocol();
    const shoppers = await connectShoppers({ url: child.url, count: env.BENCH_CHAT_SHOPPERS, protocol, signal });
    try {
      const openRssBytes = child.rssBytes();
      await runClosedLoop(shoppers, warmupQuestions, orderFor(0), signal);
      const closed = await runClosedLoop(shoppers, env.BENCH_CHAT_QUESTIONS, orderFor(warmupQuestions), signal);
      // The same offered load untimed first: what is measured is the steady state at that load,
      // not the closed loop's backlog (GC, queues) draining.
      await runFixedRate(
        shoppers,
        env.BENCH_CHAT_RATE,
        env.BENCH_CHAT_WARMUP_SECONDS,
        orderFor(warmupQuestions + env.BENCH_CHAT_QUESTIONS),
        signal,
      );
      const cpuFrom = { server: child.cpuSeconds(), database: servers.databaseCpuSeconds() };
      const fixed = await runFixedRate(
        shoppers,
        env.BENCH_CHAT_RATE,
        env.BENCH_CHAT_SECONDS,
        orderFor(warmupQuestions + env.BENCH_CHAT_QUESTIONS + 1),
        signal,
      );
      const cpuTo = { server: child.cpuSeconds(), database: servers.databaseCpuSeconds() };
      const answers = fixed.latenciesUs.length;
      const perAnswerMs = (seconds: number): number => (answers > 0 ? (seconds * 1000) / answers : Number.NaN);
      // No right answer at all (everything refused) still reports, as NaN latencies, instead of throwing.
      const latency = answers > 0 ? summarize(fixed.latenciesUs) : { p50: Number.NaN, p99: Number.NaN };
      const mb = (bytes: number): number => bytes / 1024 / 1024;
      return {
        saturationPerSecond: closed.latenciesUs.length / closed.seconds,
        cpuMsPerAnswer: perAnswerMs(cpuTo.server - cpuFrom.server),
        databaseCpuMsPerAnswer:
          cpuFrom.database === undefined || cpuTo.database === undefined
            ? Number.NaN
            : perAnswerMs(cpuTo.database - cpuFrom.database),
        p50Ms: latency.p50 / 1000,
        p99Ms: latency.p99 / 1000,
        idleRssMb: mb(idleRssBytes),
        openRssMb: mb(openRssBytes),
        kbPerConversation: (openRssBytes - idleRssBytes) / 1024 / env.BENCH_CHAT_SHOPPERS,
        afterLoadRssMb: mb(child.rssBytes()),
        unanswered: closed.failures.failed + closed.failures.timedOut + fixed.failures.failed + fixed.failures.timedOut,
        failureSamples: [...closed.failures.samples, ...fixed.failures.samples],
      };
    } finally {
      shoppers.close();
    }
  } finally {
    stopped.done = true;
    await child.stop();
    if (side.kind === 'chat') await dropConversations(servers.mongoUri, dbName);
  }
}

async function startServer(
  side: Side,
  options: { servers: KeptServers; dbName: string; identitySecret: string; logFile: string },
): Promise<ChildServer> {
  const { servers, dbName } = options;
  if (side.kind === 'bare' || side.appDir === undefined || side.entry === undefined) {
    return startChildServer({
      entry: path.join(repoRoot, 'bench/lib/bare-order-server.ts'),
      env: { BENCH_MONGODB_URI: servers.mongoUri, BENCH_MONGODB_DB: dbName },
      portVariable: 'BENCH_PORT',
      logFile: options.logFile,
    });
  }
  return startChildServer({
    // The app as `npm start -w apps/chat-bot` runs it, from its own checkout.
    entry: side.entry,
    cwd: path.resolve(side.appDir, '../..'),
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
      ...side.extraEnv,
    },
    portVariable: 'CHAT_PORT',
    logFile: options.logFile,
    nodeArgs: side.nodeArgs,
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

/** The median of the rounds (the lower middle one for an even count). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

function report(sides: readonly Side[], rounds: Map<string, SideRound[]>, rate: number, shoppers: number): string {
  const lines: string[] = [];
  const baseline = rounds.get(baselineName) ?? [];
  const roundCount = baseline.length;
  lines.push(
    `\n${formatNumber(shoppers)} shoppers; CPU per answer and latency at ${formatNumber(rate)} questions/s; ` +
      `RSS open = every conversation open, before any question; ratio = side ÷ baseline (medians):`,
  );
  const header = [
    'measure',
    'side',
    ...Array.from({ length: roundCount }, (_, i) => `round ${i + 1}`),
    'median',
    '÷ baseline',
  ];
  const rows: Cell[][] = [];
  for (const definition of measureDefinitions) {
    const baselineMedian = median(baseline.map(definition.pick));
    for (const side of sides) {
      const values = (rounds.get(side.name) ?? []).map(definition.pick);
      const value = median(values);
      rows.push([
        definition.measure,
        side.name,
        ...values.map((v) => v.toFixed(definition.digits)),
        value.toFixed(definition.digits),
        side.name === baselineName || !Number.isFinite(baselineMedian) || baselineMedian === 0
          ? ''
          : `${(value / baselineMedian).toFixed(2)}×`,
      ]);
    }
  }
  lines.push(formatTable(header, rows, { indent: '  ' }));
  const other = sides.find((side) => side.kind === 'chat' && side.name !== 'app');
  if (other) {
    lines.push(`\napp ÷ ${other.name} (medians):`);
    lines.push(
      formatTable(
        ['measure', other.name, 'app', 'app ÷ ' + other.name],
        measureDefinitions.map((definition) => {
          const before = median((rounds.get(other.name) ?? []).map(definition.pick));
          const after = median((rounds.get('app') ?? []).map(definition.pick));
          return [
            definition.measure,
            before.toFixed(definition.digits),
            after.toFixed(definition.digits),
            before === 0 ? '' : `${(after / before).toFixed(2)}×`,
          ];
        }),
        { indent: '  ' },
      ),
    );
  }
  return lines.join('\n');
}

/** One measure per chat build and definition: the median against the baseline's, with every round's value. */
function measures(sides: readonly Side[], rounds: Map<string, SideRound[]>): Measure[] {
  const baseline = rounds.get(baselineName) ?? [];
  const list: Measure[] = [];
  for (const side of sides) {
    if (side.kind !== 'chat') continue;
    const runs = rounds.get(side.name) ?? [];
    for (const definition of measureDefinitions) {
      list.push({
        measure: side.name === 'app' ? definition.measure : `${side.name}.${definition.measure}`,
        value: median(runs.map(definition.pick)),
        unit: definition.unit,
        baseline: median(baseline.map(definition.pick)),
        rounds: runs.map(definition.pick),
        baselineRounds: baseline.map(definition.pick),
      });
    }
  }
  return list;
}

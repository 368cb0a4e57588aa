// FerretDB's CPU per read and per insert, to compare builds of patches 6 (sjson decoder) and 7
// (one-statement inserts):
//
//   node --import tsx scripts/ferretdb/bench-ops.ts [--orders 10000] [--ops 6000] [--rate 500] [--rounds 2] name=path/to/ferretdb …
//
// Starts each binary on its own temp dir and port (the flags and environment of packages/platform's
// local server), loads --orders of the chat bench's orders (the service's own documents), then:
// - `find` / `insert`: 8 concurrent loops, --ops in all, of a findOne of a random order by _id / an
//   insertMany of 2 chat messages (a question and its answer, as the chat bot stores a turn);
// - `paced turns`: --rate turns/s for 10 s, each a findOne then the 2-document insert, as the chat
//   bot does per answer; latency from each turn's scheduled start.
// FerretDB's CPU comes from /proc/<pid>/stat (user + system) around each scenario. The builds
// alternate for --rounds, so background load on the machine hits them alike.
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { MongoClient, type Collection, type Document } from 'mongodb';
import { ensureOrders, orderNumberAt } from '../../bench/datasets/order-dataset.ts';
import { processCpuSeconds } from '../../bench/lib/process-stats.ts';
import { buildsFromArgs, startFerretdbBuild } from './start-build.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    orders: { type: 'string', default: '10000' },
    ops: { type: 'string', default: '6000' },
    rate: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '2' },
  },
});
const orderCount = Number(values.orders);
const opCount = Number(values.ops);
const rate = Number(values.rate);
const rounds = Number(values.rounds);
const concurrency = 8;
const pacedSeconds = 10;
const builds = buildsFromArgs(positionals, 'bench-ops.ts [--orders 10000] [--ops 6000] name=path/to/ferretdb …');

interface Server {
  url: string;
  cpuSeconds(): number;
  stop(): Promise<void>;
}

async function startServer(binary: string): Promise<Server> {
  const build = await startFerretdbBuild(binary, 'bench-ops');
  return {
    ...build,
    cpuSeconds: () => processCpuSeconds(build.pid),
  };
}

let conversation = 0;
type StringIdDocument = Document & { _id: string };

function turnMessages(turn: number): StringIdDocument[] {
  const conversationId = `conv_${conversation}`;
  return [0, 1].map((i) => ({
    _id: `${conversationId}:${String(2 * turn + i).padStart(8, '0')}`,
    conversationId,
    seq: 2 * turn + i,
    author: { kind: i === 0 ? 'shopper' : 'bot' },
    body: i === 0 ? 'where is my order 1042' : 'Order #1042 shipped on 3 December with UPS.',
    at: new Date(),
    ...(i === 1 ? { quickReplies: ['Track it', 'Talk to a person'] } : {}),
  }));
}

function randomOrderId(): string {
  return orderNumberAt(Math.floor(Math.random() * orderCount));
}

interface Outcome {
  cpuMsPerOp: number;
  p50: number;
  p99: number;
}

function summarize(latencies: number[], cpuSeconds: number, ops: number): Outcome {
  latencies.sort((a, b) => a - b);
  return {
    cpuMsPerOp: (cpuSeconds * 1000) / ops,
    p50: latencies[Math.floor(latencies.length / 2)] ?? 0,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
  };
}

async function concurrentLoops(server: Server, op: (i: number) => Promise<void>): Promise<Outcome> {
  const latencies: number[] = [];
  const cpuBefore = server.cpuSeconds();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < opCount) {
        const i = next++;
        const started = performance.now();
        await op(i);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return summarize(latencies, server.cpuSeconds() - cpuBefore, opCount);
}

async function pacedTurns(
  server: Server,
  orders: Collection<StringIdDocument>,
  messages: Collection<StringIdDocument>,
): Promise<Outcome> {
  const total = rate * pacedSeconds;
  const latencies: number[] = [];
  const turns: Promise<void>[] = [];
  conversation++;
  const cpuBefore = server.cpuSeconds();
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    turns.push(
      (async () => {
        if (!(await orders.findOne({ _id: randomOrderId() }))) throw new Error('an order of the dataset is missing');
        await messages.insertMany(turnMessages(i), { ordered: false });
        latencies.push(performance.now() - due);
      })(),
    );
  }
  await Promise.all(turns);
  return summarize(latencies, server.cpuSeconds() - cpuBefore, total);
}

const results = new Map<string, Outcome[]>();
const record = (key: string, outcome: Outcome): void => {
  results.set(key, [...(results.get(key) ?? []), outcome]);
};
const format = (o: Outcome): string =>
  `CPU ${o.cpuMsPerOp.toFixed(3)} ms/op, p50 ${o.p50.toFixed(2)} ms, p99 ${o.p99.toFixed(2)} ms`;

for (let round = 0; round < rounds; round++) {
  for (const build of builds) {
    const server = await startServer(build.binary);
    const client = await MongoClient.connect(server.url, { maxPoolSize: concurrency + 5 });
    try {
      const db = client.db('bench_ops');
      await ensureOrders({ db, count: orderCount, batchSize: 1000, signal: AbortSignal.timeout(600_000) });
      const orders = db.collection<StringIdDocument>('orders');
      const messages = db.collection<StringIdDocument>('conversation_messages');
      // Untimed: each connection's first statements and the page cache.
      await concurrentLoops(server, async () => void (await orders.findOne({ _id: randomOrderId() })));
      const scenarios: Array<[string, () => Promise<Outcome>]> = [
        [
          'find (8 loops)',
          () => concurrentLoops(server, async () => void (await orders.findOne({ _id: randomOrderId() }))),
        ],
        [
          'insert of 2 (8 loops)',
          () => {
            conversation++;
            return concurrentLoops(
              server,
              async (i) => void (await messages.insertMany(turnMessages(i), { ordered: false })),
            );
          },
        ],
        [`paced turns (${rate}/s)`, () => pacedTurns(server, orders, messages)],
      ];
      for (const [name, run] of scenarios) {
        const outcome = await run();
        record(`${build.name} | ${name}`, outcome);
        console.log(`round ${round + 1} ${build.name.padEnd(8)} ${name.padEnd(22)} ${format(outcome)}`);
      }
    } finally {
      await client.close();
      await server.stop();
    }
  }
}
console.log(`\n${orderCount} orders, ${os.cpus().length} CPUs; median of ${rounds} round(s) (by CPU per op):`);
for (const [key, outcomes] of results) {
  const sorted = [...outcomes].sort((a, b) => a.cpuMsPerOp - b.cpuMsPerOp);
  const median = sorted[Math.floor(sorted.length / 2)];
  if (median) console.log(`${key.padEnd(40)} ${format(median)}`);
}

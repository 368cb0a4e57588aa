// Throughput of concurrent writes on FerretDB, to compare builds of patch 3 (write isolation):
//
//   node --import tsx scripts/ferretdb/bench-locks.ts [--seconds 5] [--clients 20] [--rounds 2] name=path/to/ferretdb …
//
// Starts each binary on its own temp dir and port (with `ferretdbArgs`, the flags of
// packages/platform's local server), runs each scenario for --seconds with --clients concurrent
// loops, checks that the stored counters equal the acknowledged operations, stops the server and
// prints ops/s. The builds alternate for --rounds, so background load on the machine hits them alike.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { buildsFromArgs, startFerretdbBuild } from './start-build.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string', default: '5' },
    clients: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '2' },
  },
});
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const rounds = Number(values.rounds);
const builds = buildsFromArgs(positionals, 'bench-locks.ts [--seconds 5] [--clients 20] name=path/to/ferretdb …');

type Shape = (client: number) => { filter: { _id: string }; op: 'findOneAndUpdate' | 'updateOne' };
const scenarios: Record<string, Shape> = {
  // the chat turn / claim shape: findOneAndUpdate by _id, each client its own document
  'findOneAndUpdate $inc, distinct _ids': (c) => ({ filter: { _id: `doc-${c}` }, op: 'findOneAndUpdate' }),
  // every client on one document: must stay serialized
  'findOneAndUpdate $inc, one _id': () => ({ filter: { _id: 'doc-0' }, op: 'findOneAndUpdate' }),
  'updateOne $inc, distinct _ids': (c) => ({ filter: { _id: `doc-${c}` }, op: 'updateOne' }),
};

async function runScenario(url: string, name: string, shape: Shape): Promise<number> {
  const client = await MongoClient.connect(url, { maxPoolSize: clients + 5 });
  const coll = client
    .db('bench')
    .collection<{ _id: string; n: number; pad: string }>(`s${Math.random().toString(36).slice(2, 8)}`);
  await coll.insertMany(Array.from({ length: clients }, (_, c) => ({ _id: `doc-${c}`, n: 0, pad: 'x'.repeat(200) })));
  let ops = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const { filter, op } = shape(c);
      while (Date.now() < deadline) {
        if (op === 'findOneAndUpdate')
          await coll.findOneAndUpdate(filter, { $inc: { n: 1 } }, { returnDocument: 'after' });
        else await coll.updateOne(filter, { $inc: { n: 1 } });
        ops++;
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  const [sum] = await coll.aggregate<{ total: number }>([{ $group: { _id: null, total: { $sum: '$n' } } }]).toArray();
  const total = sum?.total ?? 0;
  await client.close();
  if (total !== ops) throw new Error(`${name}: ${ops} acknowledged $inc but the documents sum to ${total}`);
  return ops / elapsed;
}

const results: Record<string, number[]> = {};
for (let round = 0; round < rounds; round++) {
  for (const build of builds) {
    const server = await startFerretdbBuild(build.binary, 'bench-locks');
    try {
      for (const [name, shape] of Object.entries(scenarios)) {
        const rate = await runScenario(server.url, name, shape);
        (results[`${build.name} | ${name}`] ??= []).push(rate);
        console.log(
          `round ${round + 1} ${build.name.padEnd(8)} ${name.padEnd(38)} ${rate.toFixed(0).padStart(6)} ops/s`,
        );
      }
    } finally {
      await server.stop();
    }
  }
}
console.log(
  `\n${clients} concurrent clients, ${seconds} s per run, ${os.cpus().length} CPUs; median of ${rounds} round(s):`,
);
for (const [key, rates] of Object.entries(results)) {
  const sorted = [...rates].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(`${key.padEnd(58)} ${median.toFixed(0).padStart(6)} ops/s`);
}
